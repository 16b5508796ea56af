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

    /// <summary>
    /// When a public summary that came from this version was published: from then on it is final, and no earlier
    /// version can be restored over it (a correction is a new version).
    /// </summary>
    public DateTime? FinalAt { get; set; }
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

    /// <summary>Who last published (or withdrew) it: with four eyes, the one who approved.</summary>
    public required string UpdatedByUserId { get; set; }

    /// <summary>When a published text was last replaced by a different one: the page says "gewijzigd op".</summary>
    public DateTime? CorrectedAt { get; set; }

    /// <summary>The minutes version the published text came from (the newest when it was proposed).</summary>
    public int? MinutesNumber { get; set; }
}

/// <summary>
/// A text submitted for publication, waiting for a second facilitator or an administrator to approve exactly
/// it (by its hash), or decided; kept as the history of the publication.
/// </summary>
public sealed class PublicationProposal
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public required string Markdown { get; set; }

    /// <summary>SHA-256 of the text (UTF-8), lower-case hex: an approval names the text by it.</summary>
    public required string Hash { get; set; }

    public required string ProposedByUserId { get; set; }

    public DateTime ProposedAt { get; set; }

    /// <summary>The newest minutes version when it was proposed: the version the summary came from.</summary>
    public int? MinutesNumber { get; set; }

    public ProposalState State { get; set; }

    /// <summary>Who approved or rejected it; for a superseded proposal, who proposed the newer text.</summary>
    public string? DecidedByUserId { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>Why it was rejected.</summary>
    public string? Reason { get; set; }
}

public enum ProposalState
{
    /// <summary>Waiting for approval; at most one per dialogue.</summary>
    Pending,

    /// <summary>Approved and published (or published in one step where no approval is required).</summary>
    Approved,

    /// <summary>Refused by the second reader, with a reason.</summary>
    Rejected,

    /// <summary>A newer text was submitted before anyone decided.</summary>
    Superseded,
}
