using System.Globalization;
using IbtDialogue.Accounts;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Minutes;

/// <param name="FinalAt">When a public summary that came from this version was published (it is final since).</param>
/// <param name="NewestFinal">The dialogue's newest final version: no version before it can be restored.</param>
/// <param name="NewestFinalAt">When that version became final.</param>
public sealed record MinutesView(
    int DialogueId,
    string Title,
    DateOnly Date,
    int Number,
    string Markdown,
    DateTime CreatedAt,
    string? AuthorName,
    MinutesSource Source,
    DateTime? FinalAt = null,
    int? NewestFinal = null,
    DateTime? NewestFinalAt = null)
{
    /// <summary>Whether restoring this version would put the minutes back before a version that was published from.</summary>
    public bool BeforeFinal => NewestFinal is { } final && Number < final;
}

public sealed record VersionLine(int Number, DateTime CreatedAt, string? AuthorName, MinutesSource Source, int? RestoredFrom, int Length, DateTime? FinalAt = null);

public enum SaveOutcome
{
    Saved,

    /// <summary>Someone saved a newer version since this edit began; nothing was saved.</summary>
    Conflict,

    /// <summary>Empty or over the limit; nothing was saved.</summary>
    Invalid,

    /// <summary>
    /// A restore of a version older than a final one (a public summary was published from it): it would undo the
    /// published record; nothing was saved. Corrections are saved as a new version instead.
    /// </summary>
    BeforeFinal,

    NotFound,
}

/// <param name="Latest">After a conflict: the version that was saved in between; after a refused restore: the final version in the way.</param>
public sealed record SaveResult(SaveOutcome Outcome, int? Number, MinutesView? Latest = null);

/// <summary>
/// The minutes of a dialogue as its facilitators work on them: every save is a new version with author and
/// time; a save that started from an older version than the newest is refused, so two facilitators never
/// overwrite each other without seeing it. A version a public summary was published from is final: no version
/// before it can be restored over it (restoring the final version itself or a later one can), while an edit — a
/// correction — is saved as a new version as always.
/// </summary>
public sealed class MinutesService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, MinutesComposer composer, TimeProvider clock)
{
    /// <summary>Minutes longer than this are surely a mistake (a paste of something else).</summary>
    public const int MaxLength = 500_000;

    /// <summary>The newest version of the minutes, if the dialogue has any and the user facilitates it.</summary>
    public Task<MinutesView?> LatestAsync(int dialogueId, RecordReader reader, CancellationToken cancellationToken) =>
        VersionAsync(dialogueId, null, reader, cancellationToken);

    /// <summary>One version (the newest when <paramref name="number"/> is null).</summary>
    public async Task<MinutesView?> VersionAsync(int dialogueId, int? number, RecordReader reader, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await MayReadAsync(db, dialogueId, reader, cancellationToken))
        {
            return null;
        }

        var wanted = number ?? await db.MinutesVersions.Where(m => m.DialogueId == dialogueId).MaxAsync(m => (int?)m.Number, cancellationToken);
        return wanted is null ? null : await Views(db, dialogueId, wanted.Value).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<VersionLine>?> VersionsAsync(int dialogueId, RecordReader reader, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await MayReadAsync(db, dialogueId, reader, cancellationToken))
        {
            return null;
        }

