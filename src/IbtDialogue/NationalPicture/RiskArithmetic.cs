using IbtDialogue.Dialogues;
using IbtDialogue.Protocol;

namespace IbtDialogue.NationalPicture;

/// <summary>
/// The arithmetic of the national picture, apart from storage (golden-tested): how one dialogue's closed
/// vote becomes outcomes per catalogue risk, and how outcomes add up to figures per slice with ranks.
/// </summary>
public static class RiskArithmetic
{
    /// <summary>One line of a closed vote: a voter's points or rating on one risk (the voter is their secret ballot number).</summary>
    public sealed record Ballot(int RiskId, int Voter, int Points, int? Likelihood, int? Impact);

    /// <summary>
    /// A dialogue's outcomes for one theme's vote. Only risks linked to the catalogue count. Dots: the
    /// risk's share of all points of the vote, weighed by the municipalities of everyone who voted in it.
    /// Matrix: the mean likelihood and impact over those who rated the risk, weighed by their municipalities.
    /// A vote without points (or a risk nobody rated) gives no outcome.
    /// </summary>
    /// <param name="catalogueOf">Risk id → catalogue risk id, for the linked risks of the theme.</param>
    /// <param name="municipalityOf">Voter → municipality, for voters who spoke for one.</param>
    public static IReadOnlyList<RiskOutcome> Outcomes(
        int dialogueId, Domain domain, string themeKey, int year, string? region, VoteMethod method,
        IReadOnlyDictionary<int, int> catalogueOf, IReadOnlyList<Ballot> ballots, IReadOnlyDictionary<int, string> municipalityOf)
    {
        string Municipalities(IEnumerable<int> voters) =>
            string.Join('\n', voters.Select(p => municipalityOf.GetValueOrDefault(p)).OfType<string>().Distinct().Order(StringComparer.Ordinal));

        var outcomes = new List<RiskOutcome>();
        if (method == VoteMethod.Dots)
        {
            var total = ballots.Sum(b => Math.Max(0, b.Points));
            if (total == 0)
            {
                return outcomes;
            }

            var weighedBy = Municipalities(ballots.Where(b => b.Points > 0).Select(b => b.Voter));
            foreach (var (riskId, catalogueId) in catalogueOf.OrderBy(c => c.Key))
            {
                var points = ballots.Where(b => b.RiskId == riskId && b.Points > 0).ToList();
                outcomes.Add(new RiskOutcome
                {
                    DialogueId = dialogueId, CatalogueRiskId = catalogueId, Domain = domain, ThemeKey = themeKey, Year = year, Region = region, Method = method,
                    Voters = points.Select(b => b.Voter).Distinct().Count(),
                    Share = points.Sum(b => b.Points) / (double)total,
                    Municipalities = weighedBy,
                });
            }

            return outcomes;
        }

        foreach (var (riskId, catalogueId) in catalogueOf.OrderBy(c => c.Key))
        {
            var ratings = ballots.Where(b => b.RiskId == riskId && b.Likelihood is not null && b.Impact is not null).ToList();
            if (ratings.Count == 0)
            {
                continue;
            }

            outcomes.Add(new RiskOutcome
            {
                DialogueId = dialogueId, CatalogueRiskId = catalogueId, Domain = domain, ThemeKey = themeKey, Year = year, Region = region, Method = method,
                Voters = ratings.Select(b => b.Voter).Distinct().Count(),
                MeanLikelihood = ratings.Average(b => (double)b.Likelihood!.Value),
                MeanImpact = ratings.Average(b => (double)b.Impact!.Value),
                Municipalities = Municipalities(ratings.Select(b => b.Voter)),
            });
        }

        return outcomes;
    }

