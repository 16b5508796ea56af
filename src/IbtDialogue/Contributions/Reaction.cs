namespace IbtDialogue.Contributions;

/// <summary>A +1 on a contribution; one per person per contribution.</summary>
public sealed class Reaction
{
    public int ContributionId { get; set; }

    /// <summary>"p:{participant id}" or "u:{user id}".</summary>
    public required string ReactedBy { get; set; }

    public DateTime ReactedAt { get; set; }
}
