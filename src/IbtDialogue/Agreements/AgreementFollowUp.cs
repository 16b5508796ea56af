using IbtDialogue.Components;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Agreements;

/// <summary>Why a status change or a follow-up link was refused; the pages give each its own Dutch sentence.</summary>
public enum FollowUpError
{
    /// <summary>No such agreement for this facilitator (or the dialogue is not theirs).</summary>
    NotFound,
    StatusUnknown,
    NoteEmpty,
    NoteTooLong,
    NameEmpty,
    NameTooLong,

    /// <summary>No such follow-up link (mistyped, forged, revoked by a newer one, or its agreement is gone).</summary>
    LinkUnknown,
    LinkExpired,

    /// <summary>The link is for another agreement than the one the form was sent for.</summary>
    LinkOtherAgreement,

    /// <summary>The dialogue's personal data was pseudonymised: no new names may come in through a link.</summary>
    Pseudonymised,
}

/// <summary>One step of an agreement's history as the pages show it.</summary>
/// <param name="By">The facilitator's name, or the name the contact gave.</param>
/// <param name="ByContact">Made by the owner organisation's contact through a follow-up link.</param>
public sealed record FollowUpStep(AgreementStatus From, AgreementStatus To, string Note, string? By, bool ByContact, DateTime At);

/// <param name="LinkExpiresAt">Until when the newest follow-up link works; null when there is none that works.</param>
public sealed record FollowUpAgreement(
    int Id, int DialogueId, string DialogueTitle, string Theme, string What, string? Who, DateOnly? Due, AgreementStatus Status,
    IReadOnlyList<FollowUpStep> History, DateTime? LinkExpiresAt);

public sealed record FollowUpDialogue(int Id, string Title, DialogueStatus Status, IReadOnlyList<FollowUpAgreement> Agreements);

public sealed record DueAgreement(int AgreementId, int DialogueId, string DialogueTitle, string What, string? Who, DateOnly Due, AgreementStatus Status);

/// <summary>What a facilitator should look at: open agreements past their date, and those due in the coming days.</summary>
public sealed record FollowUpOverview(DateOnly Today, IReadOnlyList<DueAgreement> Overdue, IReadOnlyList<DueAgreement> DueSoon);

/// <summary>A follow-up link just made: the secret is shown once and never stored.</summary>
public sealed record IssuedFollowUpLink(string Secret, DateTime ExpiresAt);

/// <summary>
/// The follow-up of agreements after (or during) the dialogue: their status with a history of who changed it, why
/// and when — by the dialogue's facilitators, or by the owner organisation's contact with a personal link that
/// opens that one agreement without an account. Every write goes through the write gate.
/// </summary>
public sealed class AgreementFollowUp(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock)
{
    public const int MaxNoteLength = 500;
    public const int MaxNameLength = 60;

    /// <summary>How many days ahead the overview looks.</summary>
    public const int DueSoonDays = 30;

    /// <summary>How long a follow-up link works (docs/operations.md): long enough for a quarter's actions.</summary>
    public static readonly TimeSpan LinkValidity = TimeSpan.FromDays(90);

    public const string LinkPath = "afspraak";

    /// <summary>The dialogue's agreements with their status and history, for one of its facilitators; null for anyone else.</summary>
    public async Task<FollowUpDialogue?> DialogueAsync(int dialogueId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dialogue = await db.Dialogues.AsNoTracking()
            .Where(d => d.Id == dialogueId && d.Facilitators.Any(f => f.UserId == userId))
            .Select(d => new { d.Id, d.Title, d.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (dialogue is null)
        {
            return null;
        }

        var agreements = await ViewsAsync(db, db.Agreements.Where(a => a.DialogueId == dialogueId), cancellationToken);
        return new FollowUpDialogue(dialogue.Id, dialogue.Title, dialogue.Status, agreements);
    }

    /// <summary>A facilitator of the agreement's dialogue sets its status, with a note; answers the errors (none: stored).</summary>
    public async Task<IReadOnlyList<FollowUpError>> ChangeAsync(int dialogueId, int agreementId, string userId, string? status, string? note, CancellationToken cancellationToken)
    {
        var (to, text, errors) = Validate(status, note);
        if (errors.Count > 0)
        {
            return errors;
        }

        return await gate.RunAsync<IReadOnlyList<FollowUpError>>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var agreement = await db.Agreements.SingleOrDefaultAsync(
                a => a.Id == agreementId && a.DialogueId == dialogueId && db.DialogueFacilitators.Any(f => f.DialogueId == a.DialogueId && f.UserId == userId),
                cancellationToken);
            if (agreement is null)
            {
                return [FollowUpError.NotFound];
            }

            Record(db, agreement, to, text, userId, null, null);
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }, cancellationToken);
    }

