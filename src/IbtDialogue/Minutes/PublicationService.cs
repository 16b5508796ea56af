using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using IbtDialogue.Accounts;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Minutes;

/// <param name="CorrectedAt">When the published text was last replaced by a different one ("gewijzigd op").</param>
public sealed record PublicSummary(int Id, int DialogueId, string Title, DateOnly Date, string Markdown, string Themes, DateTime FirstPublishedAt, DateTime UpdatedAt, DateTime? CorrectedAt = null)
{
    /// <summary>The stable address: the id decides, the words only help a reader.</summary>
    public string Path => $"gesprekken/{Id}/{FileNames.Slug(Title)}";

    /// <summary>When its text last changed: the first publication, or the latest correction.</summary>
    public DateTime ChangedAt => CorrectedAt ?? FirstPublishedAt;
}

/// <param name="Pending">The text waiting for approval, if any (the public text stays until it is approved).</param>
/// <param name="Rejected">The latest decision when it was a rejection after the last publication: what and why.</param>
/// <param name="RequiresApproval">Whether a text goes public only after a second reader approves it.</param>
public sealed record PublicationDraft(
    string Markdown, bool IsPublished, int? SummaryId, bool Closed, ProposalView? Pending = null, ProposalView? Rejected = null, bool RequiresApproval = true);

/// <summary>A proposed text and where it stands, for the facilitators and the second reader.</summary>
public sealed record ProposalView(
    int Id,
    int DialogueId,
    string DialogueTitle,
    DateOnly DialogueDate,
    string Markdown,
    string Hash,
    string ProposedByUserId,
    string? ProposedBy,
    DateTime ProposedAt,
    ProposalState State,
    string? DecidedBy,
    DateTime? DecidedAt,
    string? Reason);

/// <param name="PublicMarkdown">The text that is public now, which an approved proposal replaces (null when none is).</param>
/// <param name="Findings">Personal data the text holds now (after a change of the dialogue's names): approval is refused while any.</param>
/// <param name="CanDecide">Whether this reader may approve or reject it: it waits, and they did not propose it.</param>
public sealed record ProposalReview(ProposalView Proposal, string? PublicMarkdown, IReadOnlyList<string> Findings, bool CanDecide);

/// <summary>A proposal waiting for this reader's decision.</summary>
public sealed record AwaitingLine(int Id, int DialogueId, string DialogueTitle, DateOnly DialogueDate, string? ProposedBy, DateTime ProposedAt, bool IsCorrection);

/// <summary>Who decides about a proposal: a facilitator of its dialogue or, for any dialogue, an administrator.</summary>
/// <param name="IsAdministrator">Passes the administrator policy (with its second factor, where required).</param>
public sealed record Approver(string UserId, bool IsAdministrator)
{
    /// <summary>The signed-in user as a reader of proposals: an administrator only when the administrator policy lets them in.</summary>
    public static async Task<Approver> OfAsync(ClaimsPrincipal user, IAuthorizationService authorization) =>
        new(user.FacilitatorId(), (await authorization.AuthorizeAsync(user, AuthPolicies.Administrator)).Succeeded);
}

public enum PublishOutcome
{
    Published,

    /// <summary>Stored as a proposal; it goes public when a second facilitator or an administrator approves it.</summary>
    Proposed,

    NotFound,
    Empty,

    /// <summary>The dialogue is still running: only what is over is published.</summary>
    NotClosed,

    /// <summary>The text still holds a personal name or contact; nothing was published.</summary>
    HasPersonalNames,
}

/// <param name="Names">What personal data was found, as the refusal names it.</param>
public sealed record PublishResult(PublishOutcome Outcome, IReadOnlyList<string> Names, int? SummaryId = null, int? ProposalId = null);

public enum DecisionOutcome
{
    Approved,
    Rejected,

    /// <summary>No such proposal, or not one this reader may see.</summary>
    NotFound,

    /// <summary>The proposer cannot approve or reject their own text.</summary>
    OwnProposal,

    /// <summary>The text approved is not the text proposed (its hash differs): nothing was published.</summary>
    TextDiffers,

    /// <summary>A newer text was proposed since: that one waits for approval now.</summary>
    Superseded,

    /// <summary>Someone decided about it already.</summary>
    AlreadyDecided,

