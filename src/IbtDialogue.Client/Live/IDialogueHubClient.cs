using IbtDialogue.Protocol;

namespace IbtDialogue.Client.Live;

/// <summary>
/// The typed client of the dialogue hub. The one real implementation wraps a SignalR connection;
/// component tests replace it with a fake. Every method answers with a result instead of throwing
/// when the server refuses; a lost connection surfaces as <see cref="ErrorCodes.Unavailable"/>.
/// </summary>
public interface IDialogueHubClient : IAsyncDisposable
{
    LiveConnectionState State { get; }

    /// <summary>Raised when <see cref="State"/> changes.</summary>
    event Action<LiveConnectionState>? StateChanged;

    /// <summary>Raised after the connection was re-established as a new connection (the server forgot it).</summary>
    event Func<Task>? Reconnected;

    /// <summary>Every committed change of the rooms this connection entered.</summary>
    event Func<RoomUpdated, Task>? RoomUpdated;

    /// <summary>Facilitators: how many have voted (not versioned).</summary>
    event Func<VotingProgress, Task>? VotingProgress;

    /// <summary>Who is in the room (not versioned).</summary>
    event Func<PresenceUpdated, Task>? PresenceUpdated;

    event Func<RoomVersion, Task>? RoomVersion;

    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Enters the room (<c>Enter</c>), or as the projector view (<c>EnterPresenter</c>).</summary>
    Task<SnapshotResult> EnterAsync(int dialogueId, bool asPresenter = false, CancellationToken cancellationToken = default);

    Task<SnapshotResult> GetSnapshotAsync(int dialogueId, CancellationToken cancellationToken = default);

    // One method per command of the hub (docs/protocol.md); each answers the server's CommandResult.

    Task<CommandResult> PostContributionAsync(PostContribution command, CancellationToken cancellationToken = default);

    Task<CommandResult> EditContributionAsync(EditContribution command, CancellationToken cancellationToken = default);

    Task<CommandResult> WithdrawContributionAsync(ContributionCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> ReactAsync(ContributionCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> UnreactAsync(ContributionCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> OpenDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> CloseDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> SetStageAsync(SetStage command, CancellationToken cancellationToken = default);

    Task<CommandResult> SetInputLockedAsync(SetInputLocked command, CancellationToken cancellationToken = default);

    Task<CommandResult> ControlTimerAsync(ControlTimer command, CancellationToken cancellationToken = default);

    Task<CommandResult> SetSpotlightAsync(SetSpotlight command, CancellationToken cancellationToken = default);

    Task<CommandResult> ModerateContributionAsync(ModerateContribution command, CancellationToken cancellationToken = default);

    Task<CommandResult> MergeContributionsAsync(MergeContributions command, CancellationToken cancellationToken = default);

    Task<CommandResult> SaveThemeAsync(SaveTheme command, CancellationToken cancellationToken = default);

    Task<CommandResult> MoveThemeAsync(MoveTheme command, CancellationToken cancellationToken = default);

    Task<CommandResult> RemoveThemeAsync(ThemeCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> UpdateSettingsAsync(UpdateSettings command, CancellationToken cancellationToken = default);

    Task<CommandResult> SaveAgreementAsync(SaveAgreement command, CancellationToken cancellationToken = default);

    Task<CommandResult> RemoveAgreementAsync(AgreementCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> SaveGoodPracticeAsync(SaveGoodPractice command, CancellationToken cancellationToken = default);

    Task<CommandResult> SaveRiskAsync(SaveRisk command, CancellationToken cancellationToken = default);

    Task<CommandResult> DecideRiskAsync(DecideRisk command, CancellationToken cancellationToken = default);

    Task<CommandResult> RemoveRiskAsync(RiskCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> ConfigureVotingAsync(ConfigureVoting command, CancellationToken cancellationToken = default);

    Task<CommandResult> OpenVotingAsync(OpenVoting command, CancellationToken cancellationToken = default);

    Task<CommandResult> CloseVotingAsync(VotingCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> RevealResultsAsync(VotingCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> CastDotsAsync(CastDots command, CancellationToken cancellationToken = default);

    Task<CommandResult> RateRiskAsync(RateRisk command, CancellationToken cancellationToken = default);

    Task<CommandResult> AddCatalogueRiskAsync(AddCatalogueRisk command, CancellationToken cancellationToken = default);

    Task<CommandResult> ShowNationalAsync(ShowNational command, CancellationToken cancellationToken = default);

    /// <summary>Facilitators: the national picture of a theme (answered to the caller only).</summary>
    Task<NationalPanelResult> GetNationalPanelAsync(NationalPanelRequest request, CancellationToken cancellationToken = default);
}
