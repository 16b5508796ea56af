using IbtDialogue.Agreements;
using IbtDialogue.Contributions;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Room;

/// <summary>
/// The live room itself: who may enter, presence, and what everyone sees (the snapshot); running the
/// dialogue (stage: <c>RoomEngine.Stage.cs</c>) and its agenda and settings (<c>RoomEngine.Agenda.cs</c>).
/// Contributions, voting and agreements have their own command classes. It knows nothing of connections or
/// SignalR, so it is tested directly against the database; the hub only passes its answers on.
/// </summary>
public sealed partial class RoomEngine(
    IDbContextFactory<DialogueDb> dbFactory, RoomWriter writer, RoomCommands room, MinutesComposer composer, NodeIdentity node, TimeProvider clock)
{
    /// <summary>
    /// Puts a connection in the room, in one command that also decides who may enter (one access check per
    /// <c>Enter</c>). Answers whether presence changed and, when entered, the caller's access and the role the
    /// connection takes (facilitator, participant, observer or presenter): its group, and the snapshot it reads.
    /// Presence is not a versioned room change: it is committed quietly with the dialogue's presence version
    /// raised, and sent coalesced (see <see cref="RoomNotifier"/>).
    /// </summary>
    public async Task<Entered> EnterAsync(
        int dialogueId, Actor actor, string connectionId, bool asPresenter, CancellationToken cancellationToken)
    {
        var presenceChanged = false;
        RoomAccess? entered = null;
        var reply = await writer.ExecuteAsync(null, dialogueId, actor, async change =>
        {
            (presenceChanged, entered) = (false, null); // A retried attempt starts afresh.
            var db = change.Db;
            var access = change.Access;
            if (access is null || (asPresenter && !access.IsFacilitator))
            {
                return RoomCommands.NoSuchDialogue;
            }

            entered = access;
            if (await ConnectionEntered.For(db)(db, connectionId, dialogueId, cancellationToken))
            {
                return CommandOutcome.NoChange; // Entered already.
            }

            var role = asPresenter ? RoomRole.Presenter : access.Role;
            db.RoomConnections.Add(new RoomConnection
            {
                ConnectionId = connectionId,
                DialogueId = dialogueId,
                ParticipantId = role is RoomRole.Participant or RoomRole.Observer ? access.ParticipantId : null,
                UserId = role is RoomRole.Facilitator or RoomRole.Presenter ? actor.UserId : null,
                Role = role,
                Node = node.Name,
                ConnectedAt = change.Now,
            });
            if (role != RoomRole.Presenter) // The projector is not a person in the room.
            {
                change.Dialogue.PresenceVersion++;
                presenceChanged = true;
            }

            return CommandOutcome.CommitQuietly();
        }, cancellationToken);

        return reply.Result.Ok && entered is { } access
            ? new Entered(reply.Result, presenceChanged, access, asPresenter ? RoomRole.Presenter : access.Role)
            : new Entered(reply.Result.Ok ? CommandResult.Failure(RoomCommands.NoSuchDialogue.Code, RoomCommands.NoSuchDialogue.Detail) : reply.Result, false, null, null);
    }

    /// <summary>How <see cref="EnterAsync"/> ended: when <see cref="Result"/> is a success, <see cref="Access"/> and <see cref="Role"/> are set.</summary>
    public sealed record Entered(CommandResult Result, bool PresenceChanged, RoomAccess? Access, RoomRole? Role);

    private static readonly CompiledQuery<Func<DialogueDb, string, int, CancellationToken, Task<bool>>> ConnectionEntered = new(() => EF.CompileAsyncQuery(
        (DialogueDb db, string connectionId, int dialogueId, CancellationToken _) => db.RoomConnections.Any(c => c.ConnectionId == connectionId && c.DialogueId == dialogueId)));

    /// <summary>
    /// Takes a closed connection out of every room it was in, telling <paramref name="presenceChanged"/> of each
    /// dialogue right after its commit (so one failing room does not keep the others unreported).
    /// </summary>
    public async Task LeaveAsync(string connectionId, Action<int> presenceChanged, CancellationToken cancellationToken)
    {
        List<int> dialogueIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            dialogueIds = await db.RoomConnections.Where(c => c.ConnectionId == connectionId).Select(c => c.DialogueId).ToListAsync(cancellationToken);
        }

        foreach (var dialogueId in dialogueIds)
        {
            var changed = false;
            var reply = await writer.ExecuteAsync(null, dialogueId, Actor.Server, async change =>
            {
                changed = false; // A retried attempt starts afresh.
                var db = change.Db;
                var connection = await db.RoomConnections.SingleOrDefaultAsync(c => c.ConnectionId == connectionId && c.DialogueId == dialogueId, cancellationToken);
                if (connection is null)
                {
                    return CommandOutcome.NoChange;
                }

                db.RoomConnections.Remove(connection);
                if (connection.ParticipantId is { } participantId
                    && !await db.RoomConnections.AnyAsync(c => c.ParticipantId == participantId && c.ConnectionId != connectionId, cancellationToken))
                {
                    var participant = await db.Participants.SingleAsync(p => p.Id == participantId, cancellationToken);
                    participant.LastLeftAt = change.Now;
                }

                if (connection.Role != RoomRole.Presenter)
                {
                    change.Dialogue.PresenceVersion++;
                    changed = true;
                }

                return CommandOutcome.CommitQuietly();
            }, cancellationToken);
            if (reply.Result.Ok && changed)
            {
                presenceChanged(dialogueId);
            }
        }
    }

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

    private async Task<SnapshotResult> SnapshotAsync(DialogueDb db, int dialogueId, Actor actor, RoomAccess access, RoomRole role, CancellationToken cancellationToken)
    {
        var audience = role == RoomRole.Facilitator ? RoomRole.Facilitator : RoomRole.Participant;

        var dialogue = await db.Dialogues.AsNoTracking().SingleAsync(d => d.Id == dialogueId, cancellationToken);
        var myKey = role is RoomRole.Participant or RoomRole.Observer ? Actor.ParticipantKey(access.ParticipantId!.Value) : $"u:{actor.UserId}";
        var myReactions = (await db.Reactions.AsNoTracking()
            .Where(r => r.ReactedBy == myKey && db.Contributions.Any(c => c.Id == r.ContributionId && c.DialogueId == dialogueId))
            .Select(r => r.ContributionId).ToListAsync(cancellationToken)).ToHashSet();
        var rows = await ContributionViews.Items(db, db.Contributions.Where(c => c.DialogueId == dialogueId)).ToListAsync(cancellationToken);
        var contributions = rows
            .Where(r => ContributionViews.ExistsFor(r.Status, audience)
                || (r.Status == ContributionStatus.Pending && role == RoomRole.Participant && r.ParticipantId == access.ParticipantId))
            .Select(r => ContributionViews.View(r, audience) with
            {
                Mine = role is RoomRole.Participant && r.ParticipantId == access.ParticipantId
                    || role is RoomRole.Facilitator && r.ParticipantId is null && r.AuthorUserId == actor.UserId,
                ReactedByMe = myReactions.Contains(r.Id),
            })
            .ToList();
        var (facilitatorPresence, roomPresence) = await RoomViews.PresenceAsync(db, dialogueId, cancellationToken);
        var themes = await db.Themes.AsNoTracking().Where(t => t.DialogueId == dialogueId).OrderBy(t => t.Position).ToListAsync(cancellationToken);
        var risks = (await db.Risks.AsNoTracking().Where(r => r.DialogueId == dialogueId).ToListAsync(cancellationToken))
            .Where(r => VotingViews.RiskExistsFor(r.Status, audience)
                || (role == RoomRole.Participant && r.Status == RiskStatus.Proposed && r.ProposedByParticipantId == access.ParticipantId))
            .OrderBy(r => r.ThemeId).ThenBy(r => r.Position)
            .Select(r => VotingViews.View(r) with { ProposedByMe = role == RoomRole.Participant && r.ProposedByParticipantId == access.ParticipantId })
            .ToList();
        var votings = new List<VotingView>();
        foreach (var theme in themes)
        {
            votings.Add(await VotingViews.VotingAsync(db, theme, cancellationToken));
        }

        var ballot = role == RoomRole.Participant
            ? await db.Votes.AsNoTracking().Where(v => v.DialogueId == dialogueId && v.ParticipantId == access.ParticipantId)
                .Select(v => new BallotEntry(v.RiskId, v.Points > 0 ? v.Points : null, v.Likelihood, v.Impact)).ToListAsync(cancellationToken)
            : [];
        var progress = audience == RoomRole.Facilitator
            ? await VotingViews.ProgressAsync(db, dialogueId, themes.Where(t => t.VoteState != VoteState.NotStarted).Select(t => t.Id), cancellationToken)
            : [];
        var you = role is RoomRole.Participant or RoomRole.Observer
            ? await db.Participants.Where(p => p.Id == access.ParticipantId)
                .Select(p => new ViewerInfo(p.Id, p.DisplayName, p.Organisation, role)).SingleAsync(cancellationToken)
            : await db.Users.Where(u => u.Id == actor.UserId)
                .Select(u => new ViewerInfo(null, u.DisplayName, null, role)).SingleAsync(cancellationToken);

        return SnapshotResult.Success(new RoomSnapshot(
            dialogue.Id,
            dialogue.Title,
            dialogue.Date,
            dialogue.JoinCode,
            dialogue.Version,
            clock.GetUtcNow(),
            RoomViews.Stage(dialogue),
            RoomViews.Settings(dialogue),
            [.. themes.Select(t => new ThemeView(t.Id, t.Position, t.Title, t.Goal, t.IsLookBack))],
            contributions,
            await AgreementViews.ViewsAsync(db, db.Agreements.Where(a => a.DialogueId == dialogueId), cancellationToken),
            audience == RoomRole.Facilitator ? facilitatorPresence : roomPresence,
            you,
            risks,
            votings,
            ballot,
            progress,
            dialogue.PresenceVersion,
            dialogue.Status == DialogueStatus.Closed && dialogue.ResultsKey is { } key ? $"uitslag/{key}" : null,
            [
                .. (await Series.SeriesService.LookBackAsync(db, dialogueId, cancellationToken))
                    .Select(l => new LookBackItem(l.AgreementId, l.What, l.Who, l.Due, l.Status, l.FromTitle, l.FromDate)),
            ]));
    }
}
