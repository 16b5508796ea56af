using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

/// <summary>One catalogue risk's national figure as a page shows it.</summary>
/// <param name="Shareable">Whether it rests on enough dialogues and municipalities to be shown outside the Inspectie.</param>
public sealed record RiskStanding(
    int CatalogueRiskId,
    string Title,
    string? Explanation,
    string? Source,
    Domain Domain,
    string ThemeKey,
    int Year,
    string Region,
    VoteMethod Method,
    int Rank,
    int? PreviousRank,
    int Dialogues,
    int Municipalities,
    double? MeanShare,
    double? SpreadShare,
    double? MeanLikelihood,
    double? MeanImpact,
    double? Score,
    double? SpreadLikelihood,
    double? SpreadImpact,
    bool Shareable);

/// <summary>Which part of the picture to read.</summary>
/// <param name="Region">A GGD region, or "" for the whole country.</param>
/// <param name="ShareableOnly">For everyone outside the Inspectie: only figures on at least 5 dialogues and 5 municipalities, ranked among themselves.</param>
public sealed record PictureSlice(Domain Domain, string? ThemeKey, int? Year, string Region = "", bool ShareableOnly = true);

/// <summary>
/// Reads the national figures (kept up to date when dialogues close, never computed per request). What
/// leaves the Inspectie — the public page, the open data, the live room — passes the small-cell rule: no
/// figure on fewer than 5 dialogues or 5 municipalities; such figures are left out, and the ranks shown are
/// ranks among what is shown.
/// </summary>
public sealed class RiskPicture(IDbContextFactory<DialogueDb> dbFactory)
{
    public async Task<IReadOnlyList<RiskStanding>> StandingsAsync(PictureSlice slice, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await StandingsAsync(db, slice, cancellationToken);
    }

    public static async Task<IReadOnlyList<RiskStanding>> StandingsAsync(DialogueDb db, PictureSlice slice, CancellationToken cancellationToken)
    {
        var figures = db.RiskFigures.AsNoTracking().Where(f => f.Domain == slice.Domain && f.Region == slice.Region);
        if (slice.ThemeKey is { Length: > 0 } theme)
        {
            figures = figures.Where(f => f.ThemeKey == theme);
        }

        if (slice.Year is { } year)
        {
            figures = figures.Where(f => f.Year == year || f.Year == year - 1); // The year before: for the change.
        }

        if (slice.ShareableOnly)
        {
            figures = figures.Where(f => f.Dialogues >= RiskArithmetic.SmallestCell && f.Municipalities >= RiskArithmetic.SmallestCell);
        }

        var rows = await (
            from f in figures
            join c in db.CatalogueRisks on f.CatalogueRiskId equals c.Id
            select new RiskStanding(
                c.Id, c.Title, c.Explanation, c.Source, f.Domain, f.ThemeKey, f.Year, f.Region, f.Method, f.Rank, f.PreviousRank, f.Dialogues, f.Municipalities,
                f.MeanShare, f.SpreadShare, f.MeanLikelihood, f.MeanImpact, f.Score, f.SpreadLikelihood, f.SpreadImpact,
                f.Dialogues >= RiskArithmetic.SmallestCell && f.Municipalities >= RiskArithmetic.SmallestCell))
            .ToListAsync(cancellationToken);
        var ranked = slice.ShareableOnly ? Rerank(rows) : rows;
        if (slice.ShareableOnly)
        {
            // The change since last year, between ranks among what is shown in both years.
            var before = ranked.ToDictionary(r => (r.Year, r.Region, r.ThemeKey, r.Method, r.CatalogueRiskId), r => r.Rank);
            ranked = [.. ranked.Select(r => r with { PreviousRank = before.TryGetValue((r.Year - 1, r.Region, r.ThemeKey, r.Method, r.CatalogueRiskId), out var rank) ? rank : null })];
        }

        return Order(slice.Year is { } shown ? ranked.Where(r => r.Year == shown) : ranked);
    }

    /// <summary>The years with figures for a domain, newest first; with <paramref name="shareableOnly"/>, only years with a figure that may be shown outside the Inspectie.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(Domain domain, bool shareableOnly, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var figures = db.RiskFigures.Where(f => f.Domain == domain);
        if (shareableOnly)
        {
            figures = figures.Where(f => f.Dialogues >= RiskArithmetic.SmallestCell && f.Municipalities >= RiskArithmetic.SmallestCell);
        }

        return await figures.Select(f => f.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// What the live room may see of a theme nationally: the shareable figures of the newest year up to the
    /// dialogue's year that has any, for the whole country.
    /// </summary>
    public async Task<IReadOnlyList<RiskStanding>> ForThemeAsync(Domain domain, string themeKey, int upToYear, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ForThemeAsync(db, domain, themeKey, upToYear, cancellationToken);
    }

    public static async Task<IReadOnlyList<RiskStanding>> ForThemeAsync(DialogueDb db, Domain domain, string themeKey, int upToYear, CancellationToken cancellationToken)
    {
        var year = await db.RiskFigures
            .Where(f => f.Domain == domain && f.ThemeKey == themeKey && f.Region == "" && f.Year <= upToYear
                && f.Dialogues >= RiskArithmetic.SmallestCell && f.Municipalities >= RiskArithmetic.SmallestCell)
            .MaxAsync(f => (int?)f.Year, cancellationToken);
        return year is null ? [] : await StandingsAsync(db, new PictureSlice(domain, themeKey, year), cancellationToken);
    }

    /// <summary>Shown figures ranked among themselves (per year, region, theme and method): a left-out figure leaves no gap that tells something.</summary>
    private static List<RiskStanding> Rerank(List<RiskStanding> rows)
    {
        var reranked = new List<RiskStanding>();
        foreach (var group in rows.GroupBy(r => (r.Year, r.Region, r.ThemeKey, r.Method)))
        {
            var members = group.ToList();
            double Key(RiskStanding r) => Math.Round(r.Method == VoteMethod.Dots ? r.MeanShare ?? 0 : r.Score ?? 0, 9);
            reranked.AddRange(members.Select(r => r with { Rank = 1 + members.Count(o => Key(o) > Key(r)) }));
        }

        return Order(reranked);
    }

    private static List<RiskStanding> Order(IEnumerable<RiskStanding> rows) =>
        [.. rows.OrderByDescending(r => r.Year).ThenBy(r => BuiltInTemplates.Theme(r.ThemeKey)?.Position ?? int.MaxValue).ThenBy(r => r.Method).ThenBy(r => r.Rank).ThenBy(r => r.Title, StringComparer.CurrentCulture)];
}
