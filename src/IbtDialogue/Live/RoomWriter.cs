using IbtDialogue.Client.Protocol;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

/// <summary>A committed change as each audience may see it: facilitators see everything, the room (participants, observers, projector) what is public.</summary>
public sealed record RoomBroadcast(int DialogueId, long Version, DateTimeOffset ServerTime, RoomDelta Facilitators, RoomDelta Room);

/// <summary>What a command left behind: the answer for the caller and, when it changed something, the broadcast (sent after commit).</summary>
public sealed record RoomOutcome(CommandResult Result, RoomBroadcast? Broadcast)
{
    public static RoomOutcome Fail(string error, string detail) => new(CommandResult.Failure(error, detail), null);
}

/// <summary>The unit of work of one room command, handed to the command's body.</summary>
public sealed class RoomChange(DialogueDb db, Dialogue dialogue, DateTime now)
{
    public DialogueDb Db => db;

    public Dialogue Dialogue => dialogue;

    public DateTime Now => now;

    internal RoomDelta? ForFacilitators { get; private set; }

    internal RoomDelta? ForRoom { get; private set; }

    internal int? EntityId { get; private set; }

    internal bool Quiet { get; private set; }

    /// <summary>
    /// Commits without a new version or broadcast: changes that are nobody else's business — the projector's
    /// connection, a participant's own (secret) vote.
    /// </summary>
    public RoomOutcome? CommitQuietly()
    {
        Quiet = true;
        return null;
    }

    /// <summary>The answer for a command that is valid but changes nothing (e.g. opening an open dialogue).</summary>
    public RoomOutcome Unchanged() => new(CommandResult.Success(dialogue.Version), null);

    /// <summary>Saves the pending changes inside the command's transaction (to get ids before describing the change).</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>What the change looks like to facilitators and to the room; the room sees nothing by default.</summary>
    public void Announce(RoomDelta forFacilitators, RoomDelta? forRoom = null)
    {
        ForFacilitators = forFacilitators;
        ForRoom = forRoom ?? RoomDelta.Nothing;
    }

    /// <summary>The same delta for everyone (nothing in it depends on who looks).</summary>
    public void AnnounceToAll(RoomDelta delta) => Announce(delta, delta);

    public void Created(int id) => EntityId = id;
}

/// <summary>
/// Runs every change of a live room the same way: inside one transaction, refused unless valid, the
/// dialogue's version bumped (optimistic concurrency, so two nodes on PostgreSQL cannot both win), the
/// command id stored so a replay answers the same, committed — and only then answered and broadcast.
/// </summary>
public sealed class RoomWriter(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock)
{
    private const int Attempts = 3;

    /// <param name="commandId">The client-made id; <c>null</c> for changes the server makes itself (presence).</param>
    /// <param name="body">Validates and applies the change; answers an outcome to refuse it (or to report no change), null to commit it.</param>
    public Task<RoomOutcome> ExecuteAsync(
        Guid? commandId,
        int dialogueId,
        Actor actor,
        Func<RoomChange, Task<RoomOutcome?>> body,
        CancellationToken cancellationToken)
    {
        if (commandId == Guid.Empty)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "A command needs a non-empty commandId."));
        }

        return gate.RunAsync(() => ExecuteWithRetriesAsync(commandId, dialogueId, actor, body, cancellationToken), cancellationToken);
    }

    private async Task<RoomOutcome> ExecuteWithRetriesAsync(
        Guid? commandId, int dialogueId, Actor actor, Func<RoomChange, Task<RoomOutcome?>> body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ExecuteOnceAsync(commandId, dialogueId, actor, body, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Another writer changed the room first (possible on a shared PostgreSQL, never under the
                // SQLite gate): start again from the database and apply our change on top.
            }
        }
    }

    private async Task<RoomOutcome> ExecuteOnceAsync(
        Guid? commandId, int dialogueId, Actor actor, Func<RoomChange, Task<RoomOutcome?>> body, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        if (commandId is { } id && await db.ProcessedCommands.AsNoTracking().SingleOrDefaultAsync(c => c.CommandId == id, cancellationToken) is { } done)
        {
            return done.Actor == actor.Key && done.DialogueId == dialogueId
                ? new RoomOutcome(CommandResult.Success(done.Version, done.EntityId), null)
                : RoomOutcome.Fail(ErrorCodes.DuplicateCommand, "This commandId was already used for another command.");
        }

        var dialogue = await db.Dialogues.SingleOrDefaultAsync(d => d.Id == dialogueId, cancellationToken);
        if (dialogue is null)
        {
            return RoomOutcome.Fail(ErrorCodes.NotFound, "No such dialogue.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var change = new RoomChange(db, dialogue, now);
        if (await body(change) is { } answered)
        {
            return answered; // Refused, or nothing to change: whatever was added is rolled back with the transaction.
        }

        if (change.Quiet)
        {
            await db.SaveChangesAsync(cancellationToken);
            StoreProcessed(db, commandId, dialogueId, actor, dialogue.Version, change.EntityId, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RoomOutcome(CommandResult.Success(dialogue.Version, change.EntityId), null);
        }

        dialogue.Version++;
        await db.SaveChangesAsync(cancellationToken);
        StoreProcessed(db, commandId, dialogueId, actor, dialogue.Version, change.EntityId, now);
        await db.SaveChangesAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        var serverTime = new DateTimeOffset(now, TimeSpan.Zero);
        var broadcast = new RoomBroadcast(dialogueId, dialogue.Version, serverTime, change.ForFacilitators ?? RoomDelta.Nothing, change.ForRoom ?? RoomDelta.Nothing);
        return new RoomOutcome(CommandResult.Success(dialogue.Version, change.EntityId), broadcast);
    }

    private static void StoreProcessed(DialogueDb db, Guid? commandId, int dialogueId, Actor actor, long version, int? entityId, DateTime now)
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
    }
}
