using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;

namespace IbtDialogue.Tests.Components;

/// <summary>A hub client that answers from a script and lets the test raise the server's events.</summary>
public sealed class FakeHubClient : IDialogueHubClient
{
    public FakeHubClient(RoomSnapshot snapshot) => Snapshot = snapshot;

    public RoomSnapshot Snapshot { get; set; }

    /// <summary>Every call in order: ("snapshot", dialogueId), ("enter", presenter?), or (method, command).</summary>
    public List<(string Method, object Argument)> Sent { get; } = [];

    /// <summary>The answer to the next command; success at the next version by default.</summary>
    public Func<string, object, CommandResult>? Answer { get; set; }

    public LiveConnectionState State { get; private set; } = LiveConnectionState.Disconnected;

    public event Action<LiveConnectionState>? StateChanged;

    public event Func<Task>? Reconnected;

    public event Func<RoomUpdated, Task>? RoomUpdated;

    public event Func<VotingProgress, Task>? VotingProgress;

    public event Func<PresenceUpdated, Task>? PresenceUpdated;

    public event Func<RoomVersion, Task>? RoomVersion;

    public Task RaiseAsync(RoomVersion version) => RoomVersion!(version);

    public Task RaiseAsync(VotingProgress progress) => VotingProgress!(progress);

    public Task RaiseAsync(PresenceUpdated presence) => PresenceUpdated!(presence);

    public IEnumerable<T> Commands<T>() => Sent.Select(s => s.Argument).OfType<T>();

    public void SetState(LiveConnectionState state)
    {
        State = state;
        StateChanged?.Invoke(state);
    }

    /// <summary>Raises the next event after the snapshot's version (or at the given version, to make a gap).</summary>
    public Task RaiseAsync(RoomDelta delta, long? version = null) =>
        RoomUpdated!(new RoomUpdated(Snapshot.DialogueId, version ?? Snapshot.Version + 1, DateTimeOffset.UtcNow, delta));

    public Task RaiseReconnectedAsync() => Reconnected!();

