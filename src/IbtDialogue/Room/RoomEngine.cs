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
    IDbContextFactory<DialogueDb> dbFactory, RoomWriter writer, RoomCommands room, MinutesComposer composer, NodeIdentity node, SharedRoomParts shared, TimeProvider clock)
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
}
