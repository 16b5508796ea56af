using IbtDialogue.Client.Protocol;
using IbtDialogue.Minutes;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

/// <summary>
/// The rules of the live room: who may enter and do what, and what everyone sees. It knows nothing of
/// connections or SignalR, so it is tested directly against the database; the hub only passes its answers
/// on. The commands are spread over partial files by subject (stage, contributions, agenda).
/// </summary>
public sealed partial class RoomEngine(IDbContextFactory<DialogueDb> dbFactory, RoomWriter writer, MinutesComposer composer, NodeIdentity node, TimeProvider clock)
{
    /// <summary>The role a connection takes when it enters: facilitator, participant or observer (null: may not enter).</summary>
    public async Task<RoomRole?> RoleAsync(int dialogueId, Actor actor, bool asPresenter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var access = await AccessAsync(db, dialogueId, actor, cancellationToken);
        return access is null ? null
            : asPresenter ? (access.IsFacilitator ? RoomRole.Presenter : null)
            : access.ParticipantRole ?? RoomRole.Facilitator;
    }

    /// <summary>
    /// Puts a connection in the room; answers whether presence changed (the caller then reads the snapshot).
    /// Presence is not a versioned room change: it is committed quietly with the dialogue's presence version
    /// raised, and sent coalesced (see <see cref="RoomNotifier"/>).
    /// </summary>
    public async Task<(CommandResult Result, bool PresenceChanged)> EnterAsync(
        int dialogueId, Actor actor, string connectionId, bool asPresenter, CancellationToken cancellationToken)
    {
        var outcome = await writer.ExecuteAsync(null, dialogueId, actor, async change =>
        {
            var db = change.Db;
            var access = await AccessAsync(db, dialogueId, actor, cancellationToken);
            if (access is null || (asPresenter && !access.IsFacilitator))
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such dialogue for this caller.");
            }

            if (await db.RoomConnections.AnyAsync(c => c.ConnectionId == connectionId && c.DialogueId == dialogueId, cancellationToken))
            {
                return change.Unchanged(); // Entered already.
            }

            var role = asPresenter ? RoomRole.Presenter : access.ParticipantRole ?? RoomRole.Facilitator;
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
                change.Created(1); // Marks "presence changed" for the caller.
            }

            return change.CommitQuietly();
        }, cancellationToken);

        return (outcome.Result, outcome.Result.Ok && outcome.Result.EntityId == 1);
    }

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
            var outcome = await writer.ExecuteAsync(null, dialogueId, Actor.Server, async change =>
            {
                var db = change.Db;
                var connection = await db.RoomConnections.SingleOrDefaultAsync(c => c.ConnectionId == connectionId && c.DialogueId == dialogueId, cancellationToken);
                if (connection is null)
                {
                    return change.Unchanged();
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
                    change.Created(1); // Marks "presence changed", as in EnterAsync.
                }

                return change.CommitQuietly();
            }, cancellationToken);
            if (outcome.Result.Ok && outcome.Result.EntityId == 1)
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
        if (await AccessAsync(db, dialogueId, actor, cancellationToken) is not { } access)
        {
            return SnapshotResult.Failure(ErrorCodes.NotFound, "No such dialogue for this caller.");
        }

        var presenter = connectionId is not null && await db.RoomConnections.AnyAsync(
            c => c.ConnectionId == connectionId && c.DialogueId == dialogueId && c.Role == RoomRole.Presenter, cancellationToken);
        var role = presenter ? RoomRole.Presenter : access.ParticipantRole ?? RoomRole.Facilitator;
        var audience = role == RoomRole.Facilitator ? RoomRole.Facilitator : RoomRole.Participant;

        var dialogue = await db.Dialogues.AsNoTracking().SingleAsync(d => d.Id == dialogueId, cancellationToken);
        var myKey = role is RoomRole.Participant or RoomRole.Observer ? Actor.ParticipantKey(access.ParticipantId!.Value) : $"u:{actor.UserId}";
        var myReactions = (await db.Reactions.AsNoTracking()
            .Where(r => r.ReactedBy == myKey && db.Contributions.Any(c => c.Id == r.ContributionId && c.DialogueId == dialogueId))
            .Select(r => r.ContributionId).ToListAsync(cancellationToken)).ToHashSet();
        var rows = await RoomViews.Items(db, db.Contributions.Where(c => c.DialogueId == dialogueId)).ToListAsync(cancellationToken);
        var contributions = rows
            .Where(r => RoomViews.ExistsFor(r.Status, audience)
                || (r.Status == ContributionStatus.Pending && role == RoomRole.Participant && r.ParticipantId == access.ParticipantId))
            .Select(r => RoomViews.View(r, audience, dialogue.Anonymity) with
            {
                Mine = role is RoomRole.Participant && r.ParticipantId == access.ParticipantId
                    || role is RoomRole.Facilitator && r.ParticipantId is null && r.AuthorUserId == actor.UserId,
                ReactedByMe = myReactions.Contains(r.Id),
            })
            .ToList();
        var (facilitatorPresence, roomPresence) = await RoomViews.PresenceAsync(db, dialogueId, cancellationToken);
        var themes = await db.Themes.AsNoTracking().Where(t => t.DialogueId == dialogueId).OrderBy(t => t.Position).ToListAsync(cancellationToken);
        var risks = (await db.Risks.AsNoTracking().Where(r => r.DialogueId == dialogueId).ToListAsync(cancellationToken))
            .Where(r => RoomViews.RiskExistsFor(r.Status, audience)
                || (role == RoomRole.Participant && r.Status == RiskStatus.Proposed && r.ProposedByParticipantId == access.ParticipantId))
            .OrderBy(r => r.ThemeId).ThenBy(r => r.Position)
            .Select(r => RoomViews.View(r) with { ProposedByMe = role == RoomRole.Participant && r.ProposedByParticipantId == access.ParticipantId })
            .ToList();
        var votings = new List<VotingView>();
        foreach (var theme in themes)
        {
            votings.Add(await RoomViews.VotingAsync(db, theme, cancellationToken));
        }

        var ballot = role == RoomRole.Participant
            ? await db.Votes.AsNoTracking().Where(v => v.DialogueId == dialogueId && v.ParticipantId == access.ParticipantId)
                .Select(v => new BallotEntry(v.RiskId, v.Points > 0 ? v.Points : null, v.Likelihood, v.Impact)).ToListAsync(cancellationToken)
            : [];
        var progress = audience == RoomRole.Facilitator
            ? await RoomViews.ProgressAsync(db, dialogueId, themes.Where(t => t.VoteState != VoteState.NotStarted).Select(t => t.Id), cancellationToken)
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
            [.. themes.Select(t => new ThemeView(t.Id, t.Position, t.Title, t.Goal))],
            contributions,
            await RoomViews.AgreementsAsync(db, db.Agreements.Where(a => a.DialogueId == dialogueId), cancellationToken),
            audience == RoomRole.Facilitator ? facilitatorPresence : roomPresence,
            you,
            risks,
            votings,
            ballot,
            progress,
            dialogue.PresenceVersion));
    }

    /// <summary>Runs a command only a facilitator of the dialogue may give.</summary>
    private Task<RoomOutcome> FacilitatorCommandAsync(
        Guid? commandId, int? dialogueId, Actor actor, Func<RoomChange, Task<RoomOutcome?>> body, CancellationToken cancellationToken)
    {
        if (commandId is null || dialogueId is null)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "A command needs a commandId and a dialogueId."));
        }

        return writer.ExecuteAsync(commandId, dialogueId.Value, actor, async change =>
        {
            var access = await AccessAsync(change.Db, dialogueId.Value, actor, cancellationToken);
            if (access is not { IsFacilitator: true })
            {
                return access is null
                    ? RoomOutcome.Fail(ErrorCodes.NotFound, "No such dialogue for this caller.")
                    : RoomOutcome.Fail(ErrorCodes.Forbidden, "Only a facilitator of this dialogue may do this.");
            }

            if (change.Dialogue.Status == DialogueStatus.Closed)
            {
                return RoomOutcome.Fail(ErrorCodes.DialogueClosed, "The dialogue is closed.");
            }

            return await body(change);
        }, cancellationToken);
    }

    /// <summary>Runs a command a participant (not an observer) or a facilitator may give, while the dialogue is open.</summary>
    private Task<RoomOutcome> MemberCommandAsync(
        Guid? commandId, int? dialogueId, Actor actor, Func<RoomChange, Access, Task<RoomOutcome?>> body, CancellationToken cancellationToken)
    {
        if (commandId is null || dialogueId is null)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "A command needs a commandId and a dialogueId."));
        }

        return writer.ExecuteAsync(commandId, dialogueId.Value, actor, async change =>
        {
            var access = await AccessAsync(change.Db, dialogueId.Value, actor, cancellationToken);
            if (access is null)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such dialogue for this caller.");
            }

            if (access.ParticipantRole == RoomRole.Observer && !access.IsFacilitator)
            {
                return RoomOutcome.Fail(ErrorCodes.Forbidden, "Observers follow the dialogue; they cannot take part.");
            }

            switch (change.Dialogue.Status)
            {
                case DialogueStatus.Draft:
                    return RoomOutcome.Fail(ErrorCodes.DialogueNotOpen, "The dialogue has not been opened yet.");
                case DialogueStatus.Closed:
                    return RoomOutcome.Fail(ErrorCodes.DialogueClosed, "The dialogue is closed.");
            }

            return await body(change, access);
        }, cancellationToken);
    }

    /// <summary>How the actor may see this dialogue: as its participant or observer, as its facilitator, or both.</summary>
    private sealed record Access(int? ParticipantId, RoomRole? ParticipantRole, bool IsFacilitator)
    {
        /// <summary>Who acts, as stored with reactions and revisions: the participant if the actor is one here, else the account.</summary>
        public string Key(Actor actor) => ParticipantId is { } id ? Actor.ParticipantKey(id) : $"u:{actor.UserId}";
    }

    private static async Task<Access?> AccessAsync(DialogueDb db, int dialogueId, Actor actor, CancellationToken cancellationToken)
    {
        var participantId = actor.ParticipantDialogueId == dialogueId ? actor.ParticipantId : null;
        RoomRole? participantRole = participantId is { } id
            ? await db.Participants.Where(p => p.Id == id).Select(p => (RoomRole?)p.Role).SingleOrDefaultAsync(cancellationToken)
            : null;
        var isFacilitator = actor.UserId is { } userId
            && await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == userId, cancellationToken);
        return participantRole is null && !isFacilitator ? null : new Access(participantRole is null ? null : participantId, participantRole, isFacilitator);
    }
}
