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
public sealed class DialogueHub(RoomEngine engine, RoomBroadcaster broadcaster, RoomNotifier notifier) : Hub<IDialogueClient>, IDialogueHub
{
    private Actor Caller => Actor.From(Context.User);

    private CancellationToken Aborted => Context.ConnectionAborted;

    public Task<SnapshotResult> Enter(int dialogueId) => EnterAsync(dialogueId, asPresenter: false);

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<SnapshotResult> EnterPresenter(int dialogueId) => EnterAsync(dialogueId, asPresenter: true);

    public Task<SnapshotResult> GetSnapshot(int dialogueId) => engine.SnapshotAsync(dialogueId, Caller, Context.ConnectionId, Aborted);

    public Task<CommandResult> PostContribution(PostContribution command) => RunAsync(engine.PostContributionAsync(command, Caller, Aborted));

    public Task<CommandResult> EditContribution(EditContribution command) => RunAsync(engine.EditContributionAsync(command, Caller, Aborted));

    public Task<CommandResult> WithdrawContribution(ContributionCommand command) => RunAsync(engine.WithdrawContributionAsync(command, Caller, Aborted));

    public Task<CommandResult> React(ContributionCommand command) => RunAsync(engine.ReactAsync(command, Caller, Aborted));

    public Task<CommandResult> Unreact(ContributionCommand command) => RunAsync(engine.UnreactAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> OpenDialogue(DialogueCommand command) => RunAsync(engine.OpenAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> CloseDialogue(DialogueCommand command) => RunAsync(engine.CloseAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> SetStage(SetStage command) => RunAsync(engine.SetStageAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> SetInputLocked(SetInputLocked command) => RunAsync(engine.SetInputLockedAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> ControlTimer(ControlTimer command) => RunAsync(engine.ControlTimerAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> SetSpotlight(SetSpotlight command) => RunAsync(engine.SetSpotlightAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> ModerateContribution(ModerateContribution command) => RunAsync(engine.ModerateAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> MergeContributions(MergeContributions command) => RunAsync(engine.MergeAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> SaveTheme(SaveTheme command) => RunAsync(engine.SaveThemeAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> MoveTheme(MoveTheme command) => RunAsync(engine.MoveThemeAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> RemoveTheme(ThemeCommand command) => RunAsync(engine.RemoveThemeAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> UpdateSettings(UpdateSettings command) => RunAsync(engine.UpdateSettingsAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> SaveAgreement(SaveAgreement command) => RunAsync(engine.SaveAgreementAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> RemoveAgreement(AgreementCommand command) => RunAsync(engine.RemoveAgreementAsync(command, Caller, Aborted));

    public Task<CommandResult> SaveGoodPractice(SaveGoodPractice command) => RunAsync(engine.SaveGoodPracticeAsync(command, Caller, Aborted));

    /// <summary>Facilitators add and change risks; participants propose them.</summary>
    public Task<CommandResult> SaveRisk(SaveRisk command) => RunAsync(engine.SaveRiskAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> DecideRisk(DecideRisk command) => RunAsync(engine.DecideRiskAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> RemoveRisk(RiskCommand command) => RunAsync(engine.RemoveRiskAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> ConfigureVoting(ConfigureVoting command) => RunAsync(engine.ConfigureVotingAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> OpenVoting(VotingCommand command) => RunAsync(engine.OpenVotingAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> CloseVoting(VotingCommand command) => RunAsync(engine.CloseVotingAsync(command, Caller, Aborted));

    [Authorize(Policy = AuthPolicies.Facilitator)]
    public Task<CommandResult> RevealResults(VotingCommand command) => RunAsync(engine.RevealResultsAsync(command, Caller, Aborted));

    public Task<CommandResult> CastDots(CastDots command) => VoteAsync(command?.DialogueId, command?.ThemeId, engine.CastDotsAsync(command, Caller, Aborted));

    public Task<CommandResult> RateRisk(RateRisk command) => VoteAsync(command?.DialogueId, command?.ThemeId, engine.RateRiskAsync(command, Caller, Aborted));

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        // The connection is gone, so its own token is cancelled: presence must still be updated.
        await engine.LeaveAsync(Context.ConnectionId, notifier.TouchPresence, CancellationToken.None);

        await base.OnDisconnectedAsync(exception);
    }

    private async Task<SnapshotResult> EnterAsync(int dialogueId, bool asPresenter)
    {
        if (await engine.RoleAsync(dialogueId, Caller, asPresenter, Aborted) is not { } role)
        {
            return SnapshotResult.Failure(ErrorCodes.NotFound, "No such dialogue for this caller.");
        }

        // Join the group before the state is read, so no event can fall between the snapshot and the stream.
        await Groups.AddToGroupAsync(Context.ConnectionId, RoomBroadcaster.Group(dialogueId, role), Aborted);
        var (entered, presenceChanged) = await engine.EnterAsync(dialogueId, Caller, Context.ConnectionId, asPresenter, Aborted);
        if (presenceChanged)
        {
            notifier.TouchPresence(dialogueId); // Committed: reported even if reading the snapshot fails.
        }

        return entered.Ok
            ? await engine.SnapshotAsync(dialogueId, Caller, Context.ConnectionId, Aborted)
            : SnapshotResult.Failure(entered.Error!, entered.Detail!);
    }

    /// <summary>A vote is answered to its voter only; facilitators hear, coalesced, that the count of voters moved.</summary>
    private async Task<CommandResult> VoteAsync(int? dialogueId, int? themeId, Task<RoomOutcome> vote)
    {
        var outcome = await vote;
        if (outcome.Result.Ok)
        {
            notifier.TouchVoting(dialogueId!.Value, themeId!.Value);
        }

        return outcome.Result;
    }

    private async Task<CommandResult> RunAsync(Task<RoomOutcome> command)
    {
        var outcome = await command; // Committed (or refused) before anyone hears of it.
        await broadcaster.BroadcastAsync(outcome.Broadcast);
        return outcome.Result;
    }
}