    /// <summary>When set, connecting waits for it (a slow network).</summary>
    public TaskCompletionSource? Connecting { get; set; }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Connecting is { } connecting)
        {
            await connecting.Task;
        }

        SetState(LiveConnectionState.Connected);
    }

    public Task<SnapshotResult> EnterAsync(int dialogueId, bool asPresenter = false, CancellationToken cancellationToken = default)
    {
        Sent.Add(("enter", asPresenter));
        return Task.FromResult(SnapshotResult.Success(Snapshot));
    }

    public Task<SnapshotResult> GetSnapshotAsync(int dialogueId, CancellationToken cancellationToken = default)
    {
        Sent.Add(("snapshot", dialogueId));
        return Task.FromResult(SnapshotResult.Success(Snapshot));
    }

    public Task<CommandResult> PostContributionAsync(PostContribution command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.PostContribution), command);

    public Task<CommandResult> EditContributionAsync(EditContribution command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.EditContribution), command);

    public Task<CommandResult> WithdrawContributionAsync(ContributionCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.WithdrawContribution), command);

    public Task<CommandResult> ReactAsync(ContributionCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.React), command);

    public Task<CommandResult> UnreactAsync(ContributionCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.Unreact), command);

    public Task<CommandResult> OpenDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.OpenDialogue), command);

    public Task<CommandResult> CloseDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.CloseDialogue), command);

    public Task<CommandResult> SetStageAsync(SetStage command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.SetStage), command);

    public Task<CommandResult> SetInputLockedAsync(SetInputLocked command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.SetInputLocked), command);

    public Task<CommandResult> ControlTimerAsync(ControlTimer command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.ControlTimer), command);

    public Task<CommandResult> SetSpotlightAsync(SetSpotlight command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.SetSpotlight), command);

    public Task<CommandResult> ModerateContributionAsync(ModerateContribution command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.ModerateContribution), command);

    public Task<CommandResult> MergeContributionsAsync(MergeContributions command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.MergeContributions), command);

    public Task<CommandResult> SaveThemeAsync(SaveTheme command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.SaveTheme), command);

    public Task<CommandResult> MoveThemeAsync(MoveTheme command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.MoveTheme), command);

    public Task<CommandResult> RemoveThemeAsync(ThemeCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.RemoveTheme), command);

    public Task<CommandResult> UpdateSettingsAsync(UpdateSettings command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.UpdateSettings), command);

    public Task<CommandResult> SaveAgreementAsync(SaveAgreement command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.SaveAgreement), command);

    public Task<CommandResult> RemoveAgreementAsync(AgreementCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.RemoveAgreement), command);

    public Task<CommandResult> SaveGoodPracticeAsync(SaveGoodPractice command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.SaveGoodPractice), command);

    public Task<CommandResult> SaveRiskAsync(SaveRisk command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.SaveRisk), command);

    public Task<CommandResult> DecideRiskAsync(DecideRisk command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.DecideRisk), command);

    public Task<CommandResult> RemoveRiskAsync(RiskCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.RemoveRisk), command);

    public Task<CommandResult> ConfigureVotingAsync(ConfigureVoting command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.ConfigureVoting), command);

    public Task<CommandResult> OpenVotingAsync(OpenVoting command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.OpenVoting), command);

    public Task<CommandResult> CloseVotingAsync(VotingCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.CloseVoting), command);

    public Task<CommandResult> RevealResultsAsync(VotingCommand command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.RevealResults), command);

    public Task<CommandResult> CastDotsAsync(CastDots command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.CastDots), command);

    public Task<CommandResult> RateRiskAsync(RateRisk command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.RateRisk), command);

    public Task<CommandResult> AddCatalogueRiskAsync(AddCatalogueRisk command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.AddCatalogueRisk), command);

    public Task<CommandResult> ShowNationalAsync(ShowNational command, CancellationToken cancellationToken = default) => Record(nameof(IDialogueHub.ShowNational), command);

    /// <summary>The answer to <c>GetNationalPanel</c>; an empty panel by default.</summary>
    public NationalPanel Panel { get; set; } = new(null, null, [], [], [], []);

    public Task<NationalPanelResult> GetNationalPanelAsync(NationalPanelRequest request, CancellationToken cancellationToken = default)
    {
        Sent.Add((nameof(IDialogueHub.GetNationalPanel), request));
        return Task.FromResult(NationalPanelResult.Success(Panel));
    }

    /// <summary>While set, every command waits for it before it is answered (a command on its way).</summary>
    public TaskCompletionSource? Hold { get; set; }

    private async Task<CommandResult> Record(string method, IRoomCommand command)
    {
        Sent.Add((method, command));
        if (Hold is { } hold)
        {
            await hold.Task;
        }

        return Answer?.Invoke(method, command) ?? CommandResult.Success(Snapshot.Version + 1, 500);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static RoomSnapshot Room(
        DialogueStatus status = DialogueStatus.Open,
        RoomRole role = RoomRole.Participant,
        Phase phase = Phase.Sharing,
        params ContributionView[] contributions) => new(
        7,
        "Handhaving kinderopvang",
        new DateOnly(2026, 3, 12),
        "ABC234",
        10,
        DateTimeOffset.UtcNow,
        new StageView(status, 1, phase, false, null, null),
        new SettingsView(Anonymity.Named, false, true),
        [new ThemeView(1, 1, "Handhaving bij overtredingen", "De gemeente handhaaft."), new ThemeView(2, 2, "LRK op orde", null)],
        contributions,
        [],
        new PresenceView(3, 1, 1, [new OrganisationPresence("Zwolle", 2), new OrganisationPresence("GGD Drenthe", 1)], null),
        role == RoomRole.Facilitator ? new ViewerInfo(null, "Anna", null, role) : new ViewerInfo(5, "Piet", "Zwolle", role),
        [],
        [],
        [],
        []);

    public static ContributionView Item(int id, string text, ContributionKind kind = ContributionKind.SuccessFactor, int theme = 1) =>
        new(id, theme, kind, ContributionStatus.Visible, text, "Piet", "Zwolle", 0, false, new DateTimeOffset(2026, 3, 12, 14, 0, 0, TimeSpan.Zero));
}
