using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

/// <summary>How an actor may see one dialogue: as its participant or observer, as its facilitator, or both.</summary>
public sealed record RoomAccess(int? ParticipantId, RoomRole? ParticipantRole, bool IsFacilitator)
{
    /// <summary>Who acts, as stored with reactions and revisions: the participant if the actor is one here, else the account.</summary>
    public string Key(Actor actor) => ParticipantId is { } id ? Actor.ParticipantKey(id) : $"u:{actor.UserId}";

    /// <summary>The role a connection of this actor takes in the room.</summary>
    public RoomRole Role => ParticipantRole ?? RoomRole.Facilitator;

    /// <summary>Answers null when the actor has nothing to do with the dialogue (inside a room command: <see cref="RoomChange.Access"/>).</summary>
    public static async Task<RoomAccess?> ReadAsync(DialogueDb db, int dialogueId, Actor actor, CancellationToken cancellationToken)
    {
        var participantId = actor.ParticipantDialogueId == dialogueId ? actor.ParticipantId : null;
        var read = await Read.For(db)(db, dialogueId, participantId, actor.UserId, cancellationToken);
        return Of(participantId, read?.ParticipantRole, read?.IsFacilitator ?? false);
    }

    /// <summary>The access of a participant (when the actor is one of this dialogue) with this role, or a facilitator; null if neither.</summary>
    public static RoomAccess? Of(int? participantId, RoomRole? participantRole, bool isFacilitator) =>
        participantRole is null && !isFacilitator ? null : new RoomAccess(participantRole is null ? null : participantId, participantRole, isFacilitator);

    private sealed record Row(RoomRole? ParticipantRole, bool IsFacilitator);

    /// <summary>Both parts of the access in one statement (null only if the dialogue does not exist).</summary>
    private static readonly CompiledQuery<Func<DialogueDb, int, int?, string?, CancellationToken, Task<Row?>>> Read = new(() => EF.CompileAsyncQuery(
        (DialogueDb db, int dialogueId, int? participantId, string? userId, CancellationToken _) => db.Dialogues
            .Where(d => d.Id == dialogueId)
            .Select(d => new Row(
                db.Participants.Where(p => p.Id == participantId && p.DialogueId == dialogueId).Select(p => (RoomRole?)p.Role).FirstOrDefault(),
                userId != null && db.DialogueFacilitators.Any(f => f.DialogueId == dialogueId && f.UserId == userId)))
            .SingleOrDefault()));
}

/// <summary>
/// Runs a room command through the <see cref="RoomWriter"/> after the checks every command of its kind
/// needs: who the caller is in this dialogue, and whether the dialogue is in a state that takes input.
/// </summary>
public sealed class RoomCommands(RoomWriter writer)
{
    public static readonly CommandOutcome.Refused NoSuchDialogue = CommandOutcome.Refuse(ErrorCodes.NotFound, "No such dialogue for this caller.");

    /// <summary>A command only a facilitator of the dialogue may give; refused once the dialogue is closed unless <paramref name="evenWhenClosed"/>.</summary>
    public Task<CommandReply> AsFacilitatorAsync(
        IRoomCommand command, Actor actor, Func<RoomChange, Task<CommandOutcome>> body, CancellationToken cancellationToken, bool evenWhenClosed = false) =>
        writer.ExecuteAsync(command.CommandId, command.DialogueId, actor, async change =>
        {
            var access = change.Access;
            if (access is not { IsFacilitator: true })
            {
                return access is null ? NoSuchDialogue : CommandOutcome.Refuse(ErrorCodes.Forbidden, "Only a facilitator of this dialogue may do this.");
            }

            if (change.Dialogue.Status == DialogueStatus.Closed && !evenWhenClosed)
            {
                return CommandOutcome.Refuse(ErrorCodes.DialogueClosed, "The dialogue is closed.");
            }

            return await body(change);
        }, cancellationToken);

    /// <summary>A command a participant (not an observer) or a facilitator may give, while the dialogue is open.</summary>
    public Task<CommandReply> AsMemberAsync(
        IRoomCommand command, Actor actor, Func<RoomChange, RoomAccess, Task<CommandOutcome>> body, CancellationToken cancellationToken) =>
        writer.ExecuteAsync(command.CommandId, command.DialogueId, actor, async change =>
        {
            var access = change.Access;
            if (access is null)
            {
                return NoSuchDialogue;
            }

            if (access.ParticipantRole == RoomRole.Observer && !access.IsFacilitator)
            {
                return CommandOutcome.Refuse(ErrorCodes.Forbidden, "Observers follow the dialogue; they cannot take part.");
            }

            return change.Dialogue.Status switch
            {
                DialogueStatus.Draft => CommandOutcome.Refuse(ErrorCodes.DialogueNotOpen, "The dialogue has not been opened yet."),
                DialogueStatus.Closed => CommandOutcome.Refuse(ErrorCodes.DialogueClosed, "The dialogue is closed."),
                _ => await body(change, access),
            };
        }, cancellationToken);

    /// <summary>Refuses input unless this theme and phase are the current ones and input is not locked.</summary>
    public static CommandOutcome.Refused? InputRefusal(Dialogue dialogue, int themeId, Phase phase)
    {
        if (dialogue.CurrentThemeId != themeId || dialogue.CurrentPhase != phase)
        {
            return CommandOutcome.Refuse(ErrorCodes.PhaseClosed, "This theme or phase is not open now.");
        }

        return dialogue.InputLocked ? CommandOutcome.Refuse(ErrorCodes.PhaseClosed, "The facilitator has locked input.") : null;
    }
}
