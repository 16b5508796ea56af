namespace IbtDialogue.Participants;

/// <summary>The 342 municipalities of the Netherlands (gemeentelijke indeling 2025), from the embedded seed list.</summary>
public static class Municipalities
{
    private static readonly Lazy<IReadOnlyList<string>> List = new(Load);
    private static readonly Lazy<HashSet<string>> Set = new(() => new HashSet<string>(List.Value, StringComparer.Ordinal));

    public static IReadOnlyList<string> All => List.Value;

    public static bool Contains(string name) => Set.Value.Contains(name);

    private static IReadOnlyList<string> Load()
    {
        using var stream = typeof(Municipalities).Assembly.GetManifestResourceStream("IbtDialogue.Participants.gemeenten-2025.txt")
            ?? throw new InvalidOperationException("The municipality list is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToArray();
    }
}
