using System.Text.RegularExpressions;
using System.Security.Cryptography;
using IbtDialogue.Client.Resources;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Resources;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Privacy;

/// <summary>Configuration of how long personal data is kept (<c>Privacy:*</c>).</summary>
public sealed class PrivacyOptions
{
    /// <summary>Months after a dialogue closes that its participants' personal data is kept (a new dialogue's default).</summary>
    public int RetentionMonths { get; set; } = 12;

    /// <summary>How often the retention job looks for dialogues that are due.</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How people reach the Inspectie about their personal data, as the privacy statement says it (one sentence, may
    /// hold an address); empty: the statement's own general description of the privacy officer.
    /// </summary>
    public string? Contact { get; set; }
}

/// <summary>
/// What the Inspectie keeps of the people who took part, and for how long (AVG): pseudonymising a dialogue when
/// its retention period has passed, erasing one participant on request, deleting a whole dialogue. Each leaves
/// the organisations, the texts, the results and the published summary; none leaves a name, a token, a contact,
/// an earlier version of a text or a link between a person and a vote.
/// </summary>
public sealed class PersonalData(
    IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock, IOptions<PrivacyOptions> options, NationalPicture.NationalPictureCounter counter)
{
    public int DefaultRetentionMonths => Math.Clamp(options.Value.RetentionMonths, 1, 120);

    /// <summary>
    /// Participants whose display name contains the words, optionally in dialogues whose title or join code
    /// contains the other words: how an administrator finds the person behind an AVG request.
    /// </summary>
    public async Task<IReadOnlyList<ParticipantFound>> FindParticipantsAsync(string? name, string? dialogue, CancellationToken cancellationToken)
    {
        var who = TextRules.NormalizeLine(name);
        var place = TextRules.NormalizeLine(dialogue);
        if (who.Length == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var code = JoinCodes.Normalize(place);
        var rows = await (
            from p in db.Participants.AsNoTracking()
            join d in db.Dialogues on p.DialogueId equals d.Id
            where p.DisplayName.ToLower().Contains(who.ToLower())
                && (place.Length == 0 || d.Title.ToLower().Contains(place.ToLower()) || d.JoinCode == code)
            orderby d.Date descending, p.DisplayName
            select new ParticipantFound(p.Id, p.DisplayName, p.Organisation, d.Id, d.Title, d.Date, d.Status))
            .Take(50).ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<ParticipantFound?> FindParticipantAsync(int participantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (
            from p in db.Participants.AsNoTracking()
            where p.Id == participantId
            join d in db.Dialogues on p.DialogueId equals d.Id
            select new ParticipantFound(p.Id, p.DisplayName, p.Organisation, d.Id, d.Title, d.Date, d.Status))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>When a closed dialogue's personal data goes.</summary>
    public static DateTime? DueAt(Dialogue dialogue) => dialogue.ClosedAt?.AddMonths(dialogue.RetentionMonths);

    /// <summary>Closed dialogues whose retention period has passed and that still hold personal data.</summary>
    public async Task<IReadOnlyList<int>> DueAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var closed = await db.Dialogues.Where(d => d.Status == DialogueStatus.Closed && d.PseudonymisedAt == null && d.ClosedAt != null)
            .Select(d => new { d.Id, d.ClosedAt, d.RetentionMonths }).ToListAsync(cancellationToken);
        return [.. closed.Where(d => d.ClosedAt!.Value.AddMonths(d.RetentionMonths) <= now).Select(d => d.Id).Order()];
    }

    /// <summary>Votes of revealed or closed votes that are still linked to participants (kept before ballots were sealed) are sealed.</summary>
    public Task<int> SealOldBallotsAsync(CancellationToken cancellationToken) =>
        gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var themes = await (
                from v in db.Votes
                where v.ParticipantId != null
                join t in db.Themes on v.ThemeId equals t.Id
                join d in db.Dialogues on t.DialogueId equals d.Id
                where t.ResultsRevealed || d.Status == DialogueStatus.Closed
                select t.Id).Distinct().ToListAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var theme in themes)
            {
                await VotingCommands.SealBallotsAsync(db, theme, clock.GetUtcNow().UtcDateTime, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return themes.Count;
        }, cancellationToken);

    /// <summary>
    /// Pseudonymises a closed dialogue: participants become "Deelnemer 1…n" (in the minutes too), their tokens
    /// and join times go, good-practice contacts are removed, earlier versions of edited texts are purged, and
    /// the records of connections, commands and +1s lose who they were. Doing it again changes nothing.
    /// </summary>
    public Task<bool> PseudonymiseAsync(int dialogueId, CancellationToken cancellationToken) =>
        gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var dialogue = await db.Dialogues.SingleOrDefaultAsync(d => d.Id == dialogueId && d.Status == DialogueStatus.Closed, cancellationToken);
            if (dialogue is null || dialogue.PseudonymisedAt is not null)
            {
                return false;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var participants = await db.Participants.Where(p => p.DialogueId == dialogueId).OrderBy(p => p.Id).ToListAsync(cancellationToken);
            var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < participants.Count; i++)
            {
                var pseudonym = string.Format(Texts.Culture, Texts.PseudonymParticipant, i + 1);
                renamed.TryAdd(participants[i].DisplayName, pseudonym);
                Forget(participants[i], pseudonym, dialogue.ClosedAt ?? now);
            }

            await ForgetContactsAsync(db, dialogueId, renamed, cancellationToken);
            await ForgetTracesAsync(db, dialogueId, participants.Select(p => p.Id).ToList(), cancellationToken);
            await RewriteMinutesAsync(db, dialogueId, renamed, cancellationToken);
            await ForgetFollowUpContactsAsync(db, dialogueId, cancellationToken);
            foreach (var theme in await db.Themes.Where(t => t.DialogueId == dialogueId).Select(t => t.Id).ToListAsync(cancellationToken))
            {
                await VotingCommands.SealBallotsAsync(db, theme, now, cancellationToken);
            }

            dialogue.PseudonymisedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Erases one participant on request (AVG art. 17): "Verwijderde deelnemer" where they were named, in the
    /// room and the minutes; their token, join time, contacts, earlier texts, +1s and the link to their votes
    /// gone (their open votes deleted). Their words and their organisation stay, as in the record of the meeting.
    /// </summary>
    public Task<bool> EraseParticipantAsync(int participantId, CancellationToken cancellationToken) =>
        gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var participant = await db.Participants.SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken);
            if (participant is null)
            {
                return false;
            }

            var dialogueId = participant.DialogueId;
            var erased = Texts.ErasedParticipant;
            var renamed = new Dictionary<string, string>(StringComparer.Ordinal) { [participant.DisplayName] = erased };
            Forget(participant, erased, await db.Dialogues.Where(d => d.Id == dialogueId).Select(d => d.OpenedAt ?? d.CreatedAt).SingleAsync(cancellationToken));
            await ForgetContactsAsync(db, dialogueId, renamed, cancellationToken, participantId);
            await ForgetTracesAsync(db, dialogueId, [participantId], cancellationToken);
            await db.Votes.Where(v => v.ParticipantId == participantId).ExecuteDeleteAsync(cancellationToken);
            await RewriteMinutesAsync(db, dialogueId, renamed, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Deletes a whole dialogue with everything in it, its minutes included — not while its summary is public
    /// (withdraw the publication first). The national figures it counted in are rebuilt without it. Answers
    /// null when done, else why not.
    /// </summary>
    public async Task<DeletionRefusal?> DeleteDialogueAsync(int dialogueId, CancellationToken cancellationToken)
    {
        var (refusal, themes) = await gate.RunAsync<(DeletionRefusal?, List<(Domain, string)>)>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var dialogue = await db.Dialogues.SingleOrDefaultAsync(d => d.Id == dialogueId, cancellationToken);
            if (dialogue is null)
            {
                return (DeletionRefusal.NotFound, []);
            }

            if (await db.PublishedSummaries.AnyAsync(p => p.DialogueId == dialogueId && p.IsPublished, cancellationToken))
            {
                return (DeletionRefusal.Published, []);
            }

            var counted = (await db.RiskOutcomes.Where(o => o.DialogueId == dialogueId).Select(o => new { o.Domain, o.ThemeKey }).Distinct().ToListAsync(cancellationToken))
                .Select(t => (t.Domain, t.ThemeKey)).ToList();
            foreach (var practice in await db.Contributions.Where(c => c.DialogueId == dialogueId).Select(c => c.Id).ToListAsync(cancellationToken))
            {
                await db.Database.ExecuteSqlAsync($"DELETE FROM PracticeSearch WHERE rowid = {practice}", cancellationToken);
            }

            await db.RoomConnections.Where(c => c.DialogueId == dialogueId).ExecuteDeleteAsync(cancellationToken);
            await db.ProcessedCommands.Where(c => c.DialogueId == dialogueId).ExecuteDeleteAsync(cancellationToken);
            db.Dialogues.Remove(dialogue); // everything else goes with it (cascading keys)
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (null, counted);
        }, cancellationToken);

        foreach (var (domain, themeKey) in themes)
        {
            await counter.RebuildThemeAsync(domain, themeKey, cancellationToken);
        }

        return refusal;
    }

    private static void Forget(Participants.Participant participant, string name, DateTime at)
    {
        participant.DisplayName = name;
        participant.TokenHash = StoredSecrets.Hash(StoredSecrets.Create()); // the browser's token opens nothing any more
        participant.JoinedAt = at;
        participant.LastLeftAt = null;
    }

    /// <summary>Good-practice contacts go (of one participant, or of the whole dialogue); the minutes lose them too.</summary>
    private static async Task ForgetContactsAsync(DialogueDb db, int dialogueId, Dictionary<string, string> renamed, CancellationToken cancellationToken, int? onlyOf = null)
    {
        var withContact = await db.Contributions
            .Where(c => c.DialogueId == dialogueId && (c.ContactName != null || c.ContactDetails != null) && (onlyOf == null || c.ParticipantId == onlyOf))
            .ToListAsync(cancellationToken);
        foreach (var contribution in withContact)
        {
            foreach (var contact in new[] { contribution.ContactName, contribution.ContactDetails }.OfType<string>())
            {
                renamed.TryAdd(contact, Texts.ErasedContact);
            }

            (contribution.ContactName, contribution.ContactDetails, contribution.ContactConsentAt) = (null, null, null);
        }
    }

    /// <summary>Earlier versions of texts, and the keys that tie +1s, connections and commands to the people.</summary>
    private static async Task ForgetTracesAsync(DialogueDb db, int dialogueId, IReadOnlyList<int> participantIds, CancellationToken cancellationToken)
    {
        var contributions = db.Contributions.Where(c => c.DialogueId == dialogueId).Select(c => c.Id);
        await db.ContributionRevisions.Where(r => contributions.Contains(r.ContributionId)).ExecuteDeleteAsync(cancellationToken);
        await db.ModerationRecords.Where(m => m.DialogueId == dialogueId && m.Action == "edit").ExecuteUpdateAsync(m => m.SetProperty(x => x.Detail, (string?)null), cancellationToken);
        await db.RoomConnections.Where(c => c.DialogueId == dialogueId && c.ParticipantId != null && participantIds.Contains(c.ParticipantId.Value)).ExecuteDeleteAsync(cancellationToken);
        var keys = participantIds.Select(Actor.ParticipantKey).ToList();
        await db.ProcessedCommands.Where(c => c.DialogueId == dialogueId && keys.Contains(c.Actor)).ExecuteDeleteAsync(cancellationToken);

        // A +1 keeps counting, but no longer says whose it was.
        foreach (var key in keys)
        {
            var anonymous = "x:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            await db.Reactions.Where(r => contributions.Contains(r.ContributionId) && r.ReactedBy == key)
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.ReactedBy, anonymous), cancellationToken);
        }
    }

    /// <summary>
    /// Where the people were named in words — every version of the minutes, the texts of the dialogue and its
    /// agreements — the new names stand (whole words only, longest first, so "Piet Jansen" goes before "Piet"
    /// and "Pieter" stays).
    /// </summary>
    private static async Task RewriteMinutesAsync(DialogueDb db, int dialogueId, Dictionary<string, string> renamed, CancellationToken cancellationToken)
    {
        var rules = renamed.Where(r => r.Key.Length > 0).OrderByDescending(r => r.Key.Length)
            .Select(r => (Pattern: new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(r.Key)}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant), r.Value))
            .ToList();
        string Rewrite(string text) => rules.Aggregate(text, (current, rule) => rule.Pattern.Replace(current, rule.Value));
        string? RewriteOrNull(string? text) => text is null ? null : Rewrite(text);

        foreach (var version in await db.MinutesVersions.Where(m => m.DialogueId == dialogueId).ToListAsync(cancellationToken))
        {
            // The minutes escape Markdown in names; both forms are replaced.
            version.Markdown = Rewrite(renamed.Where(r => r.Key.Length > 0).OrderByDescending(r => r.Key.Length)
                .Aggregate(version.Markdown, (current, r) => current.Replace(Minutes.MarkdownText.Inline(r.Key), r.Key, StringComparison.Ordinal)));
        }

        foreach (var contribution in await db.Contributions.Where(c => c.DialogueId == dialogueId).ToListAsync(cancellationToken))
        {
            contribution.Text = Rewrite(contribution.Text);
            contribution.PracticeTitle = RewriteOrNull(contribution.PracticeTitle);
            contribution.PracticeWhy = RewriteOrNull(contribution.PracticeWhy);
        }

        foreach (var agreement in await db.Agreements.Where(a => a.DialogueId == dialogueId).ToListAsync(cancellationToken))
        {
            agreement.What = Rewrite(agreement.What);
            agreement.Who = RewriteOrNull(agreement.Who);
        }

        var agreements = db.Agreements.Where(a => a.DialogueId == dialogueId).Select(a => a.Id);
        foreach (var change in await db.AgreementStatusChanges.Where(c => agreements.Contains(c.AgreementId)).ToListAsync(cancellationToken))
        {
            change.Note = Rewrite(change.Note);
        }
    }

    /// <summary>
    /// The names that owner organisations' contacts gave with their follow-up become "contactpersoon van …" (the
    /// agreement's owner), in the history and wherever a note names them; their follow-up links stop working.
    /// </summary>
    private static async Task ForgetFollowUpContactsAsync(DialogueDb db, int dialogueId, CancellationToken cancellationToken)
    {
        var agreements = await db.Agreements.Where(a => a.DialogueId == dialogueId).ToDictionaryAsync(a => a.Id, cancellationToken);
        var ids = agreements.Keys.ToList();
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var change in await db.AgreementStatusChanges.Where(c => ids.Contains(c.AgreementId) && c.ByContactName != null).ToListAsync(cancellationToken))
        {
            var pseudonym = string.Format(ServerTexts.Culture, ServerTexts.FollowUpPseudonymContact, agreements[change.AgreementId].Who ?? ServerTexts.FollowUpPseudonymOwner);
            renamed.TryAdd(change.ByContactName!, pseudonym);
            change.ByContactName = pseudonym.Length > Agreements.AgreementFollowUp.MaxNameLength ? pseudonym[..Agreements.AgreementFollowUp.MaxNameLength] : pseudonym;
        }

        await db.AgreementLinks.Where(l => ids.Contains(l.AgreementId)).ExecuteDeleteAsync(cancellationToken);
        if (renamed.Count > 0)
        {
            await RewriteMinutesAsync(db, dialogueId, renamed, cancellationToken);
        }
    }
}

/// <summary>A participant as an administrator finds them.</summary>
public sealed record ParticipantFound(int Id, string DisplayName, string Organisation, int DialogueId, string DialogueTitle, DateOnly DialogueDate, DialogueStatus Status);

public enum DeletionRefusal
{
    NotFound,

    /// <summary>Its summary is public: withdraw the publication first.</summary>
    Published,
}

/// <summary>Runs the retention rules: at start, and every so often (<c>Privacy:CheckEvery</c>).</summary>
public sealed partial class RetentionWorker(PersonalData personalData, IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            await Task.Delay(options.Value.CheckEvery, clock, stoppingToken);
        }
    }

    /// <summary>One round: old ballots sealed, due dialogues pseudonymised.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await personalData.SealOldBallotsAsync(cancellationToken);
        var done = 0;
        foreach (var dialogueId in await personalData.DueAsync(cancellationToken))
        {
            if (await personalData.PseudonymiseAsync(dialogueId, cancellationToken))
            {
                LogPseudonymised(logger, dialogueId);
                done++;
            }
        }

        return done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialogue {DialogueId}: personal data pseudonymised (retention period passed).")]
    private static partial void LogPseudonymised(ILogger logger, int dialogueId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The retention job failed; it runs again at its next round.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
