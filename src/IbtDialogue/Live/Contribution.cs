using IbtDialogue.Client.Protocol;

namespace IbtDialogue.Live;

/// <summary>A short text posted in the live room: a success factor, a bottleneck or a question.</summary>
public sealed class Contribution
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public int ThemeId { get; set; }

    public ContributionKind Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>Set when a participant posted it.</summary>
    public int? ParticipantId { get; set; }

    /// <summary>Set when a facilitator posted it.</summary>
    public string? AuthorUserId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One open hub connection in one dialogue's room. Presence is computed from these rows, so every node of
/// a scaled-out deployment sees the same room; rows of a node that died are removed when it starts again.
/// </summary>
public sealed class RoomConnection
{
    public required string ConnectionId { get; set; }

    public int DialogueId { get; set; }

    public int? ParticipantId { get; set; }

    public string? UserId { get; set; }

    public required string Node { get; set; }

    public DateTime ConnectedAt { get; set; }
}

/// <summary>
/// A command that took effect, kept by its client-made id, so that a retry after a lost acknowledgement
/// answers the same and changes nothing.
/// </summary>
public sealed class ProcessedCommand
{
    public Guid CommandId { get; set; }

    public int DialogueId { get; set; }

    public required string Actor { get; set; }

    public long Version { get; set; }

    public int? EntityId { get; set; }

    public DateTime ProcessedAt { get; set; }
}
