using IbtDialogue.Agreements;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Series;

/// <summary>Why a series could not be made or changed, a dialogue not put in one, or the next dialogue not prepared; nothing is stored then.</summary>
public enum SeriesError
{
    NameEmpty,
    NameTooLong,
    NameTaken,
    UnknownDomain,
    UnknownRegion,

    /// <summary>No such series (mistyped, or it was never there).</summary>
    UnknownSeries,

    /// <summary>A dialogue of one domain cannot join a series of another: the series and the national picture count per domain.</summary>
    OtherDomain,

    /// <summary>The next dialogue is prepared from an earlier one: the series has none yet.</summary>
    NoEarlierDialogue,

    /// <summary>The domain of a series cannot change once it has dialogues: theirs must match it.</summary>
    DomainLocked,

    TitleEmpty,
    TitleTooLong,
    DateMissing,
}

public sealed record SeriesLine(int Id, string Name, Domain Domain, string? Region, int Dialogues, DateOnly? Latest);

/// <param name="Mine">The reader runs this dialogue, so the page may link to its console and follow-up.</param>
public sealed record SeriesDialogue(int Id, string Title, DateOnly Date, DialogueStatus Status, bool Mine);

/// <summary>An agreement of a dialogue in the series, with where its follow-up stands.</summary>
/// <param name="Overdue">Still open or in progress after its due date.</param>
/// <param name="CarriedInto">The later dialogues of the series that looked back on it.</param>
public sealed record SeriesAgreement(
    int Id, int DialogueId, string What, string? Who, DateOnly? Due, AgreementStatus Status, bool Overdue, IReadOnlyList<string> CarriedInto);

/// <summary>A series as its page shows it, with what the form for the next dialogue proposes.</summary>
public sealed record SeriesView(
    int Id, string Name, Domain Domain, string? Region,
    IReadOnlyList<SeriesDialogue> Dialogues, IReadOnlyList<SeriesAgreement> Agreements, string NextTitle, DateOnly NextDate);

/// <summary>An agreement looked back on in a dialogue: what was agreed in an earlier dialogue of its series, and where it stands now.</summary>
public sealed record LookBackLine(int AgreementId, string What, string? Who, DateOnly? Due, AgreementStatus Status, string FromTitle, DateOnly FromDate);

/// <summary>
/// Series of dialogues over the years: making, renaming and deleting them, putting dialogues in them, their page
/// with every agreement, and preparing the next dialogue from the latest one — its agenda, invited organisations,
/// and a "Terugblik" on the agreements that are still open. A series belongs to the whole team: every facilitator
/// sees every series, may rename or delete it, and may prepare its next dialogue, which is then theirs.
/// </summary>
public sealed class SeriesService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock)
{
    public const int MaxNameLength = 120;

    /// <summary>What is still to be followed up, and so carried into the next dialogue's look-back.</summary>
    public static readonly AgreementStatus[] Unfinished = [AgreementStatus.Open, AgreementStatus.InProgress];

    public async Task<IReadOnlyList<SeriesLine>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lines = await db.Series.AsNoTracking()
            .Select(s => new SeriesLine(
                s.Id, s.Name, s.Domain, s.Region,
                db.Dialogues.Count(d => d.SeriesId == s.Id),
                db.Dialogues.Where(d => d.SeriesId == s.Id).Max(d => (DateOnly?)d.Date)))
            .ToListAsync(cancellationToken);
        return [.. lines.OrderBy(l => l.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>Makes a series; answers its id, or what is wrong (nothing stored then).</summary>
    public async Task<(int? Id, IReadOnlyList<SeriesError> Errors)> CreateAsync(string userId, string? name, string? domain, string? region, CancellationToken cancellationToken)
    {
        var (clean, parsedDomain, knownRegion, errors) = Validate(name, domain, region);
        return await gate.RunAsync<(int?, IReadOnlyList<SeriesError>)>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (clean.Length > 0 && await NameTakenAsync(db, clean, null, cancellationToken))
            {
                errors.Add(SeriesError.NameTaken);
            }

            if (errors.Count > 0)
            {
                return (null, errors);
            }

            var series = new DialogueSeries
            {
                Name = clean, Domain = parsedDomain, Region = knownRegion, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByUserId = userId,
            };
            db.Series.Add(series);
            await db.SaveChangesAsync(cancellationToken);
            return (series.Id, []);
        }, cancellationToken);
    }

