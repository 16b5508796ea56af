namespace IbtDialogue.Minutes;

/// <summary>One stored version of a dialogue's minutes, in Markdown; every save adds one.</summary>
public sealed class MinutesVersion
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    /// <summary>1 for the first version of a dialogue, then 2, 3, …</summary>
    public int Number { get; set; }

    public required string Markdown { get; set; }

    /// <summary>The facilitator who saved it; null when the composer wrote it at closing.</summary>
    public string? AuthorUserId { get; set; }

    public DateTime CreatedAt { get; set; }
}
