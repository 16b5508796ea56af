using System.Globalization;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Resources;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

/// <summary>
/// The national picture brought into a live dialogue: the facilitator's panel for the current theme, the
/// item put on everyone's screen, and the national figures set beside the room's own results.
/// </summary>
public sealed class NationalRoom(IDbContextFactory<DialogueDb> dbFactory, MarkdownRenderer renderer)
{
    private const int PracticesShown = 5;

    public async Task<NationalPanelResult> PanelAsync(NationalPanelRequest request, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var access = await RoomAccess.ReadAsync(db, request.DialogueId, actor, cancellationToken);
        if (access is not { IsFacilitator: true })
        {
            return access is null
                ? NationalPanelResult.Failure(RoomCommands.NoSuchDialogue.Code, RoomCommands.NoSuchDialogue.Detail)
                : NationalPanelResult.Failure(ErrorCodes.Forbidden, "Only a facilitator of this dialogue sees the national panel.");
        }

        var found = await (
            from t in db.Themes.AsNoTracking()
            join d in db.Dialogues on t.DialogueId equals d.Id
            where t.Id == request.ThemeId && t.DialogueId == request.DialogueId
            select new { t.ThemeKey, d.Domain, d.Year })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NationalPanelResult.Failure(ErrorCodes.NotFound, "No such theme in this dialogue.");
        }

        if (found.ThemeKey is not { } key)
        {
            return NationalPanelResult.Success(new NationalPanel(null, null, [], [], [], []));
        }

        var standings = await RiskPicture.ForThemeAsync(db, found.Domain, key, found.Year, cancellationToken);
        var onList = await db.Risks.Where(r => r.ThemeId == request.ThemeId && r.CatalogueRiskId != null && r.Status != RiskStatus.Rejected)
            .Select(r => r.CatalogueRiskId!.Value).ToListAsync(cancellationToken);
        var catalogue = await db.CatalogueRisks.AsNoTracking().Where(c => c.Domain == found.Domain && c.ThemeKey == key && !c.Retired)
            .OrderBy(c => c.Title).ToListAsync(cancellationToken);
        var practices = await (
            from p in db.LibraryPractices.AsNoTracking()
            join c in db.Contributions on p.ContributionId equals c.Id
            where p.Domain == found.Domain && p.ThemeKey == key && p.Featured && !p.Hidden
            orderby p.Year descending, c.Id descending
            select new NationalPracticeView(c.Id, c.PracticeTitle ?? "", c.Text, c.PracticeWhy ?? "", c.PracticeOrganisation ?? "", p.Step))
            .Take(PracticesShown).ToListAsync(cancellationToken);
        var findings = await db.Findings.AsNoTracking().Where(f => f.Domain == found.Domain && f.ThemeKey == key)
            .OrderByDescending(f => f.UpdatedAt).ToListAsync(cancellationToken);

