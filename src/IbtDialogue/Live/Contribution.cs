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
}

/// <summary>A risk on a theme's list: from the template, added by a facilitator, or proposed by a participant.</summary>
public sealed class Risk
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public int ThemeId { get; set; }

    public int Position { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public RiskStatus Status { get; set; }

    public int? ProposedByParticipantId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One participant's vote on one risk: points (dots) or likelihood and impact (matrix).</summary>
public sealed class Vote
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public int ThemeId { get; set; }

    public int RiskId { get; set; }

    public int ParticipantId { get; set; }

    public int Points { get; set; }

    public int? Likelihood { get; set; }

    public int? Impact { get; set; }

    public DateTime CastAt { get; set; }
}

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

/// <summary>A +1 on a contribution; one per person per contribution.</summary>
public sealed class Reaction
{
    public int ContributionId { get; set; }

    /// <summary>"p:{participant id}" or "u:{user id}".</summary>
    public required string ReactedBy { get; set; }

    public DateTime ReactedAt { get; set; }
}

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

/// <summary>An agreement or follow-up action recorded during a dialogue: what, who, by when.</summary>
public sealed class Agreement
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public int ThemeId { get; set; }

    public required string What { get; set; }

    public string? Who { get; set; }

    public DateOnly? Due { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }
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

    public RoomRole Role { get; set; }

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
