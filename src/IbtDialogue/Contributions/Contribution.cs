using IbtDialogue.Protocol;

namespace IbtDialogue.Contributions;

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

    public ContributionStatus Status { get; set; }

    /// <summary>Set when merged: the contribution that now stands for this one.</summary>
    public int? MergedIntoId { get; set; }

    /// <summary>Changed after posting (by its author or a moderator); the earlier texts are in the revisions.</summary>
    public bool Edited { get; set; }

    /// <summary>For a question about a good practice: that good practice.</summary>
    public int? ParentId { get; set; }

    // A good practice: Text holds what was done; these hold the rest.
    public string? PracticeTitle { get; set; }

    public string? PracticeWhy { get; set; }

    public string? PracticeOrganisation { get; set; }

    public CycleStep? PracticeStep { get; set; }

    /// <summary>Someone who may be approached about the practice; stored only with their consent.</summary>
    public string? ContactName { get; set; }

    public string? ContactDetails { get; set; }

    /// <summary>When the author confirmed that the contact agreed to be approached.</summary>
    public DateTime? ContactConsentAt { get; set; }

    /// <summary>The dialogue's anonymity when this was posted: how its author is shown, also after the dialogue's setting changes.</summary>
    public Anonymity Anonymity { get; set; }
}
