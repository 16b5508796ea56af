using System.Threading.Channels;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

/// <summary>
/// Counts closed dialogues into the national picture: their closed votes become outcomes per catalogue
/// risk, their good practices enter the library and its full-text index, and the figures of the themes
/// they touched are rebuilt. Counting a dialogue again gives the same result (it replaces what it counted
/// before), so it is safe after a crash and for a full rebuild.
/// </summary>
public sealed partial class NationalPictureCounter(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock, ILogger<NationalPictureCounter> logger)
{
    /// <summary>Counts one closed dialogue; answers false when it is not (or no longer) closed.</summary>
    public Task<bool> CountAsync(int dialogueId, CancellationToken cancellationToken) =>
        gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            if (await CountOutcomesAsync(db, dialogueId, cancellationToken) is not { } touched)
            {
                return false;
            }

            var outcomesTook = watch.Elapsed;
            foreach (var slices in touched.GroupBy(t => (t.Domain, t.ThemeKey, t.Year)))
            {
                await RebuildSlicesAsync(db, slices.Key.Domain, slices.Key.ThemeKey, slices.Key.Year, [.. slices.Select(t => t.Region)], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            LogCounted(logger, dialogueId, (long)outcomesTook.TotalMilliseconds, touched.Count, (long)watch.Elapsed.TotalMilliseconds);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Counts every closed dialogue again and rebuilds every figure (after a change of the catalogue's links,
    /// or after loading many dialogues at once): the outcomes dialogue by dialogue, the figures once per theme.
    /// </summary>
    public async Task<int> RebuildAllAsync(CancellationToken cancellationToken)
    {
        List<int> closed;
        HashSet<(Domain, string)> themes;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            closed = await db.Dialogues.Where(d => d.Status == DialogueStatus.Closed).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(cancellationToken);
            themes = [.. (await db.RiskFigures.Select(f => new { f.Domain, f.ThemeKey }).Distinct().ToListAsync(cancellationToken)).Select(f => (f.Domain, f.ThemeKey))];
        }

        foreach (var batch in closed.Chunk(50))
        {
            await gate.RunAsync(async () =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var id in batch)
                {
                    themes.UnionWith((await CountOutcomesAsync(db, id, cancellationToken) ?? []).Select(s => (s.Domain, s.ThemeKey)));
                    db.ChangeTracker.Clear();
                }

                await transaction.CommitAsync(cancellationToken);
                return true;
            }, cancellationToken);
        }

        foreach (var (domain, themeKey) in themes)
        {
            await RebuildThemeAsync(domain, themeKey, cancellationToken);
        }

        return closed.Count;
    }

    /// <summary>
    /// A dialogue's outcomes and library entries, replacing what it counted before; answers the slices whose
    /// figures must be rebuilt, or null when the dialogue is not closed.
    /// </summary>
    private async Task<HashSet<FigureSlice>?> CountOutcomesAsync(DialogueDb db, int dialogueId, CancellationToken cancellationToken)
    {
        var dialogue = await db.Dialogues.Include(d => d.Themes).SingleOrDefaultAsync(d => d.Id == dialogueId, cancellationToken);
        if (dialogue is not { Status: DialogueStatus.Closed })
        {
            return null;
        }

        var participants = await db.Participants.AsNoTracking().Where(p => p.DialogueId == dialogueId)
            .Select(p => new { p.Id, p.Organisation, p.OrganisationType }).ToListAsync(cancellationToken);
        var municipalityOf = participants.Where(p => p.OrganisationType == OrganisationType.Municipality)
            .ToDictionary(p => p.Id, p => p.Organisation);
        dialogue.Region ??= MostCommonRegion(municipalityOf.Values);

        // The themes it counted in before are rebuilt too (a theme's key or a risk's link may have changed since).
        var before = await db.RiskOutcomes.Where(o => o.DialogueId == dialogueId).Select(o => new { o.Domain, o.ThemeKey, o.Year, o.Region }).Distinct().ToListAsync(cancellationToken);
        var touched = before.SelectMany(x => FigureSlice.Of(x.Domain, x.ThemeKey, x.Year, x.Region)).ToHashSet();
        await db.RiskOutcomes.Where(o => o.DialogueId == dialogueId).ExecuteDeleteAsync(cancellationToken);
        foreach (var theme in dialogue.Themes.Where(t => t.ThemeKey is not null && t.VoteState == VoteState.Closed))
        {
            var catalogueOf = await (
                from r in db.Risks
                join c in db.CatalogueRisks on r.CatalogueRiskId equals c.Id
                where r.ThemeId == theme.Id && r.Status == RiskStatus.Accepted && c.Domain == dialogue.Domain && c.ThemeKey == theme.ThemeKey
                select new { r.Id, CatalogueId = c.Id })
                .ToDictionaryAsync(x => x.Id, x => x.CatalogueId, cancellationToken);
            if (catalogueOf.Count == 0)
            {
                continue;
            }

            var votes = await db.Votes.AsNoTracking().Where(v => v.ThemeId == theme.Id).ToListAsync(cancellationToken);
            var ballots = votes.Select(v => new RiskArithmetic.Ballot(v.RiskId, v.Ballot, v.Points, v.Likelihood, v.Impact)).ToList();
            var municipalityOfVoter = votes.Where(v => v.Municipality is not null).GroupBy(v => v.Ballot).ToDictionary(g => g.Key, g => g.First().Municipality!);
            db.RiskOutcomes.AddRange(RiskArithmetic.Outcomes(
                dialogue.Id, dialogue.Domain, theme.ThemeKey!, dialogue.Year, dialogue.Region, theme.VoteMethod, catalogueOf, ballots, municipalityOfVoter));
            touched.UnionWith(FigureSlice.Of(dialogue.Domain, theme.ThemeKey!, dialogue.Year, dialogue.Region));
        }

        await db.SaveChangesAsync(cancellationToken);
        await IndexPracticesAsync(db, dialogue, participants.ToDictionary(p => p.Id, p => p.OrganisationType), cancellationToken);
        dialogue.CountedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return touched;
    }

