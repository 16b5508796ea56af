using IbtDialogue.Protocol;

namespace IbtDialogue.Voting;

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

    /// <summary>The national catalogue risk this is: from the catalogue, or linked later by an analyst. Only linked risks count nationally.</summary>
    public int? CatalogueRiskId { get; set; }

    public DateTime CreatedAt { get; set; }
}
