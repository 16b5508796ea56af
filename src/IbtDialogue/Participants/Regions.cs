namespace IbtDialogue.Participants;

/// <summary>A municipality with its CBS code, province and GGD region (division of 1 January 2025).</summary>
public sealed record MunicipalityRegion(string Name, string Code, string Province, string GgdRegion);

/// <summary>
/// The regions of the 342 municipalities, from the embedded list gemeenten-2025-regio.csv (sources in
/// SOURCES-regio.md): CBS code, province and GGD region; and the 25 GGD regions.
/// </summary>
public static class Regions
{
    private static readonly Lazy<IReadOnlyDictionary<string, MunicipalityRegion>> ByName = new(() => Load().ToDictionary(m => m.Name, StringComparer.Ordinal));
    private static readonly Lazy<IReadOnlyDictionary<string, MunicipalityRegion>> ByCode = new(() => ByName.Value.Values.ToDictionary(m => m.Code, StringComparer.OrdinalIgnoreCase));

    public static IReadOnlyCollection<MunicipalityRegion> All => [.. ByName.Value.Values];

    /// <summary>The 25 GGD regions, by name.</summary>
    public static IReadOnlyList<string> GgdRegions { get; } = [.. Load().Select(m => m.GgdRegion).Distinct().Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Provinces { get; } = [.. Load().Select(m => m.Province).Distinct().Order(StringComparer.Ordinal)];

    public static MunicipalityRegion? OfMunicipality(string? name) => name is not null && ByName.Value.TryGetValue(name, out var found) ? found : null;

    /// <summary>A municipality by its CBS code (GM0363) or its name.</summary>
    public static MunicipalityRegion? Find(string? codeOrName)
    {
        var key = (codeOrName ?? "").Trim();
        return ByCode.Value.TryGetValue(key, out var byCode) ? byCode : OfMunicipality(key);
    }

    private static IEnumerable<MunicipalityRegion> Load()
    {
        using var stream = typeof(Regions).Assembly.GetManifestResourceStream("IbtDialogue.Participants.gemeenten-2025-regio.csv")
            ?? throw new InvalidOperationException("The region list is not embedded.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. lines.Skip(1).Select(line => line.Split(';')).Select(f => new MunicipalityRegion(f[0], f[1], f[2], f[3]))];
    }
}
