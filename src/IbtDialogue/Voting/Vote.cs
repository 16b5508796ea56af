namespace IbtDialogue.Voting;

/// <summary>
/// One voter's vote on one risk: points (dots) or likelihood and impact (matrix). While the vote runs it is
/// linked to the participant (for the budget and for changing it); once the results are revealed, or the
/// dialogue closes, the link is dropped and only the secret ballot remains: a random ballot number per voter
/// and theme, and the municipality the voter spoke for (what the national picture counts).
/// </summary>
public sealed class Vote
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public int ThemeId { get; set; }

    public int RiskId { get; set; }

    /// <summary>The voter while the vote runs; null once the ballot is secret.</summary>
    public int? ParticipantId { get; set; }

    /// <summary>The voter's ballot in this theme's vote: a random number, the same on all their votes of the theme.</summary>
    public int Ballot { get; set; }

    /// <summary>The municipality the voter spoke for, if any (for the national picture's count of municipalities).</summary>
    public string? Municipality { get; set; }

    public int Points { get; set; }

    public int? Likelihood { get; set; }

    public int? Impact { get; set; }

    public DateTime CastAt { get; set; }
}
