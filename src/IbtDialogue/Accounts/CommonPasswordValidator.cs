using System.Collections.Frozen;
using IbtDialogue.Resources;
using Microsoft.AspNetCore.Identity;

namespace IbtDialogue.Accounts;

/// <summary>
/// Refuses passwords that guessing tries first (NIST SP 800-63B, NCSC): one from the shipped list of common and
/// breached passwords (<c>common-passwords.txt</c>, see its SOURCES note), such a password or the service's own
/// name dressed up with capitals, digits, punctuation, l33t or repetition (<c>Wachtwoord2024!</c>,
/// <c>W@chtw00rd</c>, <c>welkomwelkom</c>), the person's own e-mail address, and passwords of fewer than four
/// different characters. The length rule (at least 12) is Identity's own; there are no composition rules.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<UserAccount>
{
    private const int MinimumDistinctCharacters = 4;

    private static readonly Lazy<FrozenSet<string>> Blocklist = new(Load);

    /// <summary>Words of this service that make a guessable password in it.</summary>
    private static readonly string[] ServiceWords =
        ["lerendedialogen", "lerendedialoog", "dialogen", "dialoog", "inspectie", "onderwijsinspectie", "inspectievanhetonderwijs", "owinsp", "ibtdialogue", "ibtdialoog", "kinderopvang"];

    public static bool IsCommon(string password, string? email = null)
    {
        var normalized = new string([.. password.Where(c => !char.IsWhiteSpace(c)).Select(char.ToLowerInvariant)]);
        if (normalized.Distinct().Count() < MinimumDistinctCharacters || Blocklist.Value.Contains(normalized))
        {
            return true;
        }

        var own = OwnWords(email);
        var core = normalized.Trim(Decoration);
        return Variants(core).Any(variant => variant.Length > 0 && (IsKnown(variant, own) || (Unit(variant) is { } unit && IsKnown(unit, own))));
    }

    public Task<IdentityResult> ValidateAsync(UserManager<UserAccount> manager, UserAccount user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password, user.Email)
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = ServerTexts.AccountErrorCommonPassword })
            : IdentityResult.Success);

    private static bool IsKnown(string word, string[] own) =>
        Blocklist.Value.Contains(word) || ServiceWords.Contains(word, StringComparer.Ordinal) || own.Contains(word, StringComparer.Ordinal);

    /// <summary>What is stripped from both ends before looking a password up: digits, punctuation, symbols.</summary>
    private static readonly char[] Decoration = [.. Enumerable.Range(33, 94).Select(c => (char)c).Where(c => !char.IsAsciiLetter(c))];

    /// <summary>The word itself and its l33t readings (@ and 4 as a, 0 as o, 3 as e, $ and 5 as s, 7 as t, 1 and ! as i or l).</summary>
    private static IEnumerable<string> Variants(string core)
    {
        yield return core;
        string Read(char one) => new([.. core.Select(c => c switch
        {
            '@' or '4' => 'a',
            '0' => 'o',
            '3' => 'e',
            '$' or '5' => 's',
            '7' => 't',
            '1' or '!' or '|' => one,
            _ => c,
        })]);
        yield return Read('i');
        yield return Read('l');
    }

    /// <summary>The part a word repeats, when it is nothing but that part again and again (<c>welkomwelkom</c>).</summary>
    private static string? Unit(string word)
    {
        for (var length = 1; length <= word.Length / 2; length++)
        {
            if (word.Length % length == 0 && string.Concat(Enumerable.Repeat(word[..length], word.Length / length)) == word)
            {
                return word[..length];
            }
        }

        return null;
    }

    private static string[] OwnWords(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return [];
        }

        var address = email.Trim().ToLowerInvariant();
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 ? [address, address[..at], address[..at].Replace(".", "", StringComparison.Ordinal)] : [address];
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("IbtDialogue.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The password blocklist is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