        return NationalPanelResult.Success(new NationalPanel(
            key,
            standings.FirstOrDefault()?.Year,
            [.. standings.Select(s => new NationalRiskView(s.CatalogueRiskId, s.Title, s.Method, s.Rank, s.PreviousRank, s.Dialogues, s.Municipalities, s.MeanShare, s.Score))],
            [.. catalogue.Select(c => new NationalCatalogueItem(c.Id, c.Title, c.Explanation, c.Source, onList.Contains(c.Id)))],
            practices,
            [.. findings.Select(f => new NationalFindingView(f.Id, f.Title, renderer.ToHtml(f.Markdown), f.Sources))]));
    }

    /// <summary>
    /// What the screen shows of an item of the national picture of the dialogue's domain; null when there is no
    /// such item, or it may not be shown (a hidden practice, a catalogue risk of another domain).
    /// </summary>
    public static async Task<NationalItemView?> ItemAsync(DialogueDb db, Dialogue dialogue, NationalItemKind kind, int id, CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentCulture;
        switch (kind)
        {
            case NationalItemKind.Risk:
                var risk = await db.CatalogueRisks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.Domain == dialogue.Domain, cancellationToken);
                if (risk is null)
                {
                    return null;
                }

                var standings = await RiskPicture.ForThemeAsync(db, dialogue.Domain, risk.ThemeKey, dialogue.Year, cancellationToken);
                var lines = standings.Where(s => s.CatalogueRiskId == id).Select(s => Figures(s, culture)).ToList();
                var text = string.Join("\n", new[] { risk.Explanation }.Concat(lines.Count > 0 ? lines : [ServerTexts.NationalTooFew]).OfType<string>());
                return new NationalItemView(kind, id, risk.Title, text, risk.Source);
            case NationalItemKind.Practice:
                var practice = await (
                    from p in db.LibraryPractices.AsNoTracking()
                    join c in db.Contributions on p.ContributionId equals c.Id
                    where p.ContributionId == id && p.Domain == dialogue.Domain && !p.Hidden
                    select new { c.PracticeTitle, c.Text, c.PracticeWhy, c.PracticeOrganisation, p.Year })
                    .SingleOrDefaultAsync(cancellationToken);
                return practice is null ? null : new NationalItemView(
                    kind,
                    id,
                    practice.PracticeTitle ?? "",
                    $"{practice.Text}\n{ServerTexts.NationalWhyItWorks} {practice.PracticeWhy}",
                    string.Format(culture, ServerTexts.NationalPracticeSource, practice.PracticeOrganisation, practice.Year));
            default:
                var finding = await db.Findings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.Domain == dialogue.Domain, cancellationToken);
                return finding is null ? null : new NationalItemView(kind, id, finding.Title, Markdig.Markdown.ToPlainText(finding.Markdown).Trim(), finding.Sources is { } sources ? Markdig.Markdown.ToPlainText(sources).Trim() : null);
        }
    }

    /// <summary>"Landelijk 2025: plaats 2 · gemiddeld 23% van de punten · 12 dialogen, 31 gemeenten".</summary>
    public static string Figures(RiskStanding s, CultureInfo culture) => s.Method == VoteMethod.Dots
        ? string.Format(culture, ServerTexts.NationalFiguresDots, s.Year, s.Rank, s.MeanShare, s.Dialogues, s.Municipalities)
        : string.Format(culture, ServerTexts.NationalFiguresMatrix, s.Year, s.Rank, s.Score, s.MeanLikelihood, s.MeanImpact, s.Dialogues, s.Municipalities);

    /// <summary>The national figures to set beside a revealed vote: for its risks that are in the catalogue, weighed the same way.</summary>
    public static async Task<IReadOnlyList<NationalComparison>?> ComparisonsAsync(DialogueDb db, Theme theme, CancellationToken cancellationToken)
    {
        if (theme.ThemeKey is not { } key)
        {
            return null;
        }

        var dialogue = await db.Dialogues.AsNoTracking().Where(d => d.Id == theme.DialogueId).Select(d => new { d.Domain, d.Year }).SingleAsync(cancellationToken);
        var linked = await db.Risks.AsNoTracking().Where(r => r.ThemeId == theme.Id && r.CatalogueRiskId != null)
            .Select(r => new { r.Id, CatalogueId = r.CatalogueRiskId!.Value }).ToListAsync(cancellationToken);
        if (linked.Count == 0)
        {
            return [];
        }

        var standings = (await RiskPicture.ForThemeAsync(db, dialogue.Domain, key, dialogue.Year, cancellationToken)).Where(s => s.Method == theme.VoteMethod).ToList();
        return [.. linked
            .Select(l => (l.Id, Standing: standings.FirstOrDefault(s => s.CatalogueRiskId == l.CatalogueId)))
            .Where(x => x.Standing is not null)
            .Select(x => new NationalComparison(x.Id, x.Standing!.Year, x.Standing.Method, x.Standing.Rank, x.Standing.MeanShare, x.Standing.Score, x.Standing.Dialogues))];
    }
}
