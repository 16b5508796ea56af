using IbtDialogue.Client.Protocol;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

/// <summary>What a command left behind: the answer for the caller and the event for the room (after commit).</summary>
public sealed record RoomOutcome(CommandResult Result, object? Event)
{
    public static RoomOutcome Fail(string error, string detail) => new(CommandResult.Failure(error, detail), null);
}

/// <summary>The unit of work of one room command, handed to the command's body.</summary>
public sealed class RoomChange(DialogueDb db, Dialogue dialogue, DateTime now)
{
    public DialogueDb Db => db;

    public Dialogue Dialogue => dialogue;

    public DateTime Now => now;

    internal Func<long, object>? EventFactory { get; private set; }

    internal Func<int?> EntityId { get; private set; } = () => null;

    /// <summary>Describes the event to broadcast once committed, given the new version; optionally the created entity's id.</summary>
    public void Announce(Func<long, object> eventFactory, Func<int?>? entityId = null)
    {
        EventFactory = eventFactory;
        EntityId = entityId ?? (() => null);
    }
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
    /// <param name="body">Validates and applies the change; answers a failure to refuse it, null to commit it.</param>
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
        if (await body(change) is { } refused)
        {
            return refused; // Nothing was saved: the transaction is rolled back when disposed.
        }

        dialogue.Version++;
        await db.SaveChangesAsync(cancellationToken);
        var entityId = change.EntityId();
        if (commandId is { } newId)
        {
            db.ProcessedCommands.Add(new ProcessedCommand
            {
                CommandId = newId,
                DialogueId = dialogueId,
                Actor = actor.Key,
                Version = dialogue.Version,
                EntityId = entityId,
                ProcessedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RoomOutcome(CommandResult.Success(dialogue.Version, entityId), change.EventFactory?.Invoke(dialogue.Version));
    }
}
