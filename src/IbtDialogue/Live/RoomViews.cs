using IbtDialogue.Client.Protocol;
using IbtDialogue.Client.Resources;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

/// <summary>
/// Turns stored rows into what an audience may see. Facilitators see every contribution that still exists
/// (pending and hidden ones marked) with its author; the room sees visible contributions only, with the
/// author as far as the dialogue's anonymity allows.
/// </summary>
internal static class RoomViews
{
    /// <summary>A contribution with everything any audience could be shown.</summary>
    internal sealed record ItemRow(
        int Id,
        int ThemeId,
        ContributionKind Kind,
        ContributionStatus Status,
        string Text,
        int? ParticipantId,
        string? AuthorUserId,
        string? ParticipantName,
        string? ParticipantOrganisation,
        string? FacilitatorName,
        int Reactions,
        bool Edited,
        DateTime CreatedAt,
        int? ParentId,
        string? PracticeTitle,
        string? PracticeWhy,
        string? PracticeOrganisation,
        CycleStep? PracticeStep,
        string? ContactName,
        string? ContactDetails);

    public static IQueryable<ItemRow> Items(DialogueDb db, IQueryable<Contribution> which) =>
        from c in which.AsNoTracking()
        join p in db.Participants on c.ParticipantId equals p.Id into participants
        from p in participants.DefaultIfEmpty()
        join u in db.Users on c.AuthorUserId equals u.Id into users
        from u in users.DefaultIfEmpty()
        orderby c.Id
        select new ItemRow(
            c.Id, c.ThemeId, c.Kind, c.Status, c.Text, c.ParticipantId, c.AuthorUserId,
            p.DisplayName, p.Organisation, u.DisplayName,
            db.Reactions.Count(r => r.ContributionId == c.Id),
            c.Edited, c.CreatedAt, c.ParentId,
            c.PracticeTitle, c.PracticeWhy, c.PracticeOrganisation, c.PracticeStep, c.ContactName, c.ContactDetails);

    public static async Task<ItemRow> ItemAsync(DialogueDb db, int contributionId, CancellationToken cancellationToken) =>
        await Items(db, db.Contributions.Where(c => c.Id == contributionId)).SingleAsync(cancellationToken);

    public static bool ExistsFor(ContributionStatus status, RoomRole audience) => audience == RoomRole.Facilitator
        ? status is ContributionStatus.Visible or ContributionStatus.Pending or ContributionStatus.Hidden
        : status == ContributionStatus.Visible;