    /// <summary>
    /// The figures of every slice the outcomes touch: per year, for the whole country (region "") and per
    /// region, per method, per catalogue risk. Each dialogue counts once (means over dialogues, so a big
    /// dialogue does not outweigh a small one); spreads are population standard deviations over dialogues.
    /// Ranks are within the slice and method (by mean share, or by score), equal values sharing a rank;
    /// the previous rank is the same risk's rank in the same slice a year earlier.
    /// </summary>
    /// <param name="outcomes">All outcomes of one domain and theme (every year, so previous ranks can be found).</param>
    /// <param name="regions">Only the figures of these regions ("" is the whole country); null: all of them.</param>
    public static IReadOnlyList<RiskFigure> Figures(IReadOnlyList<RiskOutcome> outcomes, IReadOnlySet<string>? regions = null)
    {
        // A dialogue's outcomes share one list of municipalities: split each list once.
        var split = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] Towns(string list) => split.TryGetValue(list, out var towns) ? towns : split[list] = list.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var figures = outcomes
            .SelectMany(o => new[] { (Region: "", Outcome: o) }.Concat(o.Region is { Length: > 0 } region ? [(region, o)] : []))
            .Where(x => regions is null || regions.Contains(x.Region))
            .GroupBy(x => (x.Outcome.Domain, x.Outcome.ThemeKey, x.Outcome.Year, x.Region, x.Outcome.Method, x.Outcome.CatalogueRiskId))
            .Select(g => Figure(g.Key, [.. g.Select(x => x.Outcome)], Towns))
            .ToList();

        foreach (var slice in figures.GroupBy(f => (f.Domain, f.ThemeKey, f.Year, f.Region, f.Method)))
        {
            static double Key(RiskFigure f) => Math.Round(f.Method == VoteMethod.Dots ? f.MeanShare!.Value : f.Score!.Value, 9);
            var members = slice.ToList();
            foreach (var figure in members)
            {
                figure.Rank = 1 + members.Count(other => Key(other) > Key(figure));
            }
        }

        var byKey = figures.ToDictionary(f => (f.Domain, f.ThemeKey, f.Year, f.Region, f.Method, f.CatalogueRiskId));
        foreach (var figure in figures)
        {
            figure.PreviousRank = byKey.TryGetValue((figure.Domain, figure.ThemeKey, figure.Year - 1, figure.Region, figure.Method, figure.CatalogueRiskId), out var previous)
                ? previous.Rank
                : null;
        }

        return [.. figures.OrderBy(f => f.Year).ThenBy(f => f.Region, StringComparer.Ordinal).ThenBy(f => f.Method).ThenBy(f => f.Rank).ThenBy(f => f.CatalogueRiskId)];
    }

    private static RiskFigure Figure(
        (Domain Domain, string ThemeKey, int Year, string Region, VoteMethod Method, int CatalogueRiskId) key, IReadOnlyList<RiskOutcome> outcomes, Func<string, string[]> towns)
    {
        // A dialogue counts once, also when two of its themes carried the same catalogue risk (their mean).
        var perDialogue = outcomes.GroupBy(o => o.DialogueId).Select(g => (
            Share: g.Average(o => o.Share),
            MeanLikelihood: g.Average(o => o.MeanLikelihood),
            MeanImpact: g.Average(o => o.MeanImpact),
            Municipalities: g.SelectMany(o => towns(o.Municipalities)))).ToList();
        var figure = new RiskFigure
        {
            CatalogueRiskId = key.CatalogueRiskId,
            Domain = key.Domain,
            ThemeKey = key.ThemeKey,
            Year = key.Year,
            Region = key.Region,
            Method = key.Method,
            Dialogues = perDialogue.Count,
            Municipalities = perDialogue.SelectMany(o => o.Municipalities).Distinct(StringComparer.Ordinal).Count(),
        };
        if (key.Method == VoteMethod.Dots)
        {
            var shares = perDialogue.Select(o => o.Share ?? 0).ToList();
            figure.MeanShare = shares.Average();
            figure.SpreadShare = Spread(shares);
        }
        else
        {
            var likelihood = perDialogue.Select(o => o.MeanLikelihood ?? 0).ToList();
            var impact = perDialogue.Select(o => o.MeanImpact ?? 0).ToList();
            figure.MeanLikelihood = likelihood.Average();
            figure.MeanImpact = impact.Average();
            figure.Score = figure.MeanLikelihood * figure.MeanImpact;
            figure.SpreadLikelihood = Spread(likelihood);
            figure.SpreadImpact = Spread(impact);
        }

        return figure;
    }

    /// <summary>Population standard deviation.</summary>
    private static double Spread(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    /// <summary>The smallest number of dialogues and of municipalities a figure outside the Inspectie may rest on.</summary>
    public const int SmallestCell = 5;

    /// <summary>Whether a figure may be shown publicly (and in the room): it rests on at least 5 dialogues and 5 municipalities.</summary>
    public static bool Shareable(RiskFigure figure) => figure.Dialogues >= SmallestCell && figure.Municipalities >= SmallestCell;
}