        return await (
            from m in db.MinutesVersions.AsNoTracking()
            where m.DialogueId == dialogueId
            join u in db.Users on m.AuthorUserId equals u.Id into us
            from u in us.DefaultIfEmpty()
            orderby m.Number descending
            select new VersionLine(m.Number, m.CreatedAt, u.DisplayName, m.Source, m.RestoredFrom, m.Markdown.Length, m.FinalAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Saves an edit made from version <paramref name="baseNumber"/> (0: there was none) as the next version.</summary>
    public Task<SaveResult> SaveAsync(int dialogueId, int baseNumber, string? markdown, string userId, CancellationToken cancellationToken)
    {
        var text = (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return Task.FromResult(new SaveResult(SaveOutcome.Invalid, null));
        }

        return AddAsync(dialogueId, userId, baseNumber, text, MinutesSource.Edited, null, cancellationToken);
    }

    /// <summary>Saves an earlier version again as the newest — not one from before a final version.</summary>
    public async Task<SaveResult> RestoreAsync(int dialogueId, int number, string userId, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(dialogueId, number, RecordReader.Facilitator(userId), cancellationToken);
        return version is null
            ? new SaveResult(SaveOutcome.NotFound, null)
            : await AddAsync(dialogueId, userId, null, version.Markdown, MinutesSource.Restored, number, cancellationToken);
    }

    /// <summary>Composes the minutes from the dialogue as it is now (also while it runs) and saves them as the newest version.</summary>
    public Task<SaveResult> ComposeDraftAsync(int dialogueId, string userId, CancellationToken cancellationToken) =>
        AddAsync(dialogueId, userId, null, null, MinutesSource.Composed, null, cancellationToken);

    /// <summary>The record of a dialogue this user facilitates (for exports and the public summary).</summary>
    public async Task<MinutesRecord?> RecordAsync(int dialogueId, RecordReader reader, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await MayReadAsync(db, dialogueId, reader, cancellationToken))
        {
            return null;
        }

        var dialogue = await db.Dialogues.SingleAsync(d => d.Id == dialogueId, cancellationToken);
        return await MinutesRecord.LoadAsync(db, dialogue, cancellationToken);
    }

    private Task<SaveResult> AddAsync(
        int dialogueId, string userId, int? baseNumber, string? markdown, MinutesSource source, int? restoredFrom, CancellationToken cancellationToken)
    {
        // Composed minutes are in the language of the facilitator's request; the write itself may run elsewhere.
        var language = CultureInfo.CurrentCulture;
        return gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await MayAsync(db, dialogueId, userId, cancellationToken))
            {
                return new SaveResult(SaveOutcome.NotFound, null);
            }

            var latest = await db.MinutesVersions.Where(m => m.DialogueId == dialogueId).MaxAsync(m => (int?)m.Number, cancellationToken) ?? 0;
            if (baseNumber is { } started && started != latest)
            {
                return new SaveResult(SaveOutcome.Conflict, null, await Views(db, dialogueId, latest).SingleAsync(cancellationToken));
            }

            if (restoredFrom is { } from
                && await db.MinutesVersions.Where(m => m.DialogueId == dialogueId && m.FinalAt != null).MaxAsync(m => (int?)m.Number, cancellationToken) is { } final
                && from < final)
            {
                return new SaveResult(SaveOutcome.BeforeFinal, null, await Views(db, dialogueId, final).SingleAsync(cancellationToken));
            }

            if (markdown is null)
            {
                var dialogue = await db.Dialogues.SingleAsync(d => d.Id == dialogueId, cancellationToken);
                markdown = composer.In(language).Compose(await MinutesRecord.LoadAsync(db, dialogue, cancellationToken));
            }

            db.MinutesVersions.Add(new MinutesVersion
            {
                DialogueId = dialogueId,
                Number = latest + 1,
                Markdown = markdown,
                AuthorUserId = userId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                Source = source,
                RestoredFrom = restoredFrom,
            });
            await db.SaveChangesAsync(cancellationToken);
            return new SaveResult(SaveOutcome.Saved, latest + 1);
        }, cancellationToken);
    }

    private static Task<bool> MayAsync(DialogueDb db, int dialogueId, string userId, CancellationToken cancellationToken) =>
        db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == userId, cancellationToken);

    /// <summary>Its facilitators read a dialogue's record; an analyst reads every closed one.</summary>
    private static async Task<bool> MayReadAsync(DialogueDb db, int dialogueId, RecordReader reader, CancellationToken cancellationToken) =>
        await MayAsync(db, dialogueId, reader.UserId, cancellationToken)
        || (reader.IsAnalyst && await db.Dialogues.AnyAsync(d => d.Id == dialogueId && d.Status == Protocol.DialogueStatus.Closed, cancellationToken));

    private static IQueryable<MinutesView> Views(DialogueDb db, int dialogueId, int number) =>
        from m in db.MinutesVersions.AsNoTracking()
        where m.DialogueId == dialogueId && m.Number == number
        join d in db.Dialogues on m.DialogueId equals d.Id
        join u in db.Users on m.AuthorUserId equals u.Id into us
        from u in us.DefaultIfEmpty()
        select new MinutesView(
            d.Id, d.Title, d.Date, m.Number, m.Markdown, m.CreatedAt, u.DisplayName, m.Source, m.FinalAt,
            db.MinutesVersions.Where(f => f.DialogueId == dialogueId && f.FinalAt != null).Max(f => (int?)f.Number),
            db.MinutesVersions.Where(f => f.DialogueId == dialogueId && f.FinalAt != null).OrderByDescending(f => f.Number).Select(f => f.FinalAt).FirstOrDefault());
}
