using IbtDialogue.Dialogues;
using IbtDialogue.Protocol;

namespace IbtDialogue.NationalPicture;

/// <summary>
/// How one closed dialogue weighed one catalogue risk: the figures the national picture adds up. Made when
/// the dialogue closes, from its closed votes; nothing in it says who voted what.
/// </summary>
public sealed class RiskOutcome
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public int CatalogueRiskId { get; set; }

    public Domain Domain { get; set; }

    public required string ThemeKey { get; set; }

    public int Year { get; set; }

    /// <summary>The dialogue's GGD region.</summary>
    public string? Region { get; set; }

    public VoteMethod Method { get; set; }

    /// <summary>Participants who gave it a point (dots) or a rating (matrix).</summary>
    public int Voters { get; set; }

    /// <summary>Dots: its points ÷ all points of that vote, so dialogues with different budgets compare.</summary>
    public double? Share { get; set; }

    public double? MeanLikelihood { get; set; }

    public double? MeanImpact { get; set; }

    /// <summary>The municipalities whose participants weighed it, one per line (for counting distinct municipalities nationally).</summary>
    public string Municipalities { get; set; } = "";
}

/// <summary>
/// A catalogue risk's national figure for one slice — domain, theme, year and region ("" for the whole
/// country) — and one method. Rebuilt from the outcomes when a dialogue closes; read by the pages.
/// </summary>
public sealed class RiskFigure
{
    public int Id { get; set; }

    public int CatalogueRiskId { get; set; }

    public Domain Domain { get; set; }

    public required string ThemeKey { get; set; }

    public int Year { get; set; }

    /// <summary>A GGD region, or "" for the whole country.</summary>
    public string Region { get; set; } = "";

    public VoteMethod Method { get; set; }

    public int Dialogues { get; set; }

    public int Municipalities { get; set; }

    /// <summary>Dots: the mean over dialogues of the risk's share of the points.</summary>
    public double? MeanShare { get; set; }

    /// <summary>Matrix: the mean over dialogues of the dialogue's mean likelihood and impact; score = their product.</summary>
    public double? MeanLikelihood { get; set; }

    public double? MeanImpact { get; set; }

    public double? Score { get; set; }

    /// <summary>Population standard deviation over dialogues (of the share, or of the means of likelihood and impact).</summary>
    public double? SpreadShare { get; set; }

    public double? SpreadLikelihood { get; set; }

    public double? SpreadImpact { get; set; }

    /// <summary>Its rank within the theme in this slice (by mean share, or by score); equal values share a rank.</summary>
    public int Rank { get; set; }

    /// <summary>The rank in the same slice a year earlier, if it was weighed then.</summary>
    public int? PreviousRank { get; set; }
}
