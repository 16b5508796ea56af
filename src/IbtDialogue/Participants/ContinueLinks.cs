using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace IbtDialogue.Participants;

/// <summary>
/// "Ga verder op een ander apparaat": a link that carries the participant's token to their other device, so
/// they continue as the same person without an account. The token is encrypted and signed with the app's
/// Data Protection keys and the link stops working after <see cref="Lifetime"/>; the database keeps nothing
/// new. Whoever holds the link in that time can take part in the person's name — the page says so.
/// </summary>
public sealed class ContinueLinks(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ITimeLimitedDataProtector protector = dataProtection.CreateProtector("IbtDialogue.ContinueLink.v1").ToTimeLimitedDataProtector();

    /// <summary>A link value for this participant token in this dialogue, valid for <see cref="Lifetime"/>.</summary>
    public string Make(int dialogueId, string participantToken) => Make(dialogueId, participantToken, clock.GetUtcNow() + Lifetime);

    public string Make(int dialogueId, string participantToken, DateTimeOffset expires) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{dialogueId}:{participantToken}"), expires);

    /// <summary>The participant token the link carries for this dialogue, or null when it is forged, damaged, expired or for another dialogue.</summary>
    public string? Read(int dialogueId, string link)
    {
        try
        {
            var parts = protector.Unprotect(link).Split(':', 2);
            return parts.Length == 2 && parts[0] == dialogueId.ToString(CultureInfo.InvariantCulture) ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // Forged, damaged or expired: the same answer for each.
        }
    }
}
