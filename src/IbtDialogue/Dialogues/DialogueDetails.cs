using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Dialogues;

/// <summary>When and where a dialogue takes place, as the facilitator can change it until it closes.</summary>
public sealed record DialogueDetails(string? Title, DateOnly? Date, TimeOnly? StartTime, TimeOnly? EndTime, string? Place);

public enum DetailsError
{
    TitleEmpty,
    TitleTooLong,
    DateMissing,
    EndBeforeStart,
    EndWithoutStart,
    PlaceTooLong,

    /// <summary>A closed dialogue is a record: its title, date and place are what they were.</summary>
    Closed,
}

/// <summary>A dialogue's details as its facilitators see them, with what the calendar invitation needs.</summary>
/// <param name="SeriesId">The series it belongs to, if any.</param>
public sealed record DialogueDetailsView(int Id, DialogueStatus Status, DialogueDetails Details, string JoinCode, Domain Domain = Domain.Other, int? SeriesId = null);

/// <summary>Changing a dialogue's title, date, time and place; duplicating it; its calendar invitation.</summary>
public sealed class DialogueDetailsService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock)
{
    public const int MaxPlaceLength = 200;

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static IReadOnlyList<DetailsError> Validate(DialogueDetails input)
    {
        var errors = new List<DetailsError>();
        var title = TextRules.NormalizeLine(input.Title);
        if (title.Length == 0)
        {
            errors.Add(DetailsError.TitleEmpty);
        }
        else if (title.Length > DialogueService.MaxTitleLength)
        {
            errors.Add(DetailsError.TitleTooLong);
        }

        if (input.Date is null)
        {
            errors.Add(DetailsError.DateMissing);
        }

        if (input.EndTime is { } end)
        {
            if (input.StartTime is not { } start)
            {
                errors.Add(DetailsError.EndWithoutStart);
            }
            else if (end <= start)
            {
                errors.Add(DetailsError.EndBeforeStart);
            }
        }

        if (TextRules.NormalizeLine(input.Place).Length > MaxPlaceLength)
        {
            errors.Add(DetailsError.PlaceTooLong);
        }

        return errors;
    }

