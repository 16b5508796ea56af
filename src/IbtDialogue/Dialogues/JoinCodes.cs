using System.Security.Cryptography;

namespace IbtDialogue.Dialogues;

/// <summary>
/// Join codes: nine characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as ABC-DEF-GHJ.
/// 31^9 ≈ 2.6·10^13 codes: guessing one at the allowed rate of failures is hopeless (docs/security.md).
/// Codes of six characters, made before, keep working.
/// </summary>
public static class JoinCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 9;

    /// <summary>The length of the codes made before 2027; still accepted.</summary>
    public const int LegacyLength = 6;

    public static string Create() => string.Create(Length, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });

    /// <summary>Accepts what people type (lower case, spaces, dashes); answers null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 40)
        {
            return null;
        }

        var code = new string([.. typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return code.Length is Length or LegacyLength && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    /// <summary>In groups of three: ABC-DEF-GHJ (and ABC-DEF for the older codes).</summary>
    public static string Display(string code) => code.Length is Length or LegacyLength && code.Length % 3 == 0
        ? string.Join('-', Enumerable.Range(0, code.Length / 3).Select(i => code.Substring(i * 3, 3)))
        : code;
}
