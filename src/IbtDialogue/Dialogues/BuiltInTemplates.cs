using System.Text.Json;

namespace IbtDialogue.Dialogues;

/// <summary>
/// The two agendas the inspectorate starts from (PRODUCT.md, "Theme templates"), read from the embedded
/// seed file builtin-templates.json. Like the municipality list this is content, not interface text: it
/// becomes data that facilitators edit.
/// </summary>
public static class BuiltInTemplates
{
    public sealed record SeedTheme(string Title, string? Goal, IReadOnlyList<string>? Risks);

    public sealed record Seed(string Key, string Name, string Description, IReadOnlyList<SeedTheme> Themes);

    private static readonly Lazy<IReadOnlyList<Seed>> Seeds = new(Load);

    public static IReadOnlyList<Seed> All => Seeds.Value;

    private static IReadOnlyList<Seed> Load()
    {
        using var stream = typeof(BuiltInTemplates).Assembly.GetManifestResourceStream("IbtDialogue.Dialogues.builtin-templates.json")
            ?? throw new InvalidOperationException("The built-in templates are not embedded.");
        return JsonSerializer.Deserialize<List<Seed>>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The built-in templates file is empty.");
    }
}
