using IbtDialogue.Client.Live;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Security;

namespace IbtDialogue.Participants;

/// <summary>
/// The hub client the participant's room is prerendered with on the server (<see cref="RoomPage"/>): it reads the
/// room as the participant whose cookie came with the request would see it, straight from the engine, and
/// connects to nothing. The participant's token stays in the HttpOnly cookie; the page gets the room, not the
/// token. Entering and every command answer <see cref="ErrorCodes.Unavailable"/>: on the server the room is
/// read-only, and the WebAssembly client enters it over the hub when it starts.
/// </summary>
public sealed class PrerenderedRoom(IHttpContextAccessor http, JoinService joining, RoomEngine room, CookieSecurity cookies, int? participantOf)
    : IDialogueHubClient
{
    private static readonly CommandResult NotHere = CommandResult.Failure(ErrorCodes.Unavailable, "The room is read-only until the client has connected.");

    /// <summary>The hub client factory of the server: participants' rooms only (facilitators' views are not prerendered).</summary>
    public static HubClientFactory Factory(IServiceProvider services) =>
        participantOf => new PrerenderedRoom(
            services.GetRequiredService<IHttpContextAccessor>(),
            services.GetRequiredService<JoinService>(),
            services.GetRequiredService<RoomEngine>(),
            services.GetRequiredService<CookieSecurity>(),
            participantOf);

    public LiveConnectionState State => LiveConnectionState.Connecting;

    // Never raised: nothing is connected.
    public event Action<LiveConnectionState>? StateChanged { add { } remove { } }

    public event Func<Task>? Reconnected { add { } remove { } }

    public event Func<RoomUpdated, Task>? RoomUpdated { add { } remove { } }

    public event Func<VotingProgress, Task>? VotingProgress { add { } remove { } }

    public event Func<PresenceUpdated, Task>? PresenceUpdated { add { } remove { } }

    public event Func<RoomVersion, Task>? RoomVersion { add { } remove { } }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<SnapshotResult> EnterAsync(int dialogueId, bool asPresenter = false, CancellationToken cancellationToken = default) =>
        Task.FromResult(SnapshotResult.Failure(NotHere.Error!, NotHere.Detail!));

    public async Task<SnapshotResult> GetSnapshotAsync(int dialogueId, CancellationToken cancellationToken = default)
    {
        var request = http.HttpContext?.Request;
        var token = request?.Cookies[cookies.Name(ParticipantTokens.CookieName(dialogueId))];
        var aborted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, http.HttpContext?.RequestAborted ?? default);
        using (aborted)
        {
            return participantOf == dialogueId && await joining.ParticipantIdAsync(dialogueId, token, aborted.Token) is { } participantId
                ? await room.SnapshotAsync(dialogueId, new Actor(null, participantId, dialogueId), null, aborted.Token)
                : SnapshotResult.Failure(ErrorCodes.NotFound, "No such dialogue for this caller.");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<CommandResult> PostContributionAsync(PostContribution command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> EditContributionAsync(EditContribution command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> WithdrawContributionAsync(ContributionCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> ReactAsync(ContributionCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> UnreactAsync(ContributionCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> OpenDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> CloseDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> SetStageAsync(SetStage command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> SetInputLockedAsync(SetInputLocked command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> ControlTimerAsync(ControlTimer command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> SetSpotlightAsync(SetSpotlight command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> ModerateContributionAsync(ModerateContribution command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> MergeContributionsAsync(MergeContributions command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> SaveThemeAsync(SaveTheme command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> MoveThemeAsync(MoveTheme command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> RemoveThemeAsync(ThemeCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> UpdateSettingsAsync(UpdateSettings command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> SaveAgreementAsync(SaveAgreement command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> RemoveAgreementAsync(AgreementCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> SaveGoodPracticeAsync(SaveGoodPractice command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> SaveRiskAsync(SaveRisk command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> DecideRiskAsync(DecideRisk command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> RemoveRiskAsync(RiskCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> ConfigureVotingAsync(ConfigureVoting command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> OpenVotingAsync(OpenVoting command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> CloseVotingAsync(VotingCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> RevealResultsAsync(VotingCommand command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> CastDotsAsync(CastDots command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> RateRiskAsync(RateRisk command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> AddCatalogueRiskAsync(AddCatalogueRisk command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<CommandResult> ShowNationalAsync(ShowNational command, CancellationToken cancellationToken = default) => Task.FromResult(NotHere);

    public Task<NationalPanelResult> GetNationalPanelAsync(NationalPanelRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(NationalPanelResult.Failure(NotHere.Error!, NotHere.Detail!));
}