    public static ContributionView View(ItemRow row, RoomRole audience, Anonymity anonymity)
    {
        var name = row.ParticipantName ?? row.FacilitatorName;
        var organisation = row.ParticipantId is null ? Texts.InspectorateName : row.ParticipantOrganisation;
        var facilitatorAuthored = row.ParticipantId is null;
        if (audience != RoomRole.Facilitator && !facilitatorAuthored)
        {
            // Inspectors speak under their own name; participants as the dialogue's anonymity says.
            name = anonymity == Anonymity.Named ? name : null;
            organisation = anonymity == Anonymity.Anonymous ? null : organisation;
        }

        var practice = row.Kind == ContributionKind.GoodPractice
            ? new GoodPracticeView(row.PracticeTitle ?? "", row.PracticeWhy ?? "", row.PracticeOrganisation ?? "", row.PracticeStep ?? CycleStep.Plan, row.ContactName, row.ContactDetails)
            : null;
        return new ContributionView(
            row.Id, row.ThemeId, row.Kind, row.Status, row.Text, name, organisation, row.Reactions, row.Edited,
            new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)),
            Practice: practice,
            ParentId: row.ParentId);
    }

    /// <summary>The change of some contributions, as facilitators and as the room see it.</summary>
    public static (RoomDelta Facilitators, RoomDelta Room) ItemsDelta(IEnumerable<ItemRow> rows, Anonymity anonymity, RoomDelta? with = null)
    {
        var facilitators = Split(rows, RoomRole.Facilitator, anonymity);
        var room = Split(rows, RoomRole.Participant, anonymity);
        var basis = with ?? RoomDelta.Nothing;
        return (
            basis with { Contributions = facilitators.Upserts, RemovedContributions = facilitators.Removed },
            basis with { Contributions = room.Upserts, RemovedContributions = room.Removed });
    }

    private static (IReadOnlyList<ContributionView>? Upserts, IReadOnlyList<int>? Removed) Split(IEnumerable<ItemRow> rows, RoomRole audience, Anonymity anonymity)
    {
        var upserts = new List<ContributionView>();
        var removed = new List<int>();
        foreach (var row in rows)
        {
            if (ExistsFor(row.Status, audience))
            {
                upserts.Add(View(row, audience, anonymity));
            }
            else
            {
                removed.Add(row.Id);
            }
        }

        return (upserts.Count == 0 ? null : upserts, removed.Count == 0 ? null : removed);
    }

    public static bool RiskExistsFor(RiskStatus status, RoomRole audience) =>
        status == RiskStatus.Accepted || (status == RiskStatus.Proposed && audience == RoomRole.Facilitator);

    public static RiskView View(Risk r) => new(r.Id, r.ThemeId, r.Position, r.Title, r.Description, r.Status);

    /// <summary>The change of some risks, as facilitators (proposals too) and as the room (accepted ones) see it.</summary>
    public static (RoomDelta Facilitators, RoomDelta Room) RisksDelta(IReadOnlyList<Risk> risks, IReadOnlyList<int>? deleted = null)
    {
        RoomDelta For(RoomRole audience)
        {
            var upserts = risks.Where(r => RiskExistsFor(r.Status, audience)).Select(View).ToList();
            var removed = risks.Where(r => !RiskExistsFor(r.Status, audience)).Select(r => r.Id).Concat(deleted ?? []).ToList();
            return new RoomDelta(Risks: upserts.Count == 0 ? null : upserts, RemovedRisks: removed.Count == 0 ? null : removed);
        }

        return (For(RoomRole.Facilitator), For(RoomRole.Participant));
    }

    /// <summary>A theme's vote; the results only once the facilitator revealed them.</summary>
    public static async Task<VotingView> VotingAsync(DialogueDb db, Theme theme, CancellationToken cancellationToken)
    {
        IReadOnlyList<RiskResult>? results = null;
        if (theme.ResultsRevealed)
        {
            var risks = await db.Risks.AsNoTracking().Where(r => r.ThemeId == theme.Id && r.Status == RiskStatus.Accepted)
                .Select(r => new Voting.VoteResults.RiskOnList(r.Id, r.Position)).ToListAsync(cancellationToken);
            var ballots = await db.Votes.AsNoTracking().Where(v => v.ThemeId == theme.Id)
                .Select(v => new Voting.VoteResults.Ballot(v.RiskId, v.ParticipantId, v.Points, v.Likelihood, v.Impact)).ToListAsync(cancellationToken);
            results = Voting.VoteResults.Compute(theme.VoteMethod, risks, ballots);
        }

        return new VotingView(theme.Id, theme.VoteMethod, theme.DotBudget, theme.DotCap, theme.VoteState, theme.ResultsRevealed, results);
    }

    /// <summary>For facilitators: how many have voted on each theme whose vote has started.</summary>
    public static async Task<IReadOnlyList<VotingProgress>> ProgressAsync(DialogueDb db, int dialogueId, IEnumerable<int> themeIds, CancellationToken cancellationToken)
    {
        var ids = themeIds.ToList();
        var voters = await db.Votes.AsNoTracking().Where(v => v.DialogueId == dialogueId && ids.Contains(v.ThemeId))
            .GroupBy(v => v.ThemeId).Select(g => new { ThemeId = g.Key, Voters = g.Select(v => v.ParticipantId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var eligible = await db.RoomConnections.AsNoTracking()
            .Where(c => c.DialogueId == dialogueId && c.Role == RoomRole.Participant)
            .Select(c => c.ParticipantId).Distinct().CountAsync(cancellationToken);
        return [.. ids.Select(id => new VotingProgress(dialogueId, id, voters.SingleOrDefault(v => v.ThemeId == id)?.Voters ?? 0, eligible))];
    }

    public static StageView Stage(Dialogue d) => new(
        d.Status,
        d.CurrentThemeId,
        d.CurrentPhase,
        d.InputLocked,
        d.TimerDurationSeconds is { } duration
            ? new TimerView(duration, d.TimerEndsAt is { } ends ? new DateTimeOffset(DateTime.SpecifyKind(ends, DateTimeKind.Utc)) : null, d.TimerRemainingSeconds)
            : null,
        d.SpotlightContributionId);

    public static SettingsView Settings(Dialogue d) => new(d.Anonymity, d.ApproveBeforeShow, d.ObserversAllowed);

    public static async Task<IReadOnlyList<ThemeView>> ThemesAsync(DialogueDb db, int dialogueId, CancellationToken cancellationToken) =>
        await db.Themes.AsNoTracking().Where(t => t.DialogueId == dialogueId).OrderBy(t => t.Position)
            .Select(t => new ThemeView(t.Id, t.Position, t.Title, t.Goal)).ToListAsync(cancellationToken);

    public static async Task<IReadOnlyList<AgreementView>> AgreementsAsync(DialogueDb db, IQueryable<Agreement> which, CancellationToken cancellationToken) =>
        await which.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new AgreementView(a.Id, a.ThemeId, a.What, a.Who, a.Due)).ToListAsync(cancellationToken);

    /// <summary>
    /// Presence as facilitators see it (names, who dropped out) and as the room sees it: counts and
    /// organisations only. Which organisations are present is public in every mode (they were invited); a list
    /// of names would cost every participant a message growing with the room, several hundred in a webinar.
    /// </summary>
    public static async Task<(PresenceView Facilitators, PresenceView Room)> PresenceAsync(DialogueDb db, int dialogueId, CancellationToken cancellationToken)
    {
        var connections = await db.RoomConnections.AsNoTracking()
            .Where(c => c.DialogueId == dialogueId)
            .Select(c => new { c.ParticipantId, c.UserId, c.Role })
            .ToListAsync(cancellationToken);
        var present = connections.Where(c => c.ParticipantId is not null).Select(c => c.ParticipantId!.Value).ToHashSet();
        var people = await db.Participants.AsNoTracking()
            .Where(p => p.DialogueId == dialogueId && (p.LastLeftAt != null || present.Contains(p.Id)))
            .Select(p => new { p.Id, p.DisplayName, p.Organisation, p.Role })
            .ToListAsync(cancellationToken);

        var inRoom = people.Where(p => present.Contains(p.Id)).ToList();
        var participants = inRoom.Where(p => p.Role == RoomRole.Participant).ToList();
        var organisations = participants
            .GroupBy(p => p.Organisation)
            .Select(g => new OrganisationPresence(g.Key, g.Count()))
            .OrderByDescending(o => o.Count).ThenBy(o => o.Organisation, StringComparer.Ordinal)
            .ToList();
        var observers = inRoom.Count(p => p.Role == RoomRole.Observer);
        var facilitators = connections.Where(c => c.Role == RoomRole.Facilitator).Select(c => c.UserId).Distinct().Count();

        var everyone = people
            .Select(p => new PersonPresence(p.DisplayName, p.Organisation, p.Role, present.Contains(p.Id)))
            .OrderByDescending(p => p.Present).ThenBy(p => p.Organisation, StringComparer.Ordinal).ThenBy(p => p.DisplayName, StringComparer.Ordinal)
            .ToList();
        var forFacilitators = new PresenceView(participants.Count, observers, facilitators, organisations, everyone);
        return (forFacilitators, forFacilitators with { People = null });
    }
}
