namespace IbtDialogue.Voting;

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
