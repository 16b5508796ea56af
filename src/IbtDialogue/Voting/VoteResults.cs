using IbtDialogue.Protocol;

namespace IbtDialogue.Voting;

/// <summary>The arithmetic of a vote, apart from storage: the same ballots always give the same results.</summary>
public static class VoteResults
{
    /// <summary>One participant's vote on one risk.</summary>
    public sealed record Ballot(int RiskId, int Voter, int Points, int? Likelihood, int? Impact);

    /// <summary>A risk on the list, with its place (used to order equal results).</summary>
    public sealed record RiskOnList(int Id, int Position);

    /// <summary>
    /// Ranks the risks. Dots: by points (voters = participants who gave it any). Matrix: by mean likelihood ×
    /// mean impact over those who rated that risk; risks nobody rated come last without a score. Equal
    /// results share a rank (1, 1, 3) and keep their order on the list.
    /// </summary>
    public static IReadOnlyList<RiskResult> Compute(VoteMethod method, IReadOnlyList<RiskOnList> risks, IReadOnlyList<Ballot> ballots)
    {
        var results = risks.Select(risk => method == VoteMethod.Dots
            ? Dots(risk, ballots.Where(b => b.RiskId == risk.Id && b.Points > 0).ToList())
            : Matrix(risk, ballots.Where(b => b.RiskId == risk.Id && b.Likelihood is not null && b.Impact is not null).ToList()))
            .ToList();

        double Key(RiskResult r) => method == VoteMethod.Dots ? r.Points : r.Score ?? double.NegativeInfinity;
        var position = risks.ToDictionary(r => r.Id, r => r.Position);
        return
        [
            .. results
                .Select(r => r with { Rank = 1 + results.Count(other => Key(other) > Key(r)) })
                .OrderBy(r => r.Rank)
                .ThenBy(r => position[r.RiskId]),
        ];
    }

    private static RiskResult Dots(RiskOnList risk, List<Ballot> ballots) =>
        new(risk.Id, 0, ballots.Sum(b => b.Points), ballots.Select(b => b.Voter).Distinct().Count());

    private static RiskResult Matrix(RiskOnList risk, List<Ballot> ratings)
    {
        if (ratings.Count == 0)
        {
            return new RiskResult(risk.Id, 0, 0, 0);
        }

        var likelihood = ratings.Select(r => (double)r.Likelihood!.Value).ToList();
        var impact = ratings.Select(r => (double)r.Impact!.Value).ToList();
        var meanLikelihood = likelihood.Average();
        var meanImpact = impact.Average();
        return new RiskResult(
            risk.Id,
            0,
            0,
            ratings.Count,
            meanLikelihood,
            meanImpact,
            meanLikelihood * meanImpact,
            Spread(likelihood, meanLikelihood),
            Spread(impact, meanImpact));
    }

    /// <summary>Population standard deviation: how far the raters are apart.</summary>
    private static double Spread(List<double> values, double mean) => Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
}
