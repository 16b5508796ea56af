namespace IbtDialogue.Minutes;

/// <summary>One stored version of a dialogue's minutes, in Markdown; every save adds one, none is overwritten.</summary>
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

    public MinutesSource Source { get; set; }

    /// <summary>For a restored version: the number it was restored from.</summary>
    public int? RestoredFrom { get; set; }
}

public enum MinutesSource
{
    /// <summary>Written by the composer from the dialogue's record.</summary>
    Composed,

    /// <summary>Edited and saved by a facilitator.</summary>
    Edited,

    /// <summary>An earlier version saved again.</summary>
    Restored,
}

/// <summary>The public summary of a dialogue: reviewed Markdown without personal names.</summary>
public sealed class PublishedSummary
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public required string Title { get; set; }

    public DateOnly Date { get; set; }

    public required string Markdown { get; set; }

    /// <summary>The themes' titles, for the search on the public page.</summary>
    public required string Themes { get; set; }

    public bool IsPublished { get; set; }

    public DateTime? FirstPublishedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedByUserId { get; set; }
}
