using System.Diagnostics;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IbtDialogue.Live;

/// <summary>A committed change as each audience may see it: facilitators see everything, the room (participants, observers, projector) what is public.</summary>
public sealed record RoomBroadcast(int DialogueId, long Version, DateTimeOffset ServerTime, RoomDelta Facilitators, RoomDelta Room);

/// <summary>What a command left behind: the answer for the caller and, when it changed the room, the broadcast (sent after commit).</summary>
public sealed record CommandReply(CommandResult Result, RoomBroadcast? Broadcast)
{
    /// <summary>Ends when the broadcast has been handed to SignalR, in the dialogue's commit order (see <see cref="RoomBroadcaster"/>).</summary>
    public Task Sent { get; init; } = Task.CompletedTask;

    public static CommandReply From(CommandOutcome.Refused refusal) => new(CommandResult.Failure(refusal.Code, refusal.Detail), null);

    /// <summary>A refusal decided before the command reached the writer (a malformed payload).</summary>
    public static Task<CommandReply> Refused(string code, string detail) => Refused(CommandOutcome.Refuse(code, detail));

    public static Task<CommandReply> Refused(CommandOutcome.Refused refusal) => Task.FromResult(From(refusal));
}

/// <summary>The unit of work of one room command, handed to the command's body.</summary>
public sealed class RoomChange(DialogueDb db, Dialogue dialogue, RoomAccess? access, DateTime now)
{
    public DialogueDb Db => db;

    public Dialogue Dialogue => dialogue;

    /// <summary>
    /// How the command's actor may see the dialogue, read in the same statement as <see cref="Dialogue"/> inside
    /// the command's transaction (so a removed facilitator or a closed dialogue is refused on the very next
    /// command); null when the actor has nothing to do with it.
    /// </summary>
    public RoomAccess? Access => access;

    public DateTime Now => now;

    /// <summary>Saves the pending changes inside the command's transaction (to get ids before describing the change).</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}

/// <summary>
/// Runs every change of a live room the same way: validated, refused unless valid, the dialogue's version
/// bumped (optimistic concurrency, so two nodes on PostgreSQL cannot both win), the command id stored so a
/// replay answers the same, committed — and only then answered and broadcast. Only a committed command is
/// remembered by its id: a refused or unchanged one is evaluated afresh when it is sent again.
/// <para>
/// Group commit: commands queue here, and one drainer at a time takes what is queued (up to
/// <see cref="MaxGroup"/>) under the <see cref="WriteGate"/> and runs it in one transaction with one commit
/// (one fsync). Each command runs on the group's DbContext with an empty change tracker, so it is
/// validated on the state its predecessors in the group left; each runs inside a savepoint, so a refused,
/// unchanged or failing command is rolled back alone and its neighbours stay. No answer and no broadcast
/// leaves before the shared commit: if the commit fails, every command of the group fails and none is
/// acknowledged (their clients send them again, by the same ids). Broadcasts are queued in commit order
/// while the gate is still held (see <see cref="RoomBroadcaster"/>).
/// </para>
/// </summary>
public sealed partial class RoomWriter(
    IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, RoomBroadcaster broadcaster, TimeProvider clock, ILogger<RoomWriter> logger)
{
    /// <summary>The most commands one transaction takes; what is queued beyond it goes in the next group.</summary>
    public const int MaxGroup = 128;

    private const int Attempts = 3;
    private const string Savepoint = "room_command";

    private readonly System.Threading.Channels.Channel<Pending> queue = System.Threading.Channels.Channel.CreateUnbounded<Pending>();
    private int draining;

    /// <summary>A test's hook, run with the group's command ids after the last command and before the commit (to make the commit fail).</summary>
    internal Func<IReadOnlyList<Guid?>, Task>? BeforeGroupCommit { get; set; }

    /// <summary>How many commands wait for a group (for tests that must know a group has formed).</summary>
    internal int Queued => queue.Reader.Count;

    /// <param name="commandId">The client-made id; <c>null</c> for changes the server makes itself (presence).</param>
    /// <param name="body">Validates and applies the change, and says how the command ends.</param>
    public Task<CommandReply> ExecuteAsync(
        Guid? commandId,
        int dialogueId,
        Actor actor,
        Func<RoomChange, Task<CommandOutcome>> body,
        CancellationToken cancellationToken)
    {
        if (commandId == Guid.Empty)
        {
            return CommandReply.Refused(ErrorCodes.BadRequest, "A command needs a non-empty commandId.");
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<CommandReply>(cancellationToken);
        }

        var pending = new Pending(commandId, dialogueId, actor, body, cancellationToken);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new UnreachableException("The unbounded command queue refused a command.");
        }

        StartDrainerIfIdle();
        return pending.Done.Task;
    }

