using IbtDialogue.Accounts;
using IbtDialogue.Client.Protocol;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace IbtDialogue.Live;

/// <summary>
/// The only way a live room changes (contract: docs/protocol.md). Thin on purpose: it identifies the
/// caller, lets the engine decide and commit, and broadcasts what the engine committed.
/// </summary>
[Authorize(Policy = AuthPolicies.RoomMember)]
public sealed class DialogueHub(RoomEngine engine, RoomBroadcaster broadcaster) : Hub<IDialogueClient>, IDialogueHub
{
    private Actor Caller => Actor.From(Context.User);

    public async Task<SnapshotResult> Enter(int dialogueId)
    {
        if (!await engine.MayEnterAsync(dialogueId, Caller, Context.ConnectionAborted))
        {
            return SnapshotResult.Failure(ErrorCodes.NotFound, "No such dialogue for this caller.");
        }

        // Join the group before the state is read, so no event can fall between the snapshot and the stream.
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomBroadcaster.Group(dialogueId), Context.ConnectionAborted);
        var (result, presence) = await engine.EnterAsync(dialogueId, Caller, Context.ConnectionId, Context.ConnectionAborted);
        await broadcaster.BroadcastAsync(presence);
        return result;
    }

    public Task<SnapshotResult> GetSnapshot(int dialogueId) => engine.SnapshotAsync(dialogueId, Caller, Context.ConnectionAborted);

    public Task<CommandResult> PostContribution(PostContribution command) =>
        RunAsync(engine.PostContributionAsync(command, Caller, Context.ConnectionAborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> OpenDialogue(DialogueCommand command) =>
        RunAsync(engine.OpenAsync(command, Caller, Context.ConnectionAborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> CloseDialogue(DialogueCommand command) =>
        RunAsync(engine.CloseAsync(command, Caller, Context.ConnectionAborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> SetCurrentTheme(SetCurrentTheme command) =>
        RunAsync(engine.SetCurrentThemeAsync(command, Caller, Context.ConnectionAborted));

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        // The connection is gone, so its own token is cancelled: presence must still be updated.
        foreach (var presence in await engine.LeaveAsync(Context.ConnectionId, CancellationToken.None))
        {
            await broadcaster.BroadcastAsync(presence);
        }

        await base.OnDisconnectedAsync(exception);
    }

    private async Task<CommandResult> RunAsync(Task<RoomOutcome> command)
    {
        var outcome = await command; // Committed (or refused) before anyone hears of it.
        await broadcaster.BroadcastAsync(outcome.Event);
        return outcome.Result;
    }
}
