using System.Text.Json;

namespace IbtDialogue.Dialogues;

/// <summary>
/// The two agendas the inspectorate starts from (PRODUCT.md, "Theme templates"), read from the embedded
/// seed file builtin-templates.json. Like the municipality list this is content, not interface text: it
/// becomes data that facilitators edit.
/// </summary>
public static class BuiltInTemplates
{
    /// <param name="Key">The theme's stable key in the supervision framework, which the national picture counts by.</param>
    public sealed record SeedTheme(string Key, string Title, string? Goal, IReadOnlyList<string>? Risks);

    public sealed record Seed(string Key, Domain Domain, string Name, string Description, IReadOnlyList<SeedTheme> Themes);

    private static readonly Lazy<IReadOnlyList<Seed>> Seeds = new(Load);

    public static IReadOnlyList<Seed> All => Seeds.Value;

    /// <summary>The themes of the supervision framework: the official templates' themes, by key.</summary>
    public static IReadOnlyList<NationalTheme> Themes { get; } = [.. All.SelectMany(t => t.Themes.Select((theme, i) => new NationalTheme(theme.Key, t.Domain, theme.Title, i + 1)))];

    public static NationalTheme? Theme(string? key) => Themes.FirstOrDefault(t => t.Key == key);

    private static IReadOnlyList<Seed> Load()
    {
        using var stream = typeof(BuiltInTemplates).Assembly.GetManifestResourceStream("IbtDialogue.Dialogues.builtin-templates.json")
            ?? throw new InvalidOperationException("The built-in templates are not embedded.");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        return JsonSerializer.Deserialize<List<Seed>>(stream, options)
            ?? throw new InvalidOperationException("The built-in templates file is empty.");
    }
}

/// <summary>A theme of the supervision framework: the national picture is counted per theme key.</summary>
public sealed record NationalTheme(string Key, Domain Domain, string Title, int Position);