    /// <summary>
    /// Makes a personal follow-up link for one agreement (revoking an older one for it); null when this user does not
    /// run its dialogue or the dialogue's personal data has been pseudonymised.
    /// </summary>
    public async Task<IssuedFollowUpLink?> IssueLinkAsync(int dialogueId, int agreementId, string userId, CancellationToken cancellationToken) =>
        await gate.RunAsync<IssuedFollowUpLink?>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var found = await db.Agreements.AnyAsync(
                a => a.Id == agreementId && a.DialogueId == dialogueId
                    && db.Dialogues.Any(d => d.Id == dialogueId && d.PseudonymisedAt == null && d.Facilitators.Any(f => f.UserId == userId)),
                cancellationToken);
            if (!found)
            {
                return null;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await db.AgreementLinks.Where(l => l.AgreementId == agreementId && l.ExpiresAt > now)
                .ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, now), cancellationToken); // Only the newest link works.
            var secret = StoredSecrets.Create();
            var link = new AgreementLink
            {
                AgreementId = agreementId,
                TokenHash = StoredSecrets.Hash(secret),
                CreatedByUserId = userId,
                CreatedAt = now,
                ExpiresAt = now + LinkValidity,
            };
            db.AgreementLinks.Add(link);
            await db.SaveChangesAsync(cancellationToken);
            return new IssuedFollowUpLink(secret, link.ExpiresAt);
        }, cancellationToken);

    /// <summary>The agreement a follow-up link opens, or why it opens nothing.</summary>
    public async Task<(FollowUpAgreement? Agreement, FollowUpError? Problem)> OpenLinkAsync(string? secret, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (link, problem) = await FindLinkAsync(db, secret, cancellationToken);
        if (link is null)
        {
            return (null, problem);
        }

        var views = await ViewsAsync(db, db.Agreements.Where(a => a.Id == link.AgreementId), cancellationToken);
        return (views.Single(), null);
    }

    /// <summary>
    /// The contact changes the status through their link, giving their name and a note; answers the errors (none:
    /// stored). The link must still work and be the one for this agreement.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpError>> ChangeByLinkAsync(string? secret, int agreementId, string? name, string? status, string? note, CancellationToken cancellationToken)
    {
        var (to, text, errors) = Validate(status, note);
        var who = TextRules.NormalizeLine(name);
        var all = errors.ToList();
        if (who.Length == 0)
        {
            all.Add(FollowUpError.NameEmpty);
        }
        else if (who.Length > MaxNameLength)
        {
            all.Add(FollowUpError.NameTooLong);
        }

        return await gate.RunAsync<IReadOnlyList<FollowUpError>>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var (link, problem) = await FindLinkAsync(db, secret, cancellationToken);
            if (link is null)
            {
                return [problem!.Value];
            }

            if (link.AgreementId != agreementId)
            {
                return [FollowUpError.LinkOtherAgreement];
            }

            if (all.Count > 0)
            {
                return all;
            }

            var agreement = await db.Agreements.SingleAsync(a => a.Id == agreementId, cancellationToken);
            Record(db, agreement, to, text, null, who, link.Id);
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }, cancellationToken);
    }

    /// <summary>
    /// The agreements of this facilitator's dialogues that are neither done nor dropped and have a date: those before
    /// today (Dutch time) and those due today or in the next <see cref="DueSoonDays"/> days, soonest first.
    /// </summary>
    public async Task<FollowUpOverview> OverviewAsync(string userId, CancellationToken cancellationToken)
    {
        var today = DutchTime.Today(clock);
        var until = today.AddDays(DueSoonDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from a in db.Agreements.AsNoTracking()
            join d in db.Dialogues on a.DialogueId equals d.Id
            where d.Facilitators.Any(f => f.UserId == userId)
                && a.Due != null && a.Due <= until
                && (a.Status == AgreementStatus.Open || a.Status == AgreementStatus.InProgress)
            select new DueAgreement(a.Id, d.Id, d.Title, a.What, a.Who, a.Due!.Value, a.Status))
            .ToListAsync(cancellationToken);
        var ordered = rows.OrderBy(r => r.Due).ThenBy(r => r.DialogueTitle, StringComparer.CurrentCulture).ThenBy(r => r.AgreementId).ToList();
        return new FollowUpOverview(today, [.. ordered.Where(r => r.Due < today)], [.. ordered.Where(r => r.Due >= today)]);
    }

    /// <summary>A status as a form sends it: the enum's name, nothing else (no numbers, no unknown names).</summary>
    public static AgreementStatus? ParseStatus(string? value) =>
        value is { Length: > 0 } && !char.IsAsciiDigit(value[0]) && value[0] != '-' && Enum.TryParse<AgreementStatus>(value, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status
            : null;

    private static (AgreementStatus To, string Note, List<FollowUpError> Errors) Validate(string? status, string? note)
    {
        var errors = new List<FollowUpError>();
        var to = ParseStatus(status);
        if (to is null)
        {
            errors.Add(FollowUpError.StatusUnknown);
        }

        var text = TextRules.Normalize(note);
        if (text.Length == 0)
        {
            errors.Add(FollowUpError.NoteEmpty);
        }
        else if (text.Length > MaxNoteLength)
        {
            errors.Add(FollowUpError.NoteTooLong);
        }

        return (to ?? AgreementStatus.Open, text, errors);
    }

    private void Record(DialogueDb db, Agreement agreement, AgreementStatus to, string note, string? userId, string? contactName, int? linkId)
    {
        db.AgreementStatusChanges.Add(new AgreementStatusChange
        {
            AgreementId = agreement.Id,
            From = agreement.Status,
            To = to,
            Note = note,
            ByUserId = userId,
            ByContactName = contactName,
            LinkId = linkId,
            ChangedAt = clock.GetUtcNow().UtcDateTime,
        });
        agreement.Status = to;
    }

    private async Task<(AgreementLink? Link, FollowUpError? Problem)> FindLinkAsync(DialogueDb db, string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 100)
        {
            return (null, FollowUpError.LinkUnknown);
        }

        var hash = StoredSecrets.Hash(secret.Trim());
        var link = await db.AgreementLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null)
        {
            return (null, FollowUpError.LinkUnknown);
        }

        if (link.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            return (null, FollowUpError.LinkExpired);
        }

        var pseudonymised = await db.Agreements.Where(a => a.Id == link.AgreementId)
            .Join(db.Dialogues, a => a.DialogueId, d => d.Id, (a, d) => d.PseudonymisedAt != null).SingleAsync(cancellationToken);
        return pseudonymised ? (null, FollowUpError.Pseudonymised) : (link, null);
    }

    private async Task<IReadOnlyList<FollowUpAgreement>> ViewsAsync(DialogueDb db, IQueryable<Agreement> which, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var agreements = await (
            from a in which.AsNoTracking()
            join d in db.Dialogues on a.DialogueId equals d.Id
            join t in db.Themes on a.ThemeId equals t.Id
            orderby t.Position, a.Id
            select new { a.Id, a.DialogueId, DialogueTitle = d.Title, Theme = t.Title, a.What, a.Who, a.Due, a.Status })
            .ToListAsync(cancellationToken);
        var ids = agreements.Select(a => a.Id).ToList();
        var steps = (await (
            from c in db.AgreementStatusChanges.AsNoTracking()
            where ids.Contains(c.AgreementId)
            join u in db.Users on c.ByUserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            select new { c.Id, c.AgreementId, Step = new FollowUpStep(c.From, c.To, c.Note, c.ByContactName ?? (u == null ? null : u.DisplayName), c.ByUserId == null && c.ByContactName != null, c.ChangedAt) })
            .ToListAsync(cancellationToken))
            .OrderBy(s => s.Step.At).ThenBy(s => s.Id).ToLookup(s => s.AgreementId, s => s.Step);
        var links = (await db.AgreementLinks.AsNoTracking().Where(l => ids.Contains(l.AgreementId) && l.ExpiresAt > now)
            .Select(l => new { l.AgreementId, l.ExpiresAt }).ToListAsync(cancellationToken))
            .GroupBy(l => l.AgreementId).ToDictionary(g => g.Key, g => g.Max(l => l.ExpiresAt));
        return
        [
            .. agreements.Select(a => new FollowUpAgreement(
                a.Id, a.DialogueId, a.DialogueTitle, a.Theme, a.What, a.Who, a.Due, a.Status,
                [.. steps[a.Id]], links.TryGetValue(a.Id, out var expires) ? expires : null)),
        ];
    }
}
