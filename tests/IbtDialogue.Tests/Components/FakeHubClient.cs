using IbtDialogue.Client.Live;
using IbtDialogue.Client.Protocol;

namespace IbtDialogue.Tests.Components;

/// <summary>A hub client that answers from a script and lets the test raise the server's events.</summary>
public sealed class FakeHubClient : IDialogueHubClient
{
    public FakeHubClient(RoomSnapshot snapshot) => Snapshot = snapshot;

    public RoomSnapshot Snapshot { get; set; }

    public List<object> Sent { get; } = [];

    /// <summary>The answer to the next command; success at the next version by default.</summary>
    public Func<object, CommandResult>? Answer { get; set; }

    public LiveConnectionState State { get; private set; } = LiveConnectionState.Disconnected;

    public event Action<LiveConnectionState>? StateChanged;

    public event Func<Task>? Reconnected;

    public event Func<ContributionPosted, Task>? ContributionPosted;

    public event Func<PresenceChanged, Task>? PresenceChanged;

    public event Func<DialogueChanged, Task>? DialogueChanged;

    public void SetState(LiveConnectionState state)
    {
        State = state;
        StateChanged?.Invoke(state);
    }

    public Task RaiseAsync(ContributionPosted e) => ContributionPosted!(e);

    public Task RaiseAsync(PresenceChanged e) => PresenceChanged!(e);

    public Task RaiseAsync(DialogueChanged e) => DialogueChanged!(e);

    public Task RaiseReconnectedAsync() => Reconnected!();

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        SetState(LiveConnectionState.Connected);
        return Task.CompletedTask;
    }

    public Task<SnapshotResult> EnterAsync(int dialogueId, CancellationToken cancellationToken = default) => GetSnapshotAsync(dialogueId, cancellationToken);

    public Task<SnapshotResult> GetSnapshotAsync(int dialogueId, CancellationToken cancellationToken = default)
    {
        Sent.Add(("snapshot", dialogueId));
        return Task.FromResult(SnapshotResult.Success(Snapshot));
    }

    public Task<CommandResult> PostContributionAsync(PostContribution command, CancellationToken cancellationToken = default) => Reply(command);

    public Task<CommandResult> OpenDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default) => Reply(command);

    public Task<CommandResult> CloseDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default) => Reply(command);

    public Task<CommandResult> SetCurrentThemeAsync(SetCurrentTheme command, CancellationToken cancellationToken = default) => Reply(command);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<CommandResult> Reply(object command)
    {
        Sent.Add(command);
        return Task.FromResult(Answer?.Invoke(command) ?? CommandResult.Success(Snapshot.Version + 1));
    }

    public static RoomSnapshot Room(DialogueStatus status = DialogueStatus.Open, bool facilitator = false, params ContributionView[] contributions) => new(
        7,
        "Handhaving kinderopvang",
        new DateOnly(2026, 3, 12),
        "ABC234",
        status,
        10,
        1,
        [new ThemeView(1, 1, "Handhaving bij overtredingen", "De gemeente handhaaft."), new ThemeView(2, 2, "LRK op orde", null)],
        contributions,
        new PresenceView(3, 0, 1, [new OrganisationPresence("Zwolle", 2), new OrganisationPresence("GGD Drenthe", 1)]),
        facilitator ? new ViewerInfo(null, "Anna", null, true) : new ViewerInfo(5, "Piet", "Zwolle", false));

    public static ContributionView Item(int id, string text, ContributionKind kind = ContributionKind.SuccessFactor, int theme = 1) =>
        new(id, theme, kind, text, "Piet", "Zwolle", new DateTimeOffset(2026, 3, 12, 14, 0, 0, TimeSpan.Zero));
}
