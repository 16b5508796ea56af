namespace IbtDialogue.Live;

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
