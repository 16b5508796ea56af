using IbtDialogue.Agreements;
using IbtDialogue.Contributions;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Room;

/// <summary>The snapshot: the room as one caller may see it, read in one transaction.</summary>
public sealed partial class RoomEngine
{
    /// <summary>The room as this caller may see it; a connection that entered as the projector sees what the room sees.</summary>
    public async Task<SnapshotResult> SnapshotAsync(int dialogueId, Actor actor, string? connectionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var read = await db.BeginReadAsync(cancellationToken);
        if (await RoomAccess.ReadAsync(db, dialogueId, actor, cancellationToken) is not { } access)
        {
            return SnapshotResult.Failure(RoomCommands.NoSuchDialogue.Code, RoomCommands.NoSuchDialogue.Detail);
        }

        var presenter = connectionId is not null && await db.RoomConnections.AnyAsync(
            c => c.ConnectionId == connectionId && c.DialogueId == dialogueId && c.Role == RoomRole.Presenter, cancellationToken);
        return await SnapshotAsync(db, dialogueId, actor, access, presenter ? RoomRole.Presenter : access.Role, cancellationToken);
    }

    /// <summary>The snapshot of a connection that has just entered: its access and role were decided by <see cref="EnterAsync"/>.</summary>
    public async Task<SnapshotResult> EnteredSnapshotAsync(int dialogueId, Actor actor, Entered entered, CancellationToken cancellationToken)
    {
        if (entered is not { Access: { } access, Role: { } role })
        {
            throw new ArgumentException("Only a connection that entered has a snapshot of its entry.", nameof(entered));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var read = await db.BeginReadAsync(cancellationToken);
        return await SnapshotAsync(db, dialogueId, actor, access, role, cancellationToken);
    }

    /// <summary>
    /// The part of the room its audience shares (read once per version, see <see cref="SharedRoomParts"/>), with
    /// what is this caller's own added: their reactions, which contributions are theirs, their own contributions
    /// awaiting approval and risks they proposed, their ballot, and who they are.
    /// </summary>
    private async Task<SnapshotResult> SnapshotAsync(DialogueDb db, int dialogueId, Actor actor, RoomAccess access, RoomRole role, CancellationToken cancellationToken)
    {
        var audience = role == RoomRole.Facilitator ? RoomRole.Facilitator : RoomRole.Participant;
        var participantId = role is RoomRole.Participant or RoomRole.Observer ? access.ParticipantId : null;

        var dialogue = await db.Dialogues.AsNoTracking().SingleAsync(d => d.Id == dialogueId, cancellationToken);
        var part = shared.Room(dialogueId, audience, dialogue.Version);
        if (part is null)
        {
            part = await RoomPartAsync(db, dialogueId, dialogue.Version, audience, cancellationToken);
            shared.Keep(dialogueId, audience, part);
        }

        var myKey = participantId is { } pid ? Actor.ParticipantKey(pid) : $"u:{actor.UserId}";
        var myReactions = (await db.Reactions.AsNoTracking()
            .Where(r => r.ReactedBy == myKey && db.Contributions.Any(c => c.Id == r.ContributionId && c.DialogueId == dialogueId))
            .Select(r => r.ContributionId).ToListAsync(cancellationToken)).ToHashSet();
        var contributions = await MyContributionsAsync(db, dialogueId, actor, access, role, part.Contributions, myReactions, cancellationToken);
        var risks = await MyRisksAsync(db, dialogueId, access, role, part.Risks, cancellationToken);

        var ballot = role == RoomRole.Participant
            ? await db.Votes.AsNoTracking().Where(v => v.DialogueId == dialogueId && v.ParticipantId == access.ParticipantId)
                .Select(v => new BallotEntry(v.RiskId, v.Points > 0 ? v.Points : null, v.Likelihood, v.Impact)).ToListAsync(cancellationToken)
            : [];
        var progress = audience == RoomRole.Facilitator && part.VoteStarted.Count > 0
            ? await VotingViews.ProgressAsync(db, dialogueId, part.VoteStarted, cancellationToken)
            : [];
        var you = participantId is not null
            ? await db.Participants.Where(p => p.Id == participantId)
                .Select(p => new ViewerInfo(p.Id, p.DisplayName, p.Organisation, role)).SingleAsync(cancellationToken)
            : await db.Users.Where(u => u.Id == actor.UserId)
                .Select(u => new ViewerInfo(null, u.DisplayName, null, role)).SingleAsync(cancellationToken);
        var presence = audience == RoomRole.Facilitator
            ? (await RoomViews.PresenceAsync(db, dialogueId, cancellationToken)).Facilitators
            : await RoomViews.RoomPresenceAsync(db, dialogueId, cancellationToken);

        return SnapshotResult.Success(new RoomSnapshot(
            dialogue.Id,
            dialogue.Title,
            dialogue.Date,
            dialogue.JoinCode,
            dialogue.Version,
            clock.GetUtcNow(),
            RoomViews.Stage(dialogue),
            RoomViews.Settings(dialogue),
            part.Themes,
            contributions,
            part.Agreements,
            presence,
            you,
            risks,
            part.Votings,
            ballot,
            progress,
            dialogue.PresenceVersion,
            dialogue.Status == DialogueStatus.Closed && dialogue.ResultsKey is { } key ? $"uitslag/{key}" : null,
            [
                .. (await Series.SeriesService.LookBackAsync(db, dialogueId, cancellationToken))
                    .Select(l => new LookBackItem(l.AgreementId, l.What, l.Who, l.Due, l.Status, l.FromTitle, l.FromDate)),
            ]));
    }

    /// <summary>The room as <paramref name="audience"/> sees it at <paramref name="version"/>, read in the caller's transaction.</summary>
    private static async Task<SharedRoomParts.RoomPart> RoomPartAsync(DialogueDb db, int dialogueId, long version, RoomRole audience, CancellationToken cancellationToken)
    {
        var rows = await ContributionViews.Items(db, db.Contributions.Where(c => c.DialogueId == dialogueId)).ToListAsync(cancellationToken);
        var contributions = rows.Where(r => ContributionViews.ExistsFor(r.Status, audience)).Select(r => ContributionViews.View(r, audience)).ToList();
        var themes = await db.Themes.AsNoTracking().Where(t => t.DialogueId == dialogueId).OrderBy(t => t.Position).ToListAsync(cancellationToken);
        var risks = (await db.Risks.AsNoTracking().Where(r => r.DialogueId == dialogueId).ToListAsync(cancellationToken))
            .Where(r => VotingViews.RiskExistsFor(r.Status, audience))
            .OrderBy(r => r.ThemeId).ThenBy(r => r.Position).ThenBy(r => r.Id)
            .Select(VotingViews.View)
            .ToList();
        var votings = new List<VotingView>();
        foreach (var theme in themes)
        {
            votings.Add(await VotingViews.VotingAsync(db, theme, cancellationToken));
        }

        return new SharedRoomParts.RoomPart(
            version,
            [.. themes.Select(t => new ThemeView(t.Id, t.Position, t.Title, t.Goal, t.IsLookBack))],
            contributions,
            await AgreementViews.ViewsAsync(db, db.Agreements.Where(a => a.DialogueId == dialogueId), cancellationToken),
            risks,
            votings,
            [.. themes.Where(t => t.VoteState != VoteState.NotStarted).Select(t => t.Id)]);
    }

    /// <summary>
    /// The shared contributions with the caller's marked (<c>Mine</c>, <c>ReactedByMe</c>), and a participant's
    /// own contributions that await approval added in their place.
    /// </summary>
    private static async Task<IReadOnlyList<ContributionView>> MyContributionsAsync(
        DialogueDb db, int dialogueId, Actor actor, RoomAccess access, RoomRole role,
        IReadOnlyList<ContributionView> shared, HashSet<int> myReactions, CancellationToken cancellationToken)
    {
        var mine = role switch
        {
            RoomRole.Participant => (await db.Contributions.AsNoTracking()
                .Where(c => c.DialogueId == dialogueId && c.ParticipantId == access.ParticipantId)
                .Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet(),
            RoomRole.Facilitator => (await db.Contributions.AsNoTracking()
                .Where(c => c.DialogueId == dialogueId && c.ParticipantId == null && c.AuthorUserId == actor.UserId)
                .Select(c => c.Id).ToListAsync(cancellationToken)).ToHashSet(),
            _ => [],
        };
        var pending = role == RoomRole.Participant && mine.Count > 0
            ? (await ContributionViews.Items(db, db.Contributions.Where(c => c.DialogueId == dialogueId && c.ParticipantId == access.ParticipantId && c.Status == ContributionStatus.Pending))
                .ToListAsync(cancellationToken)).Select(r => ContributionViews.View(r, RoomRole.Participant)).ToList()
            : [];
        if (mine.Count == 0 && myReactions.Count == 0 && pending.Count == 0)
        {
            return shared; // Nothing of this caller's: the shared list as it is.
        }

        var result = new List<ContributionView>(shared.Count + pending.Count);
        var next = 0;
        foreach (var item in shared)
        {
            for (; next < pending.Count && pending[next].Id < item.Id; next++)
            {
                result.Add(Marked(pending[next]));
            }

            result.Add(Marked(item));
        }

        result.AddRange(pending.Skip(next).Select(Marked));
        return result;

        ContributionView Marked(ContributionView c) => mine.Contains(c.Id) || myReactions.Contains(c.Id)
            ? c with { Mine = mine.Contains(c.Id), ReactedByMe = myReactions.Contains(c.Id) }
            : c;
    }

    /// <summary>The shared risks with a participant's own proposals marked, and those not yet accepted added in their place.</summary>
    private static async Task<IReadOnlyList<RiskView>> MyRisksAsync(
        DialogueDb db, int dialogueId, RoomAccess access, RoomRole role, IReadOnlyList<RiskView> shared, CancellationToken cancellationToken)
    {
        if (role != RoomRole.Participant)
        {
            return shared;
        }

        var proposed = await db.Risks.AsNoTracking().Where(r => r.DialogueId == dialogueId && r.ProposedByParticipantId == access.ParticipantId).ToListAsync(cancellationToken);
        if (proposed.Count == 0)
        {
            return shared;
        }

        var mine = proposed.Select(r => r.Id).ToHashSet();
        return
        [
            .. shared.Where(r => !mine.Contains(r.Id))
                .Concat(proposed.Where(r => VotingViews.RiskExistsFor(r.Status, RoomRole.Participant) || r.Status == RiskStatus.Proposed)
                    .Select(r => VotingViews.View(r) with { ProposedByMe = true }))
                .OrderBy(r => r.ThemeId).ThenBy(r => r.Position).ThenBy(r => r.Id),
        ];
    }
}
