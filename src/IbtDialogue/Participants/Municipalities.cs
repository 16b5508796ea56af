using System.Globalization;
using System.Text;

namespace IbtDialogue.Participants;

/// <summary>The 342 municipalities of the Netherlands (gemeentelijke indeling 2025), from the embedded seed list.</summary>
public static class Municipalities
{
    private static readonly Lazy<IReadOnlyList<string>> List = new(Load);
    private static readonly Lazy<HashSet<string>> Set = new(() => new HashSet<string>(List.Value, StringComparer.Ordinal));
    private static readonly Lazy<Dictionary<string, string>> ByKey = new(KeysOf);

    /// <summary>Names people use that are not the official name of the municipality.</summary>
    private static readonly (string Said, string Official)[] Aliases =
    [
        ("Den Haag", "'s-Gravenhage"),
        ("Den Bosch", "'s-Hertogenbosch"),
    ];

    public static IReadOnlyList<string> All => List.Value;

    public static bool Contains(string name) => Set.Value.Contains(name);

    /// <summary>
    /// The official name of the municipality someone typed, or null when it is none. The join field is free text
    /// (its list of suggestions is not there in every browser), so case, accents, apostrophes, hyphens and extra
    /// spaces do not matter, and "Den Haag" and "Den Bosch" are known.
    /// </summary>
    public static string? Find(string? typed)
    {
        var key = Key(typed);
        return key.Length == 0 ? null : ByKey.Value.GetValueOrDefault(key);
    }

    /// <summary>
    /// A few municipalities someone may have meant: those starting with or containing what was typed, else
    /// those within two typing errors of it.
    /// </summary>
    public static IReadOnlyList<string> Suggest(string? typed, int max = 3)
    {
        var key = Key(typed);
        if (key.Length < 2)
        {
            return [];
        }

        var keyed = List.Value.Select(name => (Name: name, Key: Key(name))).ToList();
        var near = keyed.Where(n => n.Key.StartsWith(key, StringComparison.Ordinal))
            .Concat(keyed.Where(n => n.Key.Contains(key, StringComparison.Ordinal)))
            .Select(n => n.Name)
            .Distinct()
            .Take(max)
            .ToList();
        if (near.Count > 0)
        {
            return near;
        }

        return [.. keyed.Select(n => (n.Name, Distance: Distance(key, n.Key)))
            .Where(n => n.Distance <= 2)
            .OrderBy(n => n.Distance)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(n => n.Name)];
    }

    /// <summary>What a name is compared by: lower case, no accents or apostrophes, a hyphen counts as a space.</summary>
    internal static string Key(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var key = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '‘' or '`' or '´')
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '-' or '‐' or '–')
            {
                space = key.Length > 0;
                continue;
            }

            if (space)
            {
                key.Append(' ');
                space = false;
            }

            key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString();
    }

    private static Dictionary<string, string> KeysOf()
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in List.Value)
        {
            if (!keys.TryAdd(Key(name), name))
            {
                throw new InvalidOperationException($"Two municipalities compare alike: {name} and {keys[Key(name)]}.");
            }
        }

        foreach (var (said, official) in Aliases)
        {
            keys.TryAdd(Key(said), official);
        }

        return keys;
    }

    /// <summary>The number of typing errors (insertions, deletions, substitutions) between two short names.</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

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
