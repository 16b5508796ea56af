using System.Threading.Channels;
using IbtDialogue.Client.Protocol;

namespace IbtDialogue.Client.Live;

/// <summary>
/// The client's copy of one dialogue's live room. It applies the hub's events in version order and loads
/// a fresh snapshot when it sees a gap or after a reconnect, so what it shows is always a state the server
/// committed. Events are queued and handled one at a time outside the connection's receive loop, so a
/// resync may call the hub without blocking the delivery of its answer.
/// </summary>
public sealed class LiveRoom : IAsyncDisposable
{
    private readonly IDialogueHubClient hub;
    private readonly Channel<Func<Task>> work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly List<(long Version, Func<RoomSnapshot, RoomSnapshot> Change)> early = [];
    private Task? pump;

    public LiveRoom(IDialogueHubClient hub, int dialogueId)
    {
        this.hub = hub;
        DialogueId = dialogueId;
    }

    public int DialogueId { get; }

    /// <summary>The last committed state seen; null until entered.</summary>
    public RoomSnapshot? State { get; private set; }

    /// <summary>The error code of the last failed enter or resync, if any.</summary>
    public string? Error { get; private set; }

    public LiveConnectionState Connection => hub.State;

    /// <summary>How many times the room replaced its state by a snapshot after entering (gaps and reconnects).</summary>
    public int Resyncs { get; private set; }

    /// <summary>Raised after every change of <see cref="State"/>, <see cref="Error"/> or <see cref="Connection"/>.</summary>
    public event Action? Changed;

    /// <summary>Raised for each new contribution that arrived live (not for those loaded with a snapshot).</summary>
    public event Action<ContributionView>? ContributionArrived;

    public IDialogueHubClient Hub => hub;

    /// <summary>Connects, enters the room and starts following it.</summary>
    public async Task<SnapshotResult> StartAsync(CancellationToken cancellationToken = default)
    {
        hub.StateChanged += OnStateChanged;
        hub.Reconnected += OnReconnected;
        hub.ContributionPosted += OnContributionPosted;
        hub.PresenceChanged += OnPresenceChanged;
        hub.DialogueChanged += OnDialogueChanged;
        pump = Task.Run(PumpAsync, CancellationToken.None);

        await hub.StartAsync(cancellationToken);
        var result = await hub.EnterAsync(DialogueId, cancellationToken);
        await Enqueue(() =>
        {
            Accept(result, countAsResync: false);
            return Task.CompletedTask;
        });
        return result;
    }

    /// <summary>Waits until every event received so far has been applied.</summary>
    public Task SettleAsync() => Enqueue(() => Task.CompletedTask);

    public async ValueTask DisposeAsync()
    {
        hub.StateChanged -= OnStateChanged;
        hub.Reconnected -= OnReconnected;
        hub.ContributionPosted -= OnContributionPosted;
        hub.PresenceChanged -= OnPresenceChanged;
        hub.DialogueChanged -= OnDialogueChanged;
        work.Writer.TryComplete();
        await stopping.CancelAsync();
        if (pump is not null)
        {
            await pump;
        }

        stopping.Dispose();
    }

    private Task OnContributionPosted(ContributionPosted e) => Post(() => ApplyAsync(e.DialogueId, e.Version, state =>
    {
        ContributionArrived?.Invoke(e.Contribution);
        return state with { Contributions = [.. state.Contributions, e.Contribution] };
    }));

    private Task OnPresenceChanged(PresenceChanged e) =>
        Post(() => ApplyAsync(e.DialogueId, e.Version, state => state with { Presence = e.Presence }));

    private Task OnDialogueChanged(DialogueChanged e) =>
        Post(() => ApplyAsync(e.DialogueId, e.Version, state => state with { Status = e.Status, CurrentThemeId = e.CurrentThemeId }));

    private Task OnReconnected() => Post(async () =>
    {
        // A new connection: the server no longer has us in the room, and we may have missed anything.
        Accept(await hub.EnterAsync(DialogueId, stopping.Token), countAsResync: true);
    });

    private void OnStateChanged(LiveConnectionState _) => Changed?.Invoke();

    private async Task ApplyAsync(int dialogueId, long version, Func<RoomSnapshot, RoomSnapshot> change)
    {
        if (dialogueId != DialogueId)
        {
            return;
        }

        if (State is null)
        {
            // Arrived before the answer to Enter: keep it, it may be newer than the snapshot.
            early.Add((version, change));
            return;
        }

        if (version <= State.Version)
        {
            return; // Already contained in our state.
        }

        if (version == State.Version + 1)
        {
            State = change(State) with { Version = version };
            Changed?.Invoke();
            return;
        }

        // A gap: something happened that we did not hear about. Only a snapshot tells us what.
        Accept(await hub.GetSnapshotAsync(DialogueId, stopping.Token), countAsResync: true);
    }

    private void Accept(SnapshotResult result, bool countAsResync)
    {
        if (result is { Ok: true, Snapshot: { } snapshot })
        {
            if (State is null || snapshot.Version >= State.Version)
            {
                State = snapshot;
            }

            Error = null;
            Resyncs += countAsResync ? 1 : 0;
            foreach (var (version, change) in early.OrderBy(e => e.Version))
            {
                if (version == State.Version + 1)
                {
                    State = change(State) with { Version = version };
                }
            }

            if (early.Any(e => e.Version > State.Version))
            {
                Post(async () => Accept(await hub.GetSnapshotAsync(DialogueId, stopping.Token), countAsResync: true));
            }

            early.Clear();
        }
        else
        {
            Error = result.Error;
        }

        Changed?.Invoke();
    }

    /// <summary>Queues a step and waits for it (for callers outside the hub's receive loop).</summary>
    private Task Enqueue(Func<Task> step)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!work.Writer.TryWrite(async () =>
        {
            try
            {
                await step();
            }
            finally
            {
                done.TrySetResult();
            }
        }))
        {
            done.TrySetResult(); // Disposed: nothing to apply any more.
        }

        return done.Task;
    }

    /// <summary>
    /// Queues a step without waiting: the hub's event handlers run in its receive loop, and a resync inside
    /// the step needs that loop to deliver the snapshot.
    /// </summary>
    private Task Post(Func<Task> step)
    {
        work.Writer.TryWrite(step);
        return Task.CompletedTask;
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var step in work.Reader.ReadAllAsync(stopping.Token))
            {
                try
                {
                    await step();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Keep following the room; show the user that this state may be stale.
                    Error = ErrorCodes.Unavailable;
                    Changed?.Invoke();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }
}
