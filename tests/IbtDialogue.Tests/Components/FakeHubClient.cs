using IbtDialogue.Client.Live;
using IbtDialogue.Client.Protocol;

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

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        SetState(LiveConnectionState.Connected);
        return Task.CompletedTask;
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

    public Task<CommandResult> SendAsync(string method, object command, CancellationToken cancellationToken = default)
    {
        Sent.Add((method, command));
        return Task.FromResult(Answer?.Invoke(method, command) ?? CommandResult.Success(Snapshot.Version + 1, 500));
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
