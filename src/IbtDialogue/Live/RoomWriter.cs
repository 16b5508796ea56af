using System.Diagnostics;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

/// <summary>A committed change as each audience may see it: facilitators see everything, the room (participants, observers, projector) what is public.</summary>
public sealed record RoomBroadcast(int DialogueId, long Version, DateTimeOffset ServerTime, RoomDelta Facilitators, RoomDelta Room);

/// <summary>What a command left behind: the answer for the caller and, when it changed the room, the broadcast (sent after commit).</summary>
public sealed record CommandReply(CommandResult Result, RoomBroadcast? Broadcast)
{
    public static CommandReply From(CommandOutcome.Refused refusal) => new(CommandResult.Failure(refusal.Code, refusal.Detail), null);

    /// <summary>A refusal decided before the command reached the writer (a malformed payload).</summary>
    public static Task<CommandReply> Refused(string code, string detail) => Refused(CommandOutcome.Refuse(code, detail));

    public static Task<CommandReply> Refused(CommandOutcome.Refused refusal) => Task.FromResult(From(refusal));
}

/// <summary>The unit of work of one room command, handed to the command's body.</summary>
public sealed class RoomChange(DialogueDb db, Dialogue dialogue, DateTime now)
{
    public DialogueDb Db => db;

    public Dialogue Dialogue => dialogue;

    public DateTime Now => now;

    /// <summary>Saves the pending changes inside the command's transaction (to get ids before describing the change).</summary>
    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}

/// <summary>
/// Runs every change of a live room the same way: inside one transaction, refused unless valid, the
/// dialogue's version bumped (optimistic concurrency, so two nodes on PostgreSQL cannot both win), the
/// command id stored so a replay answers the same, committed — and only then answered and broadcast.
/// Only a committed command is remembered by its id: a refused or unchanged one is evaluated afresh when
/// it is sent again.
/// </summary>
public sealed class RoomWriter(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock)
{
    private const int Attempts = 3;

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

        return gate.RunAsync(() => ExecuteWithRetriesAsync(commandId, dialogueId, actor, body, cancellationToken), cancellationToken);
    }

    private async Task<CommandReply> ExecuteWithRetriesAsync(
        Guid? commandId, int dialogueId, Actor actor, Func<RoomChange, Task<CommandOutcome>> body, CancellationToken cancellationToken)
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

    private async Task<CommandReply> ExecuteOnceAsync(
        Guid? commandId, int dialogueId, Actor actor, Func<RoomChange, Task<CommandOutcome>> body, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockDialogueAsync(dialogueId, cancellationToken); // PostgreSQL: one command per dialogue at a time on every node.

        if (commandId is { } id && await db.ProcessedCommands.AsNoTracking().SingleOrDefaultAsync(c => c.CommandId == id, cancellationToken) is { } done)
        {
            return done.Actor == actor.Key && done.DialogueId == dialogueId
                ? new CommandReply(CommandResult.Success(done.Version, done.EntityId), null)
                : CommandReply.From(CommandOutcome.Refuse(ErrorCodes.DuplicateCommand, "This commandId was already used for another command."));
        }

        var dialogue = await db.Dialogues.SingleOrDefaultAsync(d => d.Id == dialogueId, cancellationToken);
        if (dialogue is null)
        {
            return CommandReply.From(CommandOutcome.Refuse(ErrorCodes.NotFound, "No such dialogue."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = await body(new RoomChange(db, dialogue, now));
        switch (outcome)
        {
            case CommandOutcome.Refused refusal:
                return CommandReply.From(refusal); // Whatever the body added is rolled back with the transaction.
            case CommandOutcome.Unchanged:
                return new CommandReply(CommandResult.Success(dialogue.Version), null);
            case CommandOutcome.CommittedQuietly quiet:
                await CommitAsync(db, commandId, dialogueId, actor, dialogue.Version, quiet.EntityId, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new CommandReply(CommandResult.Success(dialogue.Version, quiet.EntityId), null);
            case CommandOutcome.Committed committed:
                dialogue.Version++;
                await CommitAsync(db, commandId, dialogueId, actor, dialogue.Version, committed.EntityId, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                var broadcast = new RoomBroadcast(dialogueId, dialogue.Version, new DateTimeOffset(now, TimeSpan.Zero), committed.Facilitators, committed.Room);
                return new CommandReply(CommandResult.Success(dialogue.Version, committed.EntityId), broadcast);
            default:
                throw new UnreachableException($"Unknown command outcome {outcome.GetType().Name}.");
        }
    }

    private static async Task CommitAsync(
        DialogueDb db, Guid? commandId, int dialogueId, Actor actor, long version, int? entityId, DateTime now, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
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
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
