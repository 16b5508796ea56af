using System.Text.Json;
using Json.Schema;

namespace IbtDialogue.Tests.Support;

/// <summary>The JSON Schemas of the exports, as the repository keeps them (docs/schemas), and a check of a document against one.</summary>
public static class ExportSchemas
{
    private static readonly Lazy<JsonSchema> ParticipantSchema = new(() => Load("participant-export.schema.json"));

    private static readonly Lazy<JsonSchema> RecordSchema = new(() => Load("dialogue-record.schema.json"));

    public static JsonSchema Participant => ParticipantSchema.Value;

    public static JsonSchema Record => RecordSchema.Value;

    /// <summary>The problems of the document against the schema, one line each; none when it is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (result.IsValid)
        {
            return [];
        }

        var problems = new[] { result }.Concat(result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
        return problems.Count == 0 ? ["invalid"] : problems;
    }

    public static void AssertValid(JsonSchema schema, string json)
    {
        var problems = Problems(schema, json);
        Assert.True(problems.Count == 0, "The export does not fit its schema:\n" + string.Join('\n', problems) + "\n\n" + json);
    }

    private static JsonSchema Load(string name) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "schemas", name)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
}
