namespace IbtDialogue.Contributions;

/// <summary>An earlier text of an edited contribution: the audit trail of edits.</summary>
public sealed class ContributionRevision
{
    public int Id { get; set; }

    public int ContributionId { get; set; }

    public required string PreviousText { get; set; }

    /// <summary>"p:{participant id}" or "u:{user id}": who made the edit.</summary>
    public required string EditedBy { get; set; }

    public DateTime EditedAt { get; set; }
}
