namespace IbtDialogue.Contributions;

/// <summary>What a facilitator did to someone's contribution, by whom and when: the moderation audit trail.</summary>
public sealed class ModerationRecord
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public int ContributionId { get; set; }

    /// <summary>hide, show, approve, reject, edit, merge.</summary>
    public required string Action { get; set; }

    public required string UserId { get; set; }

    public DateTime At { get; set; }

    /// <summary>For an edit, the text before it; for a merge, the id it was merged into.</summary>
    public string? Detail { get; set; }
}
