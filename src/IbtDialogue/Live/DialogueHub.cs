using IbtDialogue.Accounts;
using IbtDialogue.Agreements;
using IbtDialogue.Contributions;
using IbtDialogue.NationalPicture;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Voting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace IbtDialogue.Live;

/// <summary>
/// The only way a live room changes (contract: docs/protocol.md). Thin on purpose: it identifies the
/// caller, lets the engine decide and commit, and answers once the writer has sent what was committed (in the
/// dialogue's commit order, see RoomBroadcaster). A missing payload
/// and a facilitator method called by someone who is no facilitator are answered by
/// <see cref="HubBoundaryFilter"/> before any method here runs.
/// </summary>
[Authorize(Policy = AuthPolicies.RoomMember)]
public sealed partial class DialogueHub(
    RoomEngine room,
    ContributionCommands contributions,
    VotingCommands voting,
    AgreementCommands agreements,
    NationalRoom national,
    NationalPictureWorker nationalPicture,
    RoomNotifier notifier,
    LocalConnections local,
    ILogger<DialogueHub> logger) : Hub<IDialogueClient>, IDialogueHub
{
    private Actor Caller => Actor.From(Context.User);

    private CancellationToken Aborted => Context.ConnectionAborted;

    public Task<SnapshotResult> Enter(int dialogueId) => EnterAsync(dialogueId, asPresenter: false);

    [FacilitatorOnly]
    public Task<SnapshotResult> EnterPresenter(int dialogueId) => EnterAsync(dialogueId, asPresenter: true);

    public Task<SnapshotResult> GetSnapshot(int dialogueId) => room.SnapshotAsync(dialogueId, Caller, Context.ConnectionId, Aborted);

    public Task<CommandResult> PostContribution(PostContribution command) => RunAsync(contributions.PostContributionAsync(command, Caller, Aborted));

    public Task<CommandResult> EditContribution(EditContribution command) => RunAsync(contributions.EditContributionAsync(command, Caller, Aborted));

    public Task<CommandResult> WithdrawContribution(ContributionCommand command) => RunAsync(contributions.WithdrawContributionAsync(command, Caller, Aborted));

    public Task<CommandResult> React(ContributionCommand command) => RunAsync(contributions.ReactAsync(command, Caller, Aborted));

    public Task<CommandResult> Unreact(ContributionCommand command) => RunAsync(contributions.UnreactAsync(command, Caller, Aborted));

    public Task<CommandResult> SaveGoodPractice(SaveGoodPractice command) => RunAsync(contributions.SaveGoodPracticeAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> ModerateContribution(ModerateContribution command) => RunAsync(contributions.ModerateAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> MergeContributions(MergeContributions command) => RunAsync(contributions.MergeAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> OpenDialogue(DialogueCommand command) => RunAsync(room.OpenAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public async Task<CommandResult> CloseDialogue(DialogueCommand command)
    {
        // The hub speaks Dutch, but the minutes composed now are the closing facilitator's: in their language.
        var language = Context.GetHttpContext() is { } http ? Components.Languages.Preferred(http) : null;
        var result = await RunAsync(room.CloseAsync(command, Caller, language, Aborted));
        if (result.Ok)
        {
            nationalPicture.DialogueClosed(command.DialogueId); // Counted soon; at the next start if this node stops first.
        }

        return result;
    }

    [FacilitatorOnly]
    public Task<CommandResult> SetStage(SetStage command) => RunAsync(room.SetStageAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> SetInputLocked(SetInputLocked command) => RunAsync(room.SetInputLockedAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> ControlTimer(ControlTimer command) => RunAsync(room.ControlTimerAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> SetSpotlight(SetSpotlight command) => RunAsync(room.SetSpotlightAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> SaveTheme(SaveTheme command) => RunAsync(room.SaveThemeAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> MoveTheme(MoveTheme command) => RunAsync(room.MoveThemeAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> RemoveTheme(ThemeCommand command) => RunAsync(room.RemoveThemeAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> UpdateSettings(UpdateSettings command) => RunAsync(room.UpdateSettingsAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> SaveAgreement(SaveAgreement command) => RunAsync(agreements.SaveAgreementAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> RemoveAgreement(AgreementCommand command) => RunAsync(agreements.RemoveAgreementAsync(command, Caller, Aborted));

    /// <summary>Facilitators add and change risks; participants propose them.</summary>
    public Task<CommandResult> SaveRisk(SaveRisk command) => RunAsync(voting.SaveRiskAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> DecideRisk(DecideRisk command) => RunAsync(voting.DecideRiskAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> RemoveRisk(RiskCommand command) => RunAsync(voting.RemoveRiskAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> ConfigureVoting(ConfigureVoting command) => RunAsync(voting.ConfigureVotingAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> OpenVoting(OpenVoting command) => RunAsync(voting.OpenVotingAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> CloseVoting(VotingCommand command) => RunAsync(voting.CloseVotingAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> RevealResults(VotingCommand command) => RunAsync(voting.RevealResultsAsync(command, Caller, Aborted));

    public Task<CommandResult> CastDots(CastDots command) => VoteAsync(command, command.ThemeId, voting.CastDotsAsync(command, Caller, Aborted));

    public Task<CommandResult> RateRisk(RateRisk command) => VoteAsync(command, command.ThemeId, voting.RateRiskAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<NationalPanelResult> GetNationalPanel(NationalPanelRequest request) => national.PanelAsync(request, Caller, Aborted);

    [FacilitatorOnly]
    public Task<CommandResult> AddCatalogueRisk(AddCatalogueRisk command) => RunAsync(voting.AddCatalogueRiskAsync(command, Caller, Aborted));

    [FacilitatorOnly]
    public Task<CommandResult> ShowNational(ShowNational command) => RunAsync(room.ShowNationalAsync(command, Caller, Aborted));

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        // The connection is gone, so its own token is cancelled: presence must still be updated.
        await room.LeaveAsync(Context.ConnectionId, notifier.TouchPresence, CancellationToken.None);

        await base.OnDisconnectedAsync(exception);
    }

    private async Task<SnapshotResult> EnterAsync(int dialogueId, bool asPresenter)
    {
        // One command decides whether the caller may enter, as what, and records the connection.
        var entered = await room.EnterAsync(dialogueId, Caller, Context.ConnectionId, asPresenter, Aborted);
        if (entered.PresenceChanged)
        {
            notifier.TouchPresence(dialogueId); // Committed: reported even if reading the snapshot fails.
        }

        if (!entered.Result.Ok)
        {
            return SnapshotResult.Failure(entered.Result.Error!, entered.Result.Detail!);
        }

        // Join the group before the state is read, so no event can fall between the snapshot and the stream.
        try
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, RoomBroadcaster.Group(dialogueId, entered.Role!.Value), Aborted);
        }
        catch (Exception ex) when (!Aborted.IsCancellationRequested)
        {
            // The Redis backplane is away: SignalR counts the group as joined but hears nothing for it. End the
            // connection (its leave takes the row out); the client connects and enters again once Redis is back.
            LogGroupJoinFailed(logger, ex, dialogueId);
            Context.Abort();
            return SnapshotResult.Failure(ErrorCodes.Unavailable, "The room cannot be followed right now; connect again.");
        }

        local.Entered(Context.ConnectionId, dialogueId, Caller, asPresenter);
        return await room.EnteredSnapshotAsync(dialogueId, Caller, entered, Aborted);
    }

    /// <summary>A vote is answered to its voter only; facilitators hear, coalesced, that the count of voters moved.</summary>
    private async Task<CommandResult> VoteAsync(IRoomCommand command, int themeId, Task<CommandReply> vote)
    {
        var reply = await vote;
        if (reply.Result.Ok)
        {
            notifier.TouchVoting(command.DialogueId, themeId);
        }

        return reply.Result;
    }

    private async Task<CommandResult> RunAsync(Task<CommandReply> command)
    {
        var reply = await command; // Committed (or refused) before anyone hears of it.
        await reply.Sent; // The writer queued the broadcast in commit order; answer once it has left, as before.
        return reply.Result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not join the room group of dialogue {DialogueId} (is the Redis backplane away?); the connection is ended so its client enters again.")]
    private static partial void LogGroupJoinFailed(ILogger logger, Exception exception, int dialogueId);
}