    /// <summary>Rebuilds the figures of one theme after outcomes were linked anew (an analyst linked a proposed risk).</summary>
    public Task RebuildThemeAsync(Domain domain, string themeKey, CancellationToken cancellationToken) =>
        gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await RebuildFiguresAsync(db, domain, themeKey, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Closed dialogues not counted yet (closed while this node was down, or counting failed).</summary>
    public async Task<IReadOnlyList<int>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Dialogues.Where(d => d.Status == DialogueStatus.Closed && d.CountedAt == null).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Rebuilds the figures of one year of a theme in the given regions ("" is the whole country): only those
    /// change when one dialogue is counted. The previous rank comes from the year before; the year after gets
    /// this year's ranks as its previous ones. The result equals a rebuild of the whole theme (tested).
    /// </summary>
    private static async Task RebuildSlicesAsync(DialogueDb db, Domain domain, string themeKey, int year, IReadOnlyCollection<string> regions, CancellationToken cancellationToken)
    {
        // The year's outcomes in the whole country hold those of every region.
        var outcomes = await db.RiskOutcomes.AsNoTracking().Where(o => o.Domain == domain && o.ThemeKey == themeKey && o.Year == year)
            .Select(o => new RiskOutcome
            {
                DialogueId = o.DialogueId, CatalogueRiskId = o.CatalogueRiskId, Domain = o.Domain, ThemeKey = o.ThemeKey, Year = o.Year, Region = o.Region, Method = o.Method,
                Share = o.Share, MeanLikelihood = o.MeanLikelihood, MeanImpact = o.MeanImpact, Municipalities = o.Municipalities,
            })
            .ToListAsync(cancellationToken);
        var figures = RiskArithmetic.Figures(outcomes, regions.ToHashSet(StringComparer.Ordinal)).ToList();
        var inTheme = db.RiskFigures.Where(f => f.Domain == domain && f.ThemeKey == themeKey && regions.Contains(f.Region));
        var previous = await inTheme.Where(f => f.Year == year - 1).ToDictionaryAsync(f => (f.Region, f.Method, f.CatalogueRiskId), f => f.Rank, cancellationToken);
        foreach (var figure in figures)
        {
            figure.PreviousRank = previous.TryGetValue((figure.Region, figure.Method, figure.CatalogueRiskId), out var rank) ? rank : null;
        }

        await inTheme.Where(f => f.Year == year).ExecuteDeleteAsync(cancellationToken);
        db.RiskFigures.AddRange(figures);
        var ranks = figures.ToDictionary(f => (f.Region, f.Method, f.CatalogueRiskId), f => f.Rank);
        foreach (var next in await inTheme.Where(f => f.Year == year + 1).ToListAsync(cancellationToken))
        {
            next.PreviousRank = ranks.TryGetValue((next.Region, next.Method, next.CatalogueRiskId), out var rank) ? rank : null;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private static async Task RebuildFiguresAsync(DialogueDb db, Domain domain, string themeKey, CancellationToken cancellationToken)
    {
        var outcomes = await db.RiskOutcomes.AsNoTracking().Where(o => o.Domain == domain && o.ThemeKey == themeKey).ToListAsync(cancellationToken);
        await db.RiskFigures.Where(f => f.Domain == domain && f.ThemeKey == themeKey).ExecuteDeleteAsync(cancellationToken);
        db.RiskFigures.AddRange(RiskArithmetic.Figures(outcomes));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Puts the dialogue's visible good practices in the library and the full-text index (replacing what it put there before).</summary>
    private static async Task IndexPracticesAsync(DialogueDb db, Dialogue dialogue, IReadOnlyDictionary<int, OrganisationType> typeOf, CancellationToken cancellationToken)
    {
        var old = await db.LibraryPractices.Where(p => p.DialogueId == dialogue.Id).ToListAsync(cancellationToken);
        var kept = old.ToDictionary(p => p.ContributionId);
        foreach (var id in kept.Keys)
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM PracticeSearch WHERE rowid = {id}", cancellationToken);
        }

        db.LibraryPractices.RemoveRange(old);
        await db.SaveChangesAsync(cancellationToken);

        var published = await db.PublishedSummaries.AnyAsync(s => s.DialogueId == dialogue.Id && s.IsPublished, cancellationToken);
        var themes = dialogue.Themes.ToDictionary(t => t.Id, t => t.ThemeKey);
        var practices = await db.Contributions.AsNoTracking()
            .Where(c => c.DialogueId == dialogue.Id && c.Kind == ContributionKind.GoodPractice && c.Status == ContributionStatus.Visible)
            .ToListAsync(cancellationToken);
        foreach (var practice in practices)
        {
            // What analysts decided about a practice survives counting the dialogue again.
            var before = kept.GetValueOrDefault(practice.Id);
            db.LibraryPractices.Add(new LibraryPractice
            {
                ContributionId = practice.Id,
                DialogueId = dialogue.Id,
                Domain = dialogue.Domain,
                ThemeKey = themes.GetValueOrDefault(practice.ThemeId),
                Year = dialogue.Year,
                Region = dialogue.Region,
                OrganisationType = practice.ParticipantId is { } participant ? typeOf.GetValueOrDefault(participant, OrganisationType.Other) : OrganisationType.Inspectorate,
                Step = practice.PracticeStep ?? CycleStep.Plan,
                Featured = before?.Featured ?? false,
                Hidden = before?.Hidden ?? false,
                Published = published,
            });
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO PracticeSearch (rowid, Title, What, Why, Organisation) VALUES ({practice.Id}, {practice.PracticeTitle ?? ""}, {practice.Text}, {practice.PracticeWhy ?? ""}, {practice.PracticeOrganisation ?? ""})",
                cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The GGD region most of the municipalities belong to (ties: the first by name); null without municipalities.</summary>
    public static string? MostCommonRegion(IEnumerable<string> municipalities) =>
        municipalities.Select(m => Regions.OfMunicipality(m)?.GgdRegion).OfType<string>()
            .GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault();

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialogue {DialogueId} counted into the national picture (outcomes and library {OutcomeMilliseconds} ms, {Slices} slices of figures, {Milliseconds} ms).")]
    private static partial void LogCounted(ILogger logger, int dialogueId, long outcomeMilliseconds, int slices, long milliseconds);
}

/// <summary>Counts dialogues as they close, and at start those that were closed but not yet counted.</summary>
public sealed partial class NationalPictureWorker(NationalPictureCounter counter, ILogger<NationalPictureWorker> logger) : BackgroundService
{
    private readonly Channel<int> closed = Channel.CreateUnbounded<int>();

    /// <summary>A dialogue closed: count it soon.</summary>
    public void DialogueClosed(int dialogueId) => closed.Writer.TryWrite(dialogueId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var pending in await counter.PendingAsync(stoppingToken))
        {
            closed.Writer.TryWrite(pending);
        }

        await foreach (var dialogueId in closed.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await counter.CountAsync(dialogueId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Counted at the next start; the live room is not affected.
                LogFailed(logger, ex, dialogueId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting dialogue {DialogueId} into the national picture failed; it is retried at the next start.")]
    private static partial void LogFailed(ILogger logger, Exception exception, int dialogueId);
}

/// <summary>The figures of one theme in one year, for the whole country (region "") or one region.</summary>
internal sealed record FigureSlice(Domain Domain, string ThemeKey, int Year, string Region)
{
    /// <summary>The slices an outcome counts in: the whole country, and its region when it has one.</summary>
    public static IEnumerable<FigureSlice> Of(Domain domain, string themeKey, int year, string? region) =>
        region is { Length: > 0 } ? [new(domain, themeKey, year, ""), new(domain, themeKey, year, region)] : [new(domain, themeKey, year, "")];
}