    /// <summary>The details of a dialogue this facilitator runs; null when it is not theirs (or does not exist).</summary>
    public async Task<DialogueDetailsView?> FindAsync(int id, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Dialogues.AsNoTracking()
            .Where(d => d.Id == id && d.Facilitators.Any(f => f.UserId == userId))
            .Select(d => new DialogueDetailsView(d.Id, d.Status, new DialogueDetails(d.Title, d.Date, d.StartTime, d.EndTime, d.Place), d.JoinCode, d.Domain, d.SeriesId))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Changes a draft or open dialogue's details; answers the errors (nothing stored then), or none. Null: not this facilitator's dialogue.</summary>
    public async Task<IReadOnlyList<DetailsError>?> UpdateAsync(int id, string userId, DialogueDetails input, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        return await gate.RunAsync<IReadOnlyList<DetailsError>?>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var dialogue = await db.Dialogues.SingleOrDefaultAsync(d => d.Id == id && d.Facilitators.Any(f => f.UserId == userId), cancellationToken);
            if (dialogue is null)
            {
                return null;
            }

            if (dialogue.Status == DialogueStatus.Closed)
            {
                return [DetailsError.Closed];
            }

            if (errors.Count > 0)
            {
                return errors;
            }

            dialogue.Title = TextRules.NormalizeLine(input.Title);
            dialogue.Date = input.Date!.Value;
            (dialogue.StartTime, dialogue.EndTime) = (input.StartTime, input.EndTime);
            var place = TextRules.NormalizeLine(input.Place);
            dialogue.Place = place.Length > 0 ? place : null;
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }, cancellationToken);
    }

    /// <summary>
    /// Puts a closed dialogue in the archive (out of the facilitator's default list) or takes it out again.
    /// False: not this facilitator's dialogue, or not closed (a draft or open dialogue is work at hand).
    /// </summary>
    public async Task<bool> ArchiveAsync(int id, string userId, bool archive, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var dialogue = await db.Dialogues.SingleOrDefaultAsync(d => d.Id == id && d.Facilitators.Any(f => f.UserId == userId), cancellationToken);
            if (dialogue is not { Status: DialogueStatus.Closed })
            {
                return false;
            }

            dialogue.ArchivedAt = archive ? dialogue.ArchivedAt ?? clock.GetUtcNow().UtcDateTime : null;
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// A new draft like this one, owned by the facilitator who duplicates it: its details (title marked as a
    /// copy), settings, place in the national picture, agenda with goals and vote methods, and the risks on it.
    /// Nothing of what was said, voted or agreed goes along. Null: not this facilitator's dialogue.
    /// </summary>
    public async Task<int?> DuplicateAsync(int id, string userId, string copySuffix, CancellationToken cancellationToken) =>
        await gate.RunAsync<int?>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var source = await db.Dialogues.AsNoTracking().Include(d => d.Themes)
                .SingleOrDefaultAsync(d => d.Id == id && d.Facilitators.Any(f => f.UserId == userId), cancellationToken);
            if (source is null)
            {
                return null;
            }

            var title = $"{source.Title} {copySuffix}";
            var copy = await AddDraftLikeAsync(
                db, source, title.Length <= DialogueService.MaxTitleLength ? title : source.Title, source.Date, source.Year, userId, clock.GetUtcNow().UtcDateTime, null, cancellationToken);
            return copy.Id;
        }, cancellationToken);

    /// <summary>
    /// Adds a draft like <paramref name="source"/> (loaded with its themes), owned by <paramref name="userId"/>: its time,
    /// place, settings, place in the national picture, agenda with goals and vote methods, and the accepted risks on
    /// it — after <paramref name="lookBack"/> when given (a series' "Terugblik", which is not copied itself). Nothing
    /// of what was said, voted or agreed goes along. Saved, so the draft and its themes have their ids.
    /// </summary>
    internal static async Task<Dialogue> AddDraftLikeAsync(
        DialogueDb db, Dialogue source, string title, DateOnly date, int year, string userId, DateTime now, Theme? lookBack, CancellationToken cancellationToken)
    {
        var copied = source.Themes.Where(t => !t.IsLookBack).OrderBy(t => t.Position).ToList();
        var offset = lookBack is null ? 1 : 2;
        if (lookBack is not null)
        {
            lookBack.Position = 1;
            lookBack.IsLookBack = true;
        }

        var copies = copied.Select((t, i) => new Theme
        {
            Title = t.Title, Goal = t.Goal, ThemeKey = t.ThemeKey, Position = i + offset,
            VoteMethod = t.VoteMethod, DotBudget = t.DotBudget, DotCap = t.DotCap,
        }).ToList();
        var copy = new Dialogue
        {
            Title = title,
            Date = date,
            StartTime = source.StartTime,
            EndTime = source.EndTime,
            Place = source.Place,
            Domain = source.Domain,
            Year = year,
            Region = source.Region,
            SeriesId = source.SeriesId,
            RetentionMonths = source.RetentionMonths,
            Anonymity = source.Anonymity,
            ApproveBeforeShow = source.ApproveBeforeShow,
            ObserversAllowed = source.ObserversAllowed,
            ResultsKey = StoredSecrets.Create(),
            JoinCode = await DialogueService.UnusedJoinCodeAsync(db, cancellationToken),
            Status = DialogueStatus.Draft,
            CreatedAt = now,
            Themes = [.. lookBack is null ? [] : new[] { lookBack }, .. copies],
            Facilitators = [new DialogueFacilitator { UserId = userId, IsOwner = true }],
        };
        db.Dialogues.Add(copy);
        await db.SaveChangesAsync(cancellationToken);

        var themeIds = copied.Select((t, i) => (t.Id, copies[i].Id)).ToDictionary(p => p.Item1, p => p.Item2);
        var risks = await db.Risks.AsNoTracking().Where(r => r.DialogueId == source.Id && r.Status == RiskStatus.Accepted).ToListAsync(cancellationToken);
        db.Risks.AddRange(risks.Where(r => themeIds.ContainsKey(r.ThemeId)).Select(r => new Voting.Risk
        {
            DialogueId = copy.Id,
            ThemeId = themeIds[r.ThemeId],
            Position = r.Position,
            Title = r.Title,
            Description = r.Description,
            Status = RiskStatus.Accepted,
            CatalogueRiskId = r.CatalogueRiskId,
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return copy;
    }

    /// <summary>
    /// The calendar invitation (RFC 5545): the day, or the time in Dutch time with its time zone, the place, and
    /// how to join (link and code) in the description. Its UID stays the same, so importing it again updates it.
    /// </summary>
    public static string Calendar(DialogueDetailsView dialogue, Uri joinLink, string description, string host, DateTime nowUtc)
    {
        var details = dialogue.Details;
        var date = details.Date!.Value;
        var calendarEvent = new CalendarEvent
        {
            Uid = $"dialogue-{dialogue.Id}@{host}",
            Summary = details.Title,
            Location = details.Place,
            Description = description,
            Url = joinLink,
            DtStamp = new CalDateTime(nowUtc, "UTC"),
        };
        if (details.StartTime is { } start)
        {
            calendarEvent.DtStart = new CalDateTime(date.ToDateTime(start), Amsterdam.Id);
            calendarEvent.DtEnd = new CalDateTime(date.ToDateTime(details.EndTime ?? start.AddHours(2)), Amsterdam.Id);
        }
        else
        {
            calendarEvent.DtStart = new CalDateTime(date);
            calendarEvent.DtEnd = new CalDateTime(date.AddDays(1));
        }

        var calendar = new Calendar();
        calendar.AddTimeZone(new VTimeZone(Amsterdam.Id));
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
