using IbtDialogue.Protocol;

namespace IbtDialogue.Participants;

/// <summary>Someone who joined a dialogue with its code: a display name and an organisation, no account.</summary>
public sealed class Participant
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public required string DisplayName { get; set; }

    public required string Organisation { get; set; }

    /// <summary>True when <see cref="Organisation"/> is one of the municipalities of the seed list.</summary>
    public bool IsMunicipality { get; set; }

    public OrganisationType OrganisationType { get; set; }

    /// <summary>SHA-256 of the participant's access token; the token itself is only in their browser.</summary>
    public required string TokenHash { get; set; }

    public DateTime JoinedAt { get; set; }

    /// <summary>Participant or observer (read-only, counted apart).</summary>
    public RoomRole Role { get; set; } = RoomRole.Participant;

    /// <summary>When their last connection to the room closed; with no connection now, they dropped out.</summary>
    public DateTime? LastLeftAt { get; set; }
}
