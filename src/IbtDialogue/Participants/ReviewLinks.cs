using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace IbtDialogue.Participants;

/// <summary>
/// "Bewaar deze link om later terug te kijken": a participant's personal link to the read-only view of a closed
/// dialogue (<see cref="ReviewPage"/>). It names the dialogue and the participant, encrypted and signed with the
/// app's Data Protection keys under a purpose of its own, and has no expiry: it works for as long as the dialogue
/// and the participant's record are kept, and stops when the dialogue is deleted. The database keeps nothing new.
/// The link opens only what the room showed every participant, never a place in the dialogue (no participant token
/// travels in it), so whoever it is passed on to can read, not act. See docs/security.md.
/// </summary>
public sealed class ReviewLinks(IDataProtectionProvider dataProtection)
{
    /// <summary>The route prefix of the read-only view.</summary>
    public const string PathPrefix = "terugkijken";

    private readonly IDataProtector protector = dataProtection.CreateProtector("IbtDialogue.ReviewLink.v1");

    /// <summary>The link value for this participant of this dialogue.</summary>
    public string Make(int dialogueId, int participantId) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{dialogueId}:{participantId}"));

    /// <summary>The site-relative address of the read-only view for this participant of this dialogue.</summary>
    public string PathFor(int dialogueId, int participantId) => $"{PathPrefix}/{Make(dialogueId, participantId)}";

    /// <summary>The dialogue and participant the link names, or null when it is forged or damaged.</summary>
    public (int DialogueId, int ParticipantId)? Read(string? link)
    {
        if (string.IsNullOrEmpty(link) || link.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(link).Split(':');
            return parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var dialogueId)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var participantId)
                ? (dialogueId, participantId)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // Forged or damaged: the same answer as for a deleted dialogue.
        }
        catch (FormatException)
        {
            return null; // Not base64url at all.
        }
    }
}