    private void StartDrainerIfIdle()
    {
        if (Interlocked.CompareExchange(ref draining, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var group = new List<Pending>();
            await gate.RunAsync(async () =>
            {
                while (group.Count < MaxGroup && queue.Reader.TryRead(out var next))
                {
                    group.Add(next);
                }

                if (group.Count > 0)
                {
                    try
                    {
                        await RunGroupAsync(group);
                    }
                    catch (Exception ex)
                    {
                        // Not expected (RunGroupAsync answers every failure itself), but no caller may wait forever
                        // and the drainer must live on.
                        foreach (var pending in group)
                        {
                            pending.Done.TrySetException(ex);
                        }
                    }
                }

                return 0;
            }, CancellationToken.None);

            if (group.Count == 0)
            {
                // Idle: stop, unless a command came in between the last read and now (then carry on, or let the
                // drainer its writer started take it).
                Volatile.Write(ref draining, 0);
                if (queue.Reader.Count == 0 || Interlocked.CompareExchange(ref draining, 1, 0) != 0)
                {
                    return;
                }
            }
        }
    }

    private async Task RunGroupAsync(List<Pending> group)
    {
        var live = new List<Pending>(group.Count);
        foreach (var pending in group)
        {
            if (pending.CancellationToken.IsCancellationRequested)
            {
                pending.Done.TrySetCanceled(pending.CancellationToken); // Its caller is gone; it never ran.
            }
            else
            {
                live.Add(pending);
            }
        }

        if (live.Count == 0)
        {
            return;
        }

        var answered = new List<(Pending Pending, CommandReply Reply)>(live.Count);
        var failed = new List<(Pending Pending, Exception Error)>();
        try
        {
            await using var owner = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await using var transaction = await owner.Database.BeginTransactionAsync(CancellationToken.None);
            var shared = transaction.GetDbTransaction();

            // PostgreSQL: one group at a time per dialogue across all nodes, so budgets, caps, versions and command
            // ids are decided on what the other node committed. The group's dialogues are locked up front in
            // ascending order, so two nodes' groups never wait for each other in a circle (no deadlock).
            foreach (var dialogueId in live.Select(p => p.DialogueId).Distinct().Order())
            {
                await owner.LockDialogueAsync(dialogueId, CancellationToken.None);
            }
            owner.Database.AutoSavepointsEnabled = false; // Each command's own savepoint undoes a failed save.
            foreach (var pending in live)
            {
                var (reply, error) = await ExecuteWithRetriesAsync(pending, owner, shared);
                if (reply is not null)
                {
                    answered.Add((pending, reply));
                }
                else
                {
                    failed.Add((pending, error!)); // Rolled back alone; the group goes on.
                }
            }

            if (BeforeGroupCommit is { } hook)
            {
                await hook([.. live.Select(p => p.CommandId)]);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The transaction is lost (the commit failed, or a rollback to a savepoint did): nothing of the group
            // is stored, so nothing of it may be acknowledged — not even a refusal that read its predecessors' work.
            LogGroupFailed(logger, ex, live.Count);
            foreach (var pending in live)
            {
                pending.Done.TrySetException(ex);
            }

            return;
        }

        foreach (var (pending, error) in failed)
        {
            pending.Done.TrySetException(error);
        }

        foreach (var (pending, reply) in answered)
        {
            // Queued while the gate is still held, so the dialogue's broadcasts leave in commit order.
            pending.Done.TrySetResult(reply.Broadcast is { } broadcast ? reply with { Sent = broadcaster.Enqueue(broadcast) } : reply);
        }
    }

    /// <summary>
    /// Runs one command in a savepoint of the shared transaction, again from the database after a concurrency
    /// conflict. Answers its reply, or the error it failed with after it was rolled back alone; throws (failing
    /// the whole group) only when the transaction itself is lost.
    /// </summary>
    private async Task<(CommandReply? Reply, Exception? Error)> ExecuteWithRetriesAsync(Pending pending, DialogueDb db, System.Data.Common.DbTransaction shared)
    {
        for (var attempt = 1; ; attempt++)
        {
            await shared.SaveAsync(Savepoint, CancellationToken.None);
            bool keep;
            CommandReply reply;
            try
            {
                (reply, keep) = await ExecuteOnceAsync(pending, db);
            }
            catch (Exception ex)
            {
                await UndoAsync(shared); // Throws, failing the whole group, if the transaction itself is lost.
                if (ex is DbUpdateConcurrencyException && attempt < Attempts)
                {
                    // Another writer changed the room first (possible on a shared PostgreSQL, never under the
                    // SQLite gate): start again from the database and apply our change on top.
                    continue;
                }

                return (null, ex);
            }

            if (keep)
            {
                await shared.ReleaseAsync(Savepoint, CancellationToken.None);
            }
            else
            {
                await UndoAsync(shared); // Whatever a refused or unchanged command's body added goes.
            }

            return (reply, null);
        }
    }

    private static async Task UndoAsync(System.Data.Common.DbTransaction shared)
    {
        await shared.RollbackAsync(Savepoint, CancellationToken.None);
        await shared.ReleaseAsync(Savepoint, CancellationToken.None);
    }

    /// <summary>
    /// Answers the reply and whether the command's changes are to be kept. Every command of a group runs on the
    /// group's one DbContext, its change tracker emptied first: the command sees only the database as its
    /// predecessors left it (the same as a context of its own), without the cost of making and enlisting one.
    /// </summary>
    private async Task<(CommandReply Reply, bool Keep)> ExecuteOnceAsync(Pending pending, DialogueDb db)
    {
        var (commandId, dialogueId, actor, body, cancellationToken) = (pending.CommandId, pending.DialogueId, pending.Actor, pending.Body, pending.CancellationToken);
        db.ChangeTracker.Clear(); // Nothing of a predecessor (kept or rolled back) nor of a failed attempt stays tracked.

        if (commandId is { } id && await FindProcessed.For(db)(db, id, cancellationToken) is { } done)
        {
            return (done.Actor == actor.Key && done.DialogueId == dialogueId
                ? new CommandReply(CommandResult.Success(done.Version, done.EntityId), null)
                : CommandReply.From(CommandOutcome.Refuse(ErrorCodes.DuplicateCommand, "This commandId was already used for another command.")), false);
        }

        var participantId = actor.ParticipantDialogueId == dialogueId ? actor.ParticipantId : null;
        var loaded = await LoadDialogue.For(db)(db, dialogueId, participantId, actor.UserId, cancellationToken);
        if (loaded is null)
        {
            return (CommandReply.From(CommandOutcome.Refuse(ErrorCodes.NotFound, "No such dialogue.")), false);
        }

        var (dialogue, access) = (loaded.Dialogue, RoomAccess.Of(participantId, loaded.ParticipantRole, loaded.IsFacilitator));
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = await body(new RoomChange(db, dialogue, access, now));
        switch (outcome)
        {
            case CommandOutcome.Refused refusal:
                return (CommandReply.From(refusal), false); // Whatever the body added is rolled back with the savepoint.
            case CommandOutcome.Unchanged:
                return (new CommandReply(CommandResult.Success(dialogue.Version), null), false);
            case CommandOutcome.CommittedQuietly quiet:
                await SaveAsync(db, commandId, dialogueId, actor, dialogue.Version, quiet.EntityId, now, cancellationToken);
                return (new CommandReply(CommandResult.Success(dialogue.Version, quiet.EntityId), null), true);
            case CommandOutcome.Committed committed:
                dialogue.Version++;
                await SaveAsync(db, commandId, dialogueId, actor, dialogue.Version, committed.EntityId, now, cancellationToken);
                var broadcast = new RoomBroadcast(dialogueId, dialogue.Version, new DateTimeOffset(now, TimeSpan.Zero), committed.Facilitators, committed.Room);
                return (new CommandReply(CommandResult.Success(dialogue.Version, committed.EntityId), broadcast), true);
            default:
                throw new UnreachableException($"Unknown command outcome {outcome.GetType().Name}.");
        }
    }

    private static async Task SaveAsync(
        DialogueDb db, Guid? commandId, int dialogueId, Actor actor, long version, int? entityId, DateTime now, CancellationToken cancellationToken)
    {
        if (commandId is { } id)
        {
            db.ProcessedCommands.Add(new ProcessedCommand
            {
                CommandId = id,
                DialogueId = dialogueId,
                Actor = actor.Key,
                Version = version,
                EntityId = entityId,
                ProcessedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly CompiledQuery<Func<DialogueDb, Guid, CancellationToken, Task<ProcessedCommand?>>> FindProcessed = new(() => EF.CompileAsyncQuery(
        (DialogueDb db, Guid id, CancellationToken _) => db.ProcessedCommands.AsNoTracking().SingleOrDefault(c => c.CommandId == id)));

    /// <summary>The dialogue (tracked: the command changes it) and the actor's access to it, in one statement.</summary>
    private static readonly CompiledQuery<Func<DialogueDb, int, int?, string?, CancellationToken, Task<DialogueWithAccess?>>> LoadDialogue = new(() => EF.CompileAsyncQuery(
        (DialogueDb db, int dialogueId, int? participantId, string? userId, CancellationToken _) => db.Dialogues
            .Where(d => d.Id == dialogueId)
            .Select(d => new DialogueWithAccess(
                d,
                db.Participants.Where(p => p.Id == participantId && p.DialogueId == dialogueId).Select(p => (RoomRole?)p.Role).FirstOrDefault(),
                userId != null && db.DialogueFacilitators.Any(f => f.DialogueId == dialogueId && f.UserId == userId)))
            .SingleOrDefault()));

    private sealed record DialogueWithAccess(Dialogue Dialogue, RoomRole? ParticipantRole, bool IsFacilitator);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} room commands was not committed; none of them is acknowledged.")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int count);

    private sealed record Pending(Guid? CommandId, int DialogueId, Actor Actor, Func<RoomChange, Task<CommandOutcome>> Body, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<CommandReply> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
