using System.Security.Claims;

namespace IbtDialogue.Live;

/// <summary>Who sends a command: a facilitator account, a participant of one dialogue, or both (a facilitator testing as participant).</summary>
public sealed record Actor(string? UserId, int? ParticipantId, int? ParticipantDialogueId)
{
    public const string ParticipantClaim = "ibt:participant";
    public const string DialogueClaim = "ibt:dialogue";

    /// <summary>The server itself (presence bookkeeping).</summary>
    public static readonly Actor Server = new(null, null, null);

    /// <summary>The key under which the actor's processed commands are stored.</summary>
    public string Key => ParticipantId is { } p ? ParticipantKey(p) : $"u:{UserId}";

    public static string ParticipantKey(int participantId) => $"p:{participantId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static Actor From(ClaimsPrincipal? user)
    {
        if (user is null)
        {
            return new Actor(null, null, null);
        }

        string? userId = null;
        int? participantId = null;
        int? dialogueId = null;
        foreach (var identity in user.Identities.Where(i => i.IsAuthenticated))
        {
            if (identity.FindFirst(ParticipantClaim) is { } p && identity.FindFirst(DialogueClaim) is { } d)
            {
                participantId = int.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture);
                dialogueId = int.Parse(d.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (identity.FindFirst(ClaimTypes.NameIdentifier) is { } u)
            {
                userId = u.Value;
            }
        }

        return new Actor(userId, participantId, dialogueId);
    }
}

/// <summary>The name of this node in a scaled-out deployment (config <c>Node:Name</c>, else the machine name).</summary>
public sealed record NodeIdentity(string Name);
