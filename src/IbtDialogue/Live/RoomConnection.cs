using IbtDialogue.Protocol;

namespace IbtDialogue.Live;

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

    public RoomRole Role { get; set; }

    public DateTime ConnectedAt { get; set; }
}
