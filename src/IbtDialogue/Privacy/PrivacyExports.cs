using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using IbtDialogue.Accounts;
using IbtDialogue.Client.Resources;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Resources;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Privacy;

/// <summary>
/// What the Inspectie hands out about the data it keeps: everything about one participant (AVG art. 15, to an
/// administrator or to the participant's own browser), a whole dialogue's record (archive, Woo), and the
/// moderation audit trail. Every export reads the authors of contributions through the same rule as the room
/// (<see cref="ContributionViews"/>): what was posted anonymously never gets a name.
/// </summary>
public sealed class PrivacyExports(IDbContextFactory<DialogueDb> dbFactory, TimeProvider clock)
{
    /// <summary>The controller in the sense of the AVG.</summary>
    public const string Controller = "Inspectie van het Onderwijs";

    public const int FormatVersion = 1;

    /// <summary>camelCase, enums as camelCase strings, UTC times with "Z", readable accents (the file is JSON, never HTML).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false), new UtcTimeConverter() },
    };

    public static byte[] ToJson<T>(T export) => JsonSerializer.SerializeToUtf8Bytes(export, Json);

    /// <summary>Everything stored about this participant, or null when there is no such participant.</summary>
    public async Task<ParticipantExport?> ParticipantAsync(int participantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participant = await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken);
        return participant is null ? null : await ParticipantExportAsync(db, participant, cancellationToken);
    }

    /// <summary>
    /// The participant's own data, asked for by their browser: the token in the dialogue's participant cookie must
    /// belong to a participant of the dialogue with this join code. Anything else — no token, a made-up one, one of
    /// another dialogue — answers null, the same for all.
    /// </summary>
    public async Task<ParticipantExport?> OwnAsync(string? code, Func<int, string?> tokenOf, CancellationToken cancellationToken)
    {
        if (JoinCodes.Normalize(code) is not { } normalized)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dialogueId = await db.Dialogues.Where(d => d.JoinCode == normalized).Select(d => (int?)d.Id).SingleOrDefaultAsync(cancellationToken);
        if (dialogueId is null || tokenOf(dialogueId.Value) is not { Length: > 0 } token)
        {
            return null;
        }

        var hash = ParticipantTokens.Hash(token);
        var participant = await db.Participants.AsNoTracking()
            .SingleOrDefaultAsync(p => p.TokenHash == hash && p.DialogueId == dialogueId.Value, cancellationToken);
        return participant is null ? null : await ParticipantExportAsync(db, participant, cancellationToken);
    }

    private async Task<ParticipantExport> ParticipantExportAsync(DialogueDb db, Participant participant, CancellationToken cancellationToken)
    {
        var id = participant.Id;
        var dialogue = await db.Dialogues.AsNoTracking().Include(d => d.Themes).SingleAsync(d => d.Id == participant.DialogueId, cancellationToken);
        var themes = dialogue.Themes.ToDictionary(t => t.Id, t => t.Title);
        string Theme(int themeId) => themes.GetValueOrDefault(themeId, "");

        var own = await db.Contributions.AsNoTracking().Where(c => c.ParticipantId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var ownIds = own.Select(c => c.Id).ToList();
        var key = Actor.ParticipantKey(id);
        var revisions = (await db.ContributionRevisions.AsNoTracking().Where(r => ownIds.Contains(r.ContributionId)).ToListAsync(cancellationToken))
            .OrderBy(r => r.EditedAt).ThenBy(r => r.Id).ToLookup(r => r.ContributionId);
        var moderation = (await db.ModerationRecords.AsNoTracking().Where(m => ownIds.Contains(m.ContributionId)).ToListAsync(cancellationToken))
            .OrderBy(m => m.At).ThenBy(m => m.Id).ToLookup(m => m.ContributionId);
        var plusOnesOnOwn = (await db.Reactions.AsNoTracking().Where(r => ownIds.Contains(r.ContributionId)).Select(r => r.ContributionId).ToListAsync(cancellationToken))
            .CountBy(c => c).ToDictionary();

        var plusOnes = await (
            from r in db.Reactions.AsNoTracking()
            where r.ReactedBy == key
            join c in db.Contributions on r.ContributionId equals c.Id
            select new { c.Id, c.ThemeId, c.Status, c.Text, r.ReactedAt })
            .ToListAsync(cancellationToken);

        var votes = await (
            from v in db.Votes.AsNoTracking()
            where v.ParticipantId == id
            join r in db.Risks on v.RiskId equals r.Id
            select new { v.ThemeId, r.Title, r.Position, v.Points, v.Likelihood, v.Impact, v.CastAt })
            .ToListAsync(cancellationToken);

        var proposed = await db.Risks.AsNoTracking().Where(r => r.ProposedByParticipantId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);

        // Agreements and minutes are not one person's, but those that name them are about them too.
        var named = NamePattern(participant.DisplayName);
        var escapedName = Minutes.MarkdownText.Inline(participant.DisplayName); // as the minutes write it
        var agreements = named is null
            ? []
            : (await db.Agreements.AsNoTracking().Where(a => a.DialogueId == dialogue.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken))
                .Where(a => named.IsMatch(a.What) || (a.Who is { } who && named.IsMatch(who)))
                .ToList();
        var minutesNaming = named is null
            ? 0
            : (await db.MinutesVersions.AsNoTracking().Where(m => m.DialogueId == dialogue.Id).Select(m => m.Markdown).ToListAsync(cancellationToken))
                .Count(markdown => named.IsMatch(markdown.Replace(escapedName, participant.DisplayName, StringComparison.Ordinal)));

        var order = dialogue.Themes.ToDictionary(t => t.Id, t => t.Position);
        return new ParticipantExport(
            ParticipantExport.KindName,
            FormatVersion,
            clock.GetUtcNow().UtcDateTime,
            Controller,
            new ExportedDialogue(
                dialogue.Id, dialogue.Title, dialogue.Date, dialogue.Status, dialogue.Anonymity, dialogue.ClosedAt, dialogue.RetentionMonths,
                PersonalData.DueAt(dialogue), dialogue.PseudonymisedAt),
            new ExportedParticipant(
                participant.Id, participant.DisplayName, participant.Organisation, participant.OrganisationType, participant.IsMunicipality,
                participant.Role, participant.JoinedAt, participant.LastLeftAt),
            [
                .. own.Select(c => new ExportedContribution(
                    c.Id,
                    Theme(c.ThemeId),
                    c.Kind,
                    c.Status,
                    c.Text,
                    c.CreatedAt,
                    c.Edited,
                    c.Anonymity,
                    c.ParentId,
                    c.Kind == ContributionKind.GoodPractice
                        ? new ExportedPractice(c.PracticeTitle, c.PracticeWhy, c.PracticeOrganisation, c.PracticeStep, c.ContactName, c.ContactDetails, c.ContactConsentAt)
                        : null,
                    [.. revisions[c.Id].Select(r => new ExportedEarlierText(r.PreviousText, r.EditedAt, r.EditedBy == key ? "self" : "facilitator"))],
                    [.. moderation[c.Id].Select(m => new ExportedModeration(m.Action, m.At))],
                    plusOnesOnOwn.GetValueOrDefault(c.Id))),
            ],
            [
                .. plusOnes.OrderBy(r => r.ReactedAt).ThenBy(r => r.Id)
                    .Select(r => new ExportedPlusOne(r.Id, Theme(r.ThemeId), r.Status == ContributionStatus.Visible ? r.Text : null, r.ReactedAt)),
            ],
            [
                .. votes.OrderBy(v => order.GetValueOrDefault(v.ThemeId)).ThenBy(v => v.Position)
                    .Select(v => new ExportedVote(Theme(v.ThemeId), v.Title, v.Points, v.Likelihood, v.Impact, v.CastAt)),
            ],
            [
                .. dialogue.Themes
                    .Where(t => t.VoteState != VoteState.NotStarted && (t.ResultsRevealed || dialogue.Status == DialogueStatus.Closed))
                    .OrderBy(t => t.Position).Select(t => t.Title),
            ],
            [.. proposed.Select(r => new ExportedProposedRisk(Theme(r.ThemeId), r.Title, r.Description, r.Status, r.CreatedAt))],
            [.. agreements.Select(a => new ExportedAgreement(Theme(a.ThemeId), a.What, a.Who, a.Due))],
            minutesNaming,
            [
                ServerTexts.ExportNoteToken,
                ServerTexts.ExportNoteAnonymity,
                ServerTexts.ExportNoteSealedVotes,
                string.Format(ServerTexts.Culture, ServerTexts.ExportNoteRetention, dialogue.RetentionMonths),
                ServerTexts.ExportNoteAgreements,
            ]);
    }

    /// <summary>
    /// A dialogue's record for whoever may read it: its facilitators, an analyst once it is closed, and an
    /// administrator (answering a Woo request); null for anyone else, as if it did not exist.
    /// </summary>
    public async Task<DialogueRecordExport?> DialogueRecordAsync(int dialogueId, RecordReader reader, bool administrator, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dialogue = await db.Dialogues.AsNoTracking().Include(d => d.Themes).SingleOrDefaultAsync(d => d.Id == dialogueId, cancellationToken);
        if (dialogue is null
            || !(administrator
                || await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == reader.UserId, cancellationToken)
                || (reader.IsAnalyst && dialogue.Status == DialogueStatus.Closed)))
        {
            return null;
        }

        var users = await (
            from u in db.Users.AsNoTracking()
            where db.DialogueFacilitators.Any(f => f.DialogueId == dialogueId && f.UserId == u.Id)
                || db.ModerationRecords.Any(m => m.DialogueId == dialogueId && m.UserId == u.Id)
                || db.MinutesVersions.Any(m => m.DialogueId == dialogueId && m.AuthorUserId == u.Id)
                || db.Agreements.Any(a => a.DialogueId == dialogueId && a.RecordedBy == "u:" + u.Id)
                || db.AgreementStatusChanges.Any(c => c.ByUserId == u.Id && db.Agreements.Any(a => a.Id == c.AgreementId && a.DialogueId == dialogueId))
            select new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string? UserName(string? userId) => userId is not null && users.TryGetValue(userId, out var name) ? name : null;

        var facilitators = await db.DialogueFacilitators.AsNoTracking().Where(f => f.DialogueId == dialogueId).ToListAsync(cancellationToken);
        var participants = await db.Participants.AsNoTracking().Where(p => p.DialogueId == dialogueId)
            .Select(p => new { p.Organisation, p.OrganisationType, p.Role }).ToListAsync(cancellationToken);

        // The room's own rule for authors: a participant as the anonymity the contribution was posted under allows.
        var rows = await ContributionViews.Items(db, db.Contributions.Where(c => c.DialogueId == dialogueId)).ToListAsync(cancellationToken);
        var merged = await db.Contributions.AsNoTracking().Where(c => c.DialogueId == dialogueId && c.MergedIntoId != null)
            .ToDictionaryAsync(c => c.Id, c => c.MergedIntoId, cancellationToken);
        var contributionIds = rows.Select(r => r.Id).ToList();
        var revisions = (await db.ContributionRevisions.AsNoTracking().Where(r => contributionIds.Contains(r.ContributionId)).ToListAsync(cancellationToken))
            .OrderBy(r => r.EditedAt).ThenBy(r => r.Id).ToLookup(r => r.ContributionId);
        var risks = await db.Risks.AsNoTracking().Where(r => r.DialogueId == dialogueId).ToListAsync(cancellationToken);
        var ballots = await db.Votes.AsNoTracking().Where(v => v.DialogueId == dialogueId)
            .Select(v => new VoteResults.Ballot(v.RiskId, v.Ballot, v.Points, v.Likelihood, v.Impact)).ToListAsync(cancellationToken);
        var agreements = await db.Agreements.AsNoTracking().Where(a => a.DialogueId == dialogueId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var agreementIds = agreements.Select(a => a.Id).ToList();
        var history = (await db.AgreementStatusChanges.AsNoTracking().Where(c => agreementIds.Contains(c.AgreementId)).ToListAsync(cancellationToken))
            .OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).ToLookup(c => c.AgreementId);
        var moderation = await db.ModerationRecords.AsNoTracking().Where(m => m.DialogueId == dialogueId).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        var versions = await db.MinutesVersions.AsNoTracking().Where(m => m.DialogueId == dialogueId).OrderBy(m => m.Number).ToListAsync(cancellationToken);
        var publication = await db.PublishedSummaries.AsNoTracking().SingleOrDefaultAsync(p => p.DialogueId == dialogueId, cancellationToken);

        RecordContribution Contribution(ContributionViews.ItemRow row)
        {
            var view = ContributionViews.View(row, RoomRole.Facilitator);
            return new RecordContribution(
                row.Id,
                row.Kind,
                row.Status,
                row.Text,
                row.CreatedAt,
                row.Edited,
                row.Anonymity,
                new RecordAuthor(view.AuthorName, view.Organisation, view.ByFacilitator),
                row.Reactions,
                row.ParentId,
                merged.GetValueOrDefault(row.Id),
                row.Kind == ContributionKind.GoodPractice
                    ? new RecordPractice(row.PracticeTitle, row.PracticeWhy, row.PracticeOrganisation, row.PracticeStep, row.ContactName, row.ContactDetails)
                    : null,
                [.. revisions[row.Id].Select(r => new RecordEarlierText(r.PreviousText, r.EditedAt, r.EditedBy.StartsWith("u:", StringComparison.Ordinal)))]);
        }

        RecordVote Vote(Theme theme)
        {
            var listed = risks.Where(r => r.ThemeId == theme.Id && r.Status == RiskStatus.Accepted).OrderBy(r => r.Position).ToList();
            var results = theme.VoteState == VoteState.Closed
                ? VoteResults.Compute(
                    theme.VoteMethod,
                    [.. listed.Select(r => new VoteResults.RiskOnList(r.Id, r.Position))],
                    [.. ballots.Where(b => listed.Any(r => r.Id == b.RiskId))])
                : null;
            return new RecordVote(
                theme.VoteMethod,
                theme.VoteState,
                theme.ResultsRevealed,
                theme.DotBudget,
                theme.DotCap,
                results?.Select(r => new RecordRiskResult(
                    r.RiskId, listed.Single(l => l.Id == r.RiskId).Title, r.Rank, r.Points, r.Voters,
                    r.MeanLikelihood, r.MeanImpact, r.Score, r.SpreadLikelihood, r.SpreadImpact)).ToList());
        }

        static RecordMinutesVersion Version(Minutes.MinutesVersion m, string? author) =>
            new(m.Number, m.CreatedAt, author, m.Source, m.RestoredFrom, m.Markdown);

        // A series deleted since the dialogue was read leaves it in none (null), as the delete itself does.
        var series = dialogue.SeriesId is { } seriesId ? await db.Series.Where(x => x.Id == seriesId).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var invited = await db.InvitedOrganisations.AsNoTracking().Where(i => i.DialogueId == dialogueId).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var lookBack = await Series.SeriesService.LookBackAsync(db, dialogueId, cancellationToken);

        return new DialogueRecordExport(
            DialogueRecordExport.KindName,
            DialogueRecordExport.Version,
            clock.GetUtcNow().UtcDateTime,
            Controller,
            new RecordDialogue(
                dialogue.Id, dialogue.Title, dialogue.Date, dialogue.Domain, dialogue.Year, dialogue.Region, dialogue.Status, dialogue.Anonymity,
                dialogue.ApproveBeforeShow, dialogue.CreatedAt, dialogue.OpenedAt, dialogue.ClosedAt, dialogue.RetentionMonths, dialogue.PseudonymisedAt, series),
            [
                .. facilitators.Select(f => new RecordFacilitator(UserName(f.UserId) ?? "", f.IsOwner))
                    .OrderByDescending(f => f.Owner).ThenBy(f => f.Name, StringComparer.Ordinal),
            ],
            [
                .. participants.Where(p => p.Role is RoomRole.Participant or RoomRole.Observer)
                    .GroupBy(p => (p.Organisation, p.OrganisationType))
                    .Select(g => new RecordOrganisation(g.Key.Organisation, g.Key.OrganisationType, g.Count(p => p.Role == RoomRole.Participant), g.Count(p => p.Role == RoomRole.Observer)))
                    .OrderBy(o => o.Organisation, StringComparer.Ordinal),
            ],
            [
                .. dialogue.Themes.OrderBy(t => t.Position).ThenBy(t => t.Id).Select(t => new RecordTheme(
                    t.Id,
                    t.Position,
                    t.Title,
                    t.Goal,
                    t.ThemeKey,
                    [.. rows.Where(r => r.ThemeId == t.Id).OrderBy(r => r.Id).Select(Contribution)],
                    [
                        .. risks.Where(r => r.ThemeId == t.Id).OrderBy(r => r.Position).ThenBy(r => r.Id)
                            .Select(r => new RecordRisk(r.Id, r.Position, r.Title, r.Description, r.Status, r.ProposedByParticipantId is not null, r.CatalogueRiskId)),
                    ],
                    Vote(t),
                    [
                        .. agreements.Where(a => a.ThemeId == t.Id).Select(a => new RecordAgreement(
                            a.Id, a.What, a.Who, a.Due, a.RecordedBy.StartsWith("u:", StringComparison.Ordinal) ? UserName(a.RecordedBy[2..]) : null, a.RecordedAt, a.Status,
                            [.. history[a.Id].Select(c => new RecordStatusChange(c.From, c.To, c.Note, c.ByContactName ?? UserName(c.ByUserId), c.ByUserId is null && c.ByContactName is not null, c.ChangedAt))])),
                    ],
                    t.IsLookBack)),
            ],
            [.. moderation.Select(m => new RecordModeration(m.Id, m.At, m.Action, UserName(m.UserId), m.ContributionId, m.Detail))],
            [.. versions.Select(m => Version(m, UserName(m.AuthorUserId)))],
            versions.Count == 0 ? null : Version(versions[^1], UserName(versions[^1].AuthorUserId)),
            publication is null ? null : new RecordPublication(publication.IsPublished, publication.FirstPublishedAt, publication.UpdatedAt, publication.Markdown),
            [ServerTexts.RecordNoteAuthors, ServerTexts.RecordNoteBallots, ServerTexts.RecordNoteFinalMinutes],
            [
                .. invited.OrderBy(i => InvitationService.Kinds.ToList().IndexOf(i.Kind)).ThenBy(i => i.Name, StringComparer.Ordinal)
                    .Select(i => new RecordInvitation(i.Name, i.Kind)),
            ],
            [.. lookBack.Select(l => new RecordLookBack(l.AgreementId, l.What, l.Who, l.Due, l.Status, l.FromTitle, l.FromDate))]);
    }

    /// <summary>The moderation audit trail of a dialogue, newest first, for its facilitators; null for anyone else.</summary>
    public async Task<IReadOnlyList<ModerationLine>?> ModerationTrailAsync(int dialogueId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == userId, cancellationToken))
        {
            return null;
        }

        var lines = await (
            from m in db.ModerationRecords.AsNoTracking()
            where m.DialogueId == dialogueId
            join c in db.Contributions on m.ContributionId equals c.Id
            join t in db.Themes on c.ThemeId equals t.Id
            join u in db.Users on m.UserId equals u.Id into us
            from u in us.DefaultIfEmpty()
            select new ModerationLine(m.Id, m.At, m.Action, u.DisplayName, c.Id, c.Kind, c.Status, t.Title, c.Text, m.Detail))
            .ToListAsync(cancellationToken);
        return [.. lines.OrderByDescending(l => l.At).ThenByDescending(l => l.Id)];
    }

    /// <summary>Dialogues whose title or join code holds the words (newest first, at most 50): how an administrator finds a record.</summary>
    public async Task<IReadOnlyList<DialogueFound>> FindDialoguesAsync(string? words, CancellationToken cancellationToken)
    {
        var text = TextRules.NormalizeLine(words);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var code = JoinCodes.Normalize(text);
        var rows = await db.Dialogues.AsNoTracking()
            .Where(d => text.Length == 0 || d.Title.ToLower().Contains(text.ToLower()) || d.JoinCode == code)
            .OrderByDescending(d => d.Date).ThenByDescending(d => d.Id)
            .Select(d => new DialogueFound(d.Id, d.Title, d.Date, d.JoinCode, d.Status))
            .Take(50).ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>
    /// The display name as a whole word, case aside ("Piet" finds "piet," but not "Pieter"); null for a name that
    /// stands for more than one person (erased participants share one).
    /// </summary>
    private static Regex? NamePattern(string name) =>
        name.Length < 2 || name == Texts.ErasedParticipant
            ? null
            : new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    /// <summary>Times are stored in UTC without a kind; written as UTC to the second.</summary>
    private sealed class UtcTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
