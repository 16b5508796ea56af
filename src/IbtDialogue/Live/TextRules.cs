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

    /// <summary>Trims, unifies line breaks and drops control characters other than the line break.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            if (c == '\n' || !char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Like <see cref="Normalize"/>, and folds all whitespace to single spaces (for names).</summary>
    public static string NormalizeLine(string? text) =>
        string.Join(' ', Normalize(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
