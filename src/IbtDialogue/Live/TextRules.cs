using System.Globalization;
using System.Text;
using IbtDialogue.Protocol;

namespace IbtDialogue.Live;

/// <summary>The one rule for every short text people type: trimmed, no control characters, not empty, not too long.</summary>
public static class TextRules
{
    /// <summary>Answers the error code for a text that breaks the rule, or null when it is fine.</summary>
    public static string? Check(string? text, int maxLength)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return ErrorCodes.TextEmpty;
        }

        return normalized.Length > maxLength ? ErrorCodes.TextTooLong : null;
    }

    /// <summary>
    /// The refusal for a text (already normalised) that breaks its limit, or null when it is fine; the
    /// explanation names the field and the limit from <see cref="HubContract"/>.
    /// </summary>
    public static CommandOutcome.Refused? Refusal(string text, string what, int maxLength, bool required = true) =>
        text.Length == 0 && required ? CommandOutcome.TextRefused(ErrorCodes.TextEmpty, what, maxLength)
        : text.Length > maxLength ? CommandOutcome.TextRefused(ErrorCodes.TextTooLong, what, maxLength)
        : null;

    /// <summary>
    /// The one normalisation of everything people type, applied once on entry: Unicode NFKC (full-width and other
    /// compatibility forms become their plain letters), line breaks unified, tabs as spaces, and every control
    /// and format character dropped except the line break — zero-width spaces and joiners, soft hyphens, word
    /// joiners, byte-order marks, and the bidirectional overrides and isolates that make text read backwards —
    /// then trimmed.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var composed = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            if (c == '\n')
            {
                builder.Append(c);
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Like <see cref="Normalize"/>, and folds all whitespace to single spaces (for names).</summary>
    public static string NormalizeLine(string? text) =>
        string.Join(' ', Normalize(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Whether a (normalised) name has something to read: at least one letter.</summary>
    public static bool HasLetter(string name) => name.Any(char.IsLetter);

    /// <summary>
    /// Whether an organisation typed by a participant claims to be the Inspectie van het Onderwijs, which speaks
    /// through its facilitators only: compared without case, accents, spaces or punctuation, with the Cyrillic and
    /// Greek letters that look Latin read as Latin.
    /// </summary>
    public static bool ClaimsInspectorate(string organisation)
    {
        var folded = new StringBuilder(organisation.Length);
        foreach (var c in Normalize(organisation).Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetter(c))
            {
                var lower = char.ToLowerInvariant(c);
                folded.Append(LookAlikes.TryGetValue(lower, out var latin) ? latin : lower);
            }
        }

        var text = folded.ToString();
        return text.Contains("inspectievanhetonderwijs", StringComparison.Ordinal)
            || text.Contains("onderwijsinspectie", StringComparison.Ordinal)
            || text.Contains("inspectieonderwijs", StringComparison.Ordinal);
    }

    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['а'] = 'a', ['в'] = 'b', ['е'] = 'e', ['һ'] = 'h', ['і'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o',
        ['р'] = 'p', ['с'] = 'c', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['ѕ'] = 's', ['ԁ'] = 'd', ['ո'] = 'n', ['ν'] = 'v', ['ο'] = 'o',
        ['α'] = 'a', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ı'] = 'i',
    };
}