    /// <summary>
    /// Renames a series and sets its domain and region, checked as when it was made (the name may keep its own
    /// spelling or change only its case). The domain may change only while no dialogue is in the series: theirs
    /// must match it. Any facilitator may, as series are the team's. Answers what is wrong (none: stored;
    /// <see cref="SeriesError.UnknownSeries"/> alone: there is no such series); nothing is stored on an error.
    /// </summary>
    public async Task<IReadOnlyList<SeriesError>> UpdateAsync(int seriesId, string? name, string? domain, string? region, CancellationToken cancellationToken)
    {
        var (clean, parsedDomain, knownRegion, errors) = Validate(name, domain, region);
        return await gate.RunAsync<IReadOnlyList<SeriesError>>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var series = await db.Series.SingleOrDefaultAsync(s => s.Id == seriesId, cancellationToken);
            if (series is null)
            {
                return [SeriesError.UnknownSeries];
            }

            if (clean.Length > 0 && await NameTakenAsync(db, clean, seriesId, cancellationToken))
            {
                errors.Add(SeriesError.NameTaken);
            }

            if (!errors.Contains(SeriesError.UnknownDomain) && parsedDomain != series.Domain
                && await db.Dialogues.AnyAsync(d => d.SeriesId == seriesId, cancellationToken))
            {
                errors.Add(SeriesError.DomainLocked);
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            (series.Name, series.Domain, series.Region) = (clean, parsedDomain, knownRegion);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return [];
        }, cancellationToken);
    }

    /// <summary>
    /// Deletes a series. Its dialogues are kept with everything in them — agreements, follow-up, the look-back
    /// already carried into them — and simply belong to no series any more. Answers false when there is no such series.
    /// </summary>
    public async Task<bool> DeleteAsync(int seriesId, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // The foreign key would set them to null too (ON DELETE SET NULL); done here explicitly, in the same
            // transaction, so it does not depend on the database enforcing foreign keys.
            await db.Dialogues.Where(d => d.SeriesId == seriesId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.SeriesId, (int?)null), cancellationToken);
            if (await db.Series.Where(s => s.Id == seriesId).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>A series' name, domain and region as a form gives them: cleaned, parsed, and what is wrong with them.</summary>
    private static (string Name, Domain Domain, string? Region, List<SeriesError> Errors) Validate(string? name, string? domain, string? region)
    {
        var errors = new List<SeriesError>();
        var clean = TextRules.NormalizeLine(name);
        if (clean.Length == 0)
        {
            errors.Add(SeriesError.NameEmpty);
        }
        else if (clean.Length > MaxNameLength)
        {
            errors.Add(SeriesError.NameTooLong);
        }

        if (!Enum.TryParse<Domain>(domain, ignoreCase: false, out var parsedDomain) || !Enum.IsDefined(parsedDomain) || int.TryParse(domain, out _))
        {
            errors.Add(SeriesError.UnknownDomain);
        }

        var cleanRegion = TextRules.NormalizeLine(region);
        var knownRegion = Participants.Regions.GgdRegions.FirstOrDefault(r => string.Equals(r, cleanRegion, StringComparison.OrdinalIgnoreCase));
        if (cleanRegion.Length > 0 && knownRegion is null)
        {
            errors.Add(SeriesError.UnknownRegion);
        }

        return (clean, parsedDomain, knownRegion, errors);
    }

    /// <summary>Whether another series (not <paramref name="except"/>) has this name, case aside.</summary>
    private static Task<bool> NameTakenAsync(DialogueDb db, string name, int? except, CancellationToken cancellationToken)
    {
        var lower = name.ToLowerInvariant();
        return db.Series.AnyAsync(s => s.Name.ToLower() == lower && (except == null || s.Id != except), cancellationToken);
    }

    /// <summary>A series with its dialogues (oldest first) and every agreement made in them; null when there is no such series.</summary>
    public async Task<SeriesView?> FindAsync(int seriesId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId, cancellationToken) is not { } series)
        {
            return null;
        }

        var dialogues = await db.Dialogues.AsNoTracking().Where(d => d.SeriesId == seriesId)
            .OrderBy(d => d.Date).ThenBy(d => d.Id)
            .Select(d => new SeriesDialogue(d.Id, d.Title, d.Date, d.Status, d.Facilitators.Any(f => f.UserId == userId)))
            .ToListAsync(cancellationToken);
        var ids = dialogues.Select(d => d.Id).ToList();
        var agreements = await db.Agreements.AsNoTracking().Where(a => ids.Contains(a.DialogueId)).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var agreementIds = agreements.Select(a => a.Id).ToList();
        var carried = (await db.CarriedAgreements.AsNoTracking().Where(c => agreementIds.Contains(c.AgreementId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.AgreementId, c => c.DialogueId);
        var titles = dialogues.ToDictionary(d => d.Id, d => d.Title);
        var today = Components.DutchTime.Today(clock);

        var latest = dialogues.Count > 0 ? dialogues[^1] : null;
        var nextDate = latest is null ? today : latest.Date.AddYears(1);
        return new SeriesView(
            series.Id,
            series.Name,
            series.Domain,
            series.Region,
            dialogues,
            [
                .. dialogues.SelectMany(d => agreements.Where(a => a.DialogueId == d.Id)).Select(a => new SeriesAgreement(
                    a.Id, a.DialogueId, a.What, a.Who, a.Due, a.Status,
                    a.Due is { } due && due < today && Unfinished.Contains(a.Status),
                    [.. carried[a.Id].Where(titles.ContainsKey).Select(id => titles[id])])),
            ],
            NextTitle(series.Name, nextDate.Year),
            nextDate);
    }

    /// <summary>"LEA-overleg regio Twente 2026".</summary>
    public static string NextTitle(string seriesName, int year)
    {
        var title = $"{seriesName} {year}";
        return title.Length <= DialogueService.MaxTitleLength ? title : seriesName[..Math.Min(seriesName.Length, DialogueService.MaxTitleLength)];
    }

    /// <summary>
    /// Puts a dialogue this facilitator runs in a series, or (null) takes it out; also a closed one, so earlier years
    /// can be gathered. Answers null when the dialogue is not theirs, else the errors (none: stored).
    /// </summary>
    public async Task<IReadOnlyList<SeriesError>?> AssignAsync(int dialogueId, string userId, int? seriesId, CancellationToken cancellationToken) =>
        await gate.RunAsync<IReadOnlyList<SeriesError>?>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var dialogue = await db.Dialogues.SingleOrDefaultAsync(d => d.Id == dialogueId && d.Facilitators.Any(f => f.UserId == userId), cancellationToken);
            if (dialogue is null)
            {
                return null;
            }

            if (seriesId is { } id)
            {
                var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
                if (series is null)
                {
                    return [SeriesError.UnknownSeries];
                }

                if (series.Domain != dialogue.Domain)
                {
                    return [SeriesError.OtherDomain];
                }
            }

            dialogue.SeriesId = seriesId;
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }, cancellationToken);

    /// <summary>
    /// Prepares the next dialogue of a series as a draft of this facilitator, from the latest dialogue in it: its
    /// time, place and settings, its agenda with the accepted risks, the organisations it invited, and — when earlier
    /// dialogues of the series left agreements open or in progress — a "Terugblik" first on the agenda that looks back
    /// on them. Answers the new dialogue's id, or what is wrong (nothing stored then).
    /// </summary>
    public async Task<(int? Id, IReadOnlyList<SeriesError> Errors)> PrepareNextAsync(
        int seriesId, string userId, string? title, DateOnly? date, string lookBackTitle, string lookBackGoal, CancellationToken cancellationToken)
    {
        var errors = DialogueDetailsService.Validate(new DialogueDetails(title, date, null, null, null))
            .Select(e => e switch
            {
                DetailsError.TitleEmpty => SeriesError.TitleEmpty,
                DetailsError.TitleTooLong => SeriesError.TitleTooLong,
                _ => SeriesError.DateMissing,
            })
            .ToList();

        return await gate.RunAsync<(int?, IReadOnlyList<SeriesError>)>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var series = await db.Series.AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId, cancellationToken);
            if (series is null)
            {
                return (null, [SeriesError.UnknownSeries]);
            }

            var source = await db.Dialogues.AsNoTracking().Include(d => d.Themes)
                .Where(d => d.SeriesId == seriesId).OrderByDescending(d => d.Date).ThenByDescending(d => d.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (source is null)
            {
                errors.Add(SeriesError.NoEarlierDialogue);
            }

            if (errors.Count > 0)
            {
                return (null, errors);
            }

            var earlier = db.Dialogues.Where(d => d.SeriesId == seriesId).Select(d => d.Id);
            var open = await db.Agreements.AsNoTracking()
                .Where(a => earlier.Contains(a.DialogueId) && Unfinished.Contains(a.Status))
                .Join(db.Dialogues, a => a.DialogueId, d => d.Id, (a, d) => new { a.Id, d.Date, DialogueId = d.Id })
                .ToListAsync(cancellationToken);
            var lookBack = open.Count == 0 ? null : new Theme { Title = lookBackTitle, Goal = lookBackGoal };

            var now = clock.GetUtcNow().UtcDateTime;
            var next = await DialogueDetailsService.AddDraftLikeAsync(
                db, source!, TextRules.NormalizeLine(title), date!.Value, date.Value.Year, userId, now, lookBack, cancellationToken);
            next.Domain = series.Domain;
            next.SeriesId = series.Id;
            next.Region = series.Region ?? source!.Region;

            db.CarriedAgreements.AddRange(open.OrderBy(a => a.Date).ThenBy(a => a.DialogueId).ThenBy(a => a.Id)
                .Select((a, i) => new CarriedAgreement { DialogueId = next.Id, AgreementId = a.Id, Position = i + 1 }));
            var invited = await db.InvitedOrganisations.AsNoTracking().Where(i => i.DialogueId == source!.Id).ToListAsync(cancellationToken);
            db.InvitedOrganisations.AddRange(invited.Select(i => new InvitedOrganisation { DialogueId = next.Id, Kind = i.Kind, Name = i.Name }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (next.Id, []);
        }, cancellationToken);
    }

    /// <summary>The agreements a dialogue looks back on, as they stand now, in the order they were carried over.</summary>
    public static async Task<IReadOnlyList<LookBackLine>> LookBackAsync(DialogueDb db, int dialogueId, CancellationToken cancellationToken)
    {
        var lines = await (
            from c in db.CarriedAgreements.AsNoTracking()
            where c.DialogueId == dialogueId
            join a in db.Agreements on c.AgreementId equals a.Id
            join d in db.Dialogues on a.DialogueId equals d.Id
            orderby c.Position
            select new LookBackLine(a.Id, a.What, a.Who, a.Due, a.Status, d.Title, d.Date))
            .ToListAsync(cancellationToken);
        return lines;
    }
}