    /// <summary>The text names someone of the dialogue now (names can change, e.g. after an erasure).</summary>
    HasPersonalNames,

    /// <summary>A rejection needs a reason (at most 1000 characters).</summary>
    ReasonRequired,
}

public sealed record DecisionResult(DecisionOutcome Outcome, IReadOnlyList<string> Names, int? SummaryId = null);

/// <summary>Configuration section <c>Publication</c>.</summary>
public sealed class PublicationOptions
{
    public const string Section = "Publication";

    /// <summary>
    /// A summary goes public only after a second facilitator of the dialogue or an administrator approved exactly
    /// its text (four eyes). Off: a facilitator publishes in one step.
    /// </summary>
    public bool RequireSecondApproval { get; set; } = true;
}

/// <summary>
/// Publishing the public summary of a closed dialogue. A facilitator starts from a text composed without names,
/// may edit it, and submits exactly what they previewed — refused while it still holds the name, surname or
/// contact of anyone in the dialogue, or any phone number or e-mail address (<see cref="PersonalDataCheck"/>).
/// With four eyes (<see cref="PublicationOptions.RequireSecondApproval"/>, the default) the text is stored as a
/// proposal with its hash, author and time, and goes public only when another facilitator of the dialogue or an
/// administrator approves that very text; any new text is a new proposal, and until one is approved the public
/// page keeps the text that was approved before. Publishing marks the minutes version the text came from final.
/// </summary>
public sealed class PublicationService(
    IDbContextFactory<DialogueDb> dbFactory,
    WriteGate gate,
    MinutesComposer composer,
    MinutesService minutes,
    MarkdownRenderer renderer,
    TimeProvider clock,
    IOptionsMonitor<PublicationOptions> options)
{
    /// <summary>A rejection's reason is a sentence or two.</summary>
    public const int MaxReasonLength = 1000;

    public bool RequiresApproval => options.CurrentValue.RequireSecondApproval;

    /// <summary>The SHA-256 of a text as an approval names it: lower-case hex of its UTF-8 bytes.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The text to review: the one waiting for approval, else a rejected one (to mend), else the earlier published
    /// (or withdrawn) one, else a new one composed without names.
    /// </summary>
    public async Task<PublicationDraft?> DraftAsync(int dialogueId, string userId, CancellationToken cancellationToken)
    {
        if (await minutes.RecordAsync(dialogueId, RecordReader.Facilitator(userId), cancellationToken) is not { } record)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.PublishedSummaries.AsNoTracking().SingleOrDefaultAsync(p => p.DialogueId == dialogueId, cancellationToken);
        var latest = await Views(db, db.PublicationProposals.Where(p => p.DialogueId == dialogueId).OrderByDescending(p => p.Id).Take(1)).FirstOrDefaultAsync(cancellationToken);
        var pending = latest is { State: ProposalState.Pending } ? latest : null;
        var rejected = latest is { State: ProposalState.Rejected } && (existing is null || latest.DecidedAt > existing.UpdatedAt) ? latest : null;
        var closed = record.ClosedAt is not null;
        var markdown = pending?.Markdown ?? rejected?.Markdown ?? existing?.Markdown ?? composer.In(CultureInfo.CurrentCulture).ComposePublic(record);
        return new PublicationDraft(markdown, existing?.IsPublished ?? false, existing?.Id, closed, pending, rejected, RequiresApproval);
    }

    /// <summary>A fresh public text composed from the dialogue (discarding edits to the draft).</summary>
    public async Task<string?> RecomposeAsync(int dialogueId, string userId, CancellationToken cancellationToken) =>
        await minutes.RecordAsync(dialogueId, RecordReader.Facilitator(userId), cancellationToken) is { } record ? composer.In(CultureInfo.CurrentCulture).ComposePublic(record) : null;

    /// <summary>
    /// Submits a text for publication: with four eyes it becomes the proposal waiting for approval (replacing one
    /// that waited), else it is published at once.
    /// </summary>
    public async Task<PublishResult> PublishAsync(int dialogueId, string userId, string? markdown, CancellationToken cancellationToken)
    {
        if (await minutes.RecordAsync(dialogueId, RecordReader.Facilitator(userId), cancellationToken) is not { } record)
        {
            return new PublishResult(PublishOutcome.NotFound, []);
        }

        if (record.ClosedAt is null)
        {
            return new PublishResult(PublishOutcome.NotClosed, []);
        }

        var text = (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MinutesService.MaxLength)
        {
            return new PublishResult(PublishOutcome.Empty, []);
        }

        var found = PersonalDataCheck.For(record).FindInMarkdown(text, renderer);
        if (found.Count > 0)
        {
            return new PublishResult(PublishOutcome.HasPersonalNames, found);
        }

        var hash = HashOf(text);
        var oneStep = !RequiresApproval;
        return await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var waiting = await db.PublicationProposals.Where(p => p.DialogueId == dialogueId && p.State == ProposalState.Pending).ToListAsync(cancellationToken);
            if (!oneStep && waiting.SingleOrDefault(p => p.Hash == hash && p.ProposedByUserId == userId) is { } same)
            {
                return new PublishResult(PublishOutcome.Proposed, [], null, same.Id); // submitted twice: still the one proposal
            }

            foreach (var older in waiting)
            {
                older.State = ProposalState.Superseded;
                older.DecidedByUserId = userId;
                older.DecidedAt = now;
            }

            await db.SaveChangesAsync(cancellationToken); // the older one stops waiting before the new one starts
            var proposal = new PublicationProposal
            {
                DialogueId = dialogueId,
                Markdown = text,
                Hash = hash,
                ProposedByUserId = userId,
                ProposedAt = now,
                MinutesNumber = await db.MinutesVersions.Where(m => m.DialogueId == dialogueId).MaxAsync(m => (int?)m.Number, cancellationToken),
                State = ProposalState.Pending,
            };
            db.PublicationProposals.Add(proposal);
            if (!oneStep)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new PublishResult(PublishOutcome.Proposed, [], null, proposal.Id);
            }

            var summaryId = await MakePublicAsync(db, record, proposal, userId, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new PublishResult(PublishOutcome.Published, [], summaryId, proposal.Id);
        }, cancellationToken);
    }

    /// <summary>
    /// Approves a proposal — exactly the text whose hash the reader saw — and publishes it. Refused to its proposer,
    /// for a text other than the one proposed, for a proposal that no longer waits, and while the text names someone.
    /// </summary>
    public async Task<DecisionResult> ApproveAsync(int proposalId, string? textHash, Approver approver, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var proposal = await db.PublicationProposals.SingleOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
            if (await RefusalAsync(db, proposal, approver, cancellationToken) is { } refusal)
            {
                return new DecisionResult(refusal, []);
            }

            if (!string.Equals(textHash, proposal!.Hash, StringComparison.Ordinal))
            {
                return new DecisionResult(DecisionOutcome.TextDiffers, []);
            }

            var dialogue = await db.Dialogues.SingleAsync(d => d.Id == proposal.DialogueId, cancellationToken);
            var record = await MinutesRecord.LoadAsync(db, dialogue, cancellationToken);
            var found = PersonalDataCheck.For(record).FindInMarkdown(proposal.Markdown, renderer);
            if (found.Count > 0)
            {
                return new DecisionResult(DecisionOutcome.HasPersonalNames, found);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var summaryId = await MakePublicAsync(db, record, proposal, approver.UserId, clock.GetUtcNow().UtcDateTime, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new DecisionResult(DecisionOutcome.Approved, [], summaryId);
        }, cancellationToken);

    /// <summary>Rejects a proposal with a reason: nothing changes on the public page; the proposer sees why.</summary>
    public async Task<DecisionResult> RejectAsync(int proposalId, string? reason, Approver approver, CancellationToken cancellationToken)
    {
        var why = TextRules.Normalize(reason);
        return await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var proposal = await db.PublicationProposals.SingleOrDefaultAsync(p => p.Id == proposalId, cancellationToken);
            if (await RefusalAsync(db, proposal, approver, cancellationToken) is { } refusal)
            {
                return new DecisionResult(refusal, []);
            }

            if (why.Length == 0 || why.Length > MaxReasonLength)
            {
                return new DecisionResult(DecisionOutcome.ReasonRequired, []);
            }

            proposal!.State = ProposalState.Rejected;
            proposal.DecidedByUserId = approver.UserId;
            proposal.DecidedAt = clock.GetUtcNow().UtcDateTime;
            proposal.Reason = why;
            await db.SaveChangesAsync(cancellationToken);
            return new DecisionResult(DecisionOutcome.Rejected, []);
        }, cancellationToken);
    }

    /// <summary>One proposal as its reader sees it; null when there is none they may see (facilitators of the dialogue, administrators).</summary>
    public async Task<ProposalReview?> ReviewAsync(int proposalId, Approver reader, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var proposal = await Views(db, db.PublicationProposals.Where(p => p.Id == proposalId)).SingleOrDefaultAsync(cancellationToken);
        if (proposal is null || !await MaySeeAsync(db, proposal.DialogueId, reader, cancellationToken))
        {
            return null;
        }

        var dialogue = await db.Dialogues.AsNoTracking().SingleAsync(d => d.Id == proposal.DialogueId, cancellationToken);
        var found = PersonalDataCheck.For(await MinutesRecord.LoadAsync(db, dialogue, cancellationToken)).FindInMarkdown(proposal.Markdown, renderer);
        var published = await db.PublishedSummaries.AsNoTracking()
            .Where(p => p.DialogueId == proposal.DialogueId && p.IsPublished).Select(p => p.Markdown).SingleOrDefaultAsync(cancellationToken);
        return new ProposalReview(proposal, published, found, proposal.State == ProposalState.Pending && proposal.ProposedByUserId != reader.UserId);
    }

    /// <summary>The proposals waiting for this reader: of the dialogues they facilitate, or all for an administrator; never their own.</summary>
    public async Task<IReadOnlyList<AwaitingLine>> AwaitingAsync(Approver reader, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from p in db.PublicationProposals.AsNoTracking()
            where p.State == ProposalState.Pending && p.ProposedByUserId != reader.UserId
                && (reader.IsAdministrator || db.DialogueFacilitators.Any(f => f.DialogueId == p.DialogueId && f.UserId == reader.UserId))
            join d in db.Dialogues on p.DialogueId equals d.Id
            join u in db.Users on p.ProposedByUserId equals u.Id into us
            from u in us.DefaultIfEmpty()
            select new AwaitingLine(p.Id, d.Id, d.Title, d.Date, u.DisplayName, p.ProposedAt, db.PublishedSummaries.Any(s => s.DialogueId == d.Id && s.FirstPublishedAt != null)))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.ProposedAt).ThenBy(r => r.Id)];
    }

    /// <summary>Why this reader may not decide about this proposal now, or null when they may.</summary>
    private static async Task<DecisionOutcome?> RefusalAsync(DialogueDb db, PublicationProposal? proposal, Approver approver, CancellationToken cancellationToken) =>
        proposal is null || !await MaySeeAsync(db, proposal.DialogueId, approver, cancellationToken) ? DecisionOutcome.NotFound
        : proposal.ProposedByUserId == approver.UserId ? DecisionOutcome.OwnProposal
        : proposal.State == ProposalState.Superseded ? DecisionOutcome.Superseded
        : proposal.State != ProposalState.Pending ? DecisionOutcome.AlreadyDecided
        : null;

    private static async Task<bool> MaySeeAsync(DialogueDb db, int dialogueId, Approver reader, CancellationToken cancellationToken) =>
        reader.IsAdministrator || await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == reader.UserId, cancellationToken);

    /// <summary>
    /// Puts the proposal's text on the public page and in the feed (a different text than was public before is a
    /// correction: "gewijzigd op"), marks it approved and the minutes version it came from final.
    /// </summary>
    private static async Task<int> MakePublicAsync(DialogueDb db, MinutesRecord record, PublicationProposal proposal, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var summary = await db.PublishedSummaries.SingleOrDefaultAsync(p => p.DialogueId == proposal.DialogueId, cancellationToken);
        if (summary is null)
        {
            summary = new PublishedSummary { DialogueId = proposal.DialogueId, Title = record.Title, Markdown = proposal.Markdown, Themes = "", UpdatedByUserId = userId };
            db.PublishedSummaries.Add(summary);
        }
        else if (summary.FirstPublishedAt is not null && !string.Equals(summary.Markdown, proposal.Markdown, StringComparison.Ordinal))
        {
            summary.CorrectedAt = now;
        }

        summary.Title = record.Title;
        summary.Date = record.Date;
        summary.Markdown = proposal.Markdown;
        summary.Themes = string.Join("\n", record.Themes.Select(t => t.Title));
        summary.IsPublished = true;
        summary.FirstPublishedAt ??= now;
        summary.UpdatedAt = now;
        summary.UpdatedByUserId = userId;
        summary.MinutesNumber = proposal.MinutesNumber;

        proposal.State = ProposalState.Approved;
        proposal.DecidedByUserId = userId;
        proposal.DecidedAt = now;

        if (proposal.MinutesNumber is { } number)
        {
            await db.MinutesVersions.Where(m => m.DialogueId == proposal.DialogueId && m.Number == number && m.FinalAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.FinalAt, now), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await NationalPicture.PracticeLibrary.SetPublishedAsync(db, proposal.DialogueId, published: true, cancellationToken);
        return summary.Id;
    }

    /// <summary>The proposals as their readers see them (filter them before: the view is a record EF cannot look into).</summary>
    private static IQueryable<ProposalView> Views(DialogueDb db, IQueryable<PublicationProposal> proposals) =>
        from p in proposals.AsNoTracking()
        join d in db.Dialogues on p.DialogueId equals d.Id
        join u in db.Users on p.ProposedByUserId equals u.Id into us
        from u in us.DefaultIfEmpty()
        join v in db.Users on p.DecidedByUserId equals v.Id into vs
        from v in vs.DefaultIfEmpty()
        select new ProposalView(p.Id, p.DialogueId, d.Title, d.Date, p.Markdown, p.Hash, p.ProposedByUserId, u.DisplayName, p.ProposedAt, p.State, v.DisplayName, p.DecidedAt, p.Reason);

    /// <summary>Takes the summary off the public page and the feed; the text stays for a later publication.</summary>
    public async Task<bool> UnpublishAsync(int dialogueId, string userId, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == userId, cancellationToken))
            {
                return false;
            }

            await NationalPicture.PracticeLibrary.SetPublishedAsync(db, dialogueId, published: false, cancellationToken);
            return await db.PublishedSummaries.Where(p => p.DialogueId == dialogueId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsPublished, false).SetProperty(p => p.UpdatedAt, clock.GetUtcNow().UtcDateTime), cancellationToken) > 0;
        }, cancellationToken);

    /// <summary>The published summaries, newest dialogue first, optionally those whose title or themes match and of one year.</summary>
    public async Task<IReadOnlyList<PublicSummary>> ListAsync(string? query, int? year, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var published = db.PublishedSummaries.AsNoTracking().Where(p => p.IsPublished);
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            published = published.Where(p => p.Date >= from && p.Date <= to);
        }

        var all = await published.OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
            .Select(p => new PublicSummary(p.Id, p.DialogueId, p.Title, p.Date, p.Markdown, p.Themes, p.FirstPublishedAt!.Value, p.UpdatedAt, p.CorrectedAt))
            .ToListAsync(cancellationToken);
        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. all.Where(s => words.All(w => s.Title.Contains(w, StringComparison.CurrentCultureIgnoreCase) || s.Themes.Contains(w, StringComparison.CurrentCultureIgnoreCase)))];
    }

    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dates = await db.PublishedSummaries.AsNoTracking().Where(p => p.IsPublished).Select(p => p.Date).ToListAsync(cancellationToken);
        return [.. dates.Select(d => d.Year).Distinct().OrderDescending()];
    }

    /// <summary>The dialogue's summary when it is on the public page, else null.</summary>
    public async Task<PublicSummary?> FindOfDialogueAsync(int dialogueId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PublishedSummaries.AsNoTracking().Where(p => p.DialogueId == dialogueId && p.IsPublished)
            .Select(p => new PublicSummary(p.Id, p.DialogueId, p.Title, p.Date, p.Markdown, p.Themes, p.FirstPublishedAt!.Value, p.UpdatedAt, p.CorrectedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<PublicSummary?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PublishedSummaries.AsNoTracking().Where(p => p.Id == id && p.IsPublished)
            .Select(p => new PublicSummary(p.Id, p.DialogueId, p.Title, p.Date, p.Markdown, p.Themes, p.FirstPublishedAt!.Value, p.UpdatedAt, p.CorrectedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
