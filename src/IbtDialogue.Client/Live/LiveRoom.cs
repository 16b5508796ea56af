using System.Threading.Channels;
using IbtDialogue.Protocol;

namespace IbtDialogue.Client.Live;

/// <summary>
/// The client's copy of one dialogue's live room. It applies the hub's events in version order and loads
/// a fresh snapshot when it sees a gap that stays open (see <see cref="ReorderWindow"/>) or after a reconnect, so
/// what it shows is always a state the server committed. Events are queued and handled one at a time outside the
/// connection's receive loop, so a resync may call the hub without blocking the delivery of its answer.
/// </summary>
public sealed class LiveRoom : IAsyncDisposable
{
    private readonly IDialogueHubClient hub;
    private readonly bool asPresenter;
    private readonly Channel<Func<Task>> work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly TimeProvider clock;

    // Events ahead of the state, by version: before the room is entered every event (it may be newer than the
    // answer to Enter), afterwards those that came after a gap, for the reorder window.
    private readonly ReorderBuffer held = new();

    // The reorder window of the gap that is open now, if one is; only the pump touches it.
    private CancellationTokenSource? window;

    // More events came before the answer to Enter than the buffer holds: load a snapshot once entered.
    private bool resyncOnceEntered;

    // What only this viewer knows about itself: its own contributions and its +1s (events do not say).
    private readonly HashSet<int> mine = [];
    private readonly HashSet<int> reacted = [];
    private readonly Dictionary<int, BallotEntry> ballot = [];
    private Task? pump;
    private RoomSnapshot? state;

    /// <param name="clock">What the room waits with (<see cref="ReorderWindow"/>, <see cref="BehindGrace"/>); the system's by default.</param>
    public LiveRoom(IDialogueHubClient hub, int dialogueId, bool asPresenter = false, TimeProvider? clock = null)
    {
        this.hub = hub;
        this.asPresenter = asPresenter;
        this.clock = clock ?? TimeProvider.System;
        DialogueId = dialogueId;
    }

    /// <summary>
    /// How long the room holds an event that came more than one version ahead, waiting for the ones before it,
    /// before it loads a snapshot. With several server nodes, events sent by two nodes can cross on the way (each
    /// node sends a dialogue's events in order, the backplane does not merge two senders' order): N+2 arrives a
    /// moment before N+1. Long enough for such a crossing, short enough that a real loss still shows quickly.
    /// </summary>
    public static readonly TimeSpan ReorderWindow = TimeSpan.FromMilliseconds(250);

    public int DialogueId { get; }

    /// <summary>The last committed state seen; until entered, null or what the page was rendered with (<see cref="Show"/>).</summary>
    public RoomSnapshot? State { get => state; private set => state = value; }

    /// <summary>
    /// Whether the server let this viewer in (the first answer to Enter). Before that the room can be read, from a
    /// state the page was rendered with, but not acted in.
    /// </summary>
    public bool Entered { get; private set; }

    /// <summary>The error code of the last failed enter or resync, if any.</summary>
    public string? Error { get; private set; }

    public LiveConnectionState Connection => hub.State;

    /// <summary>How much the server's clock is ahead of this device's (for the phase timer).</summary>
    public TimeSpan ServerClockOffset { get; private set; }

    /// <summary>The server's time now, as well as this device can tell.</summary>
    public DateTimeOffset ServerNow => DateTimeOffset.UtcNow + ServerClockOffset;

    /// <summary>Raised after every change of <see cref="State"/>, <see cref="Error"/> or <see cref="Connection"/>.</summary>
    public event Action? Changed;

    /// <summary>Raised for each contribution that newly appeared by an event (not those loaded with a snapshot).</summary>
    public event Action<ContributionView>? ContributionArrived;

    public IDialogueHubClient Hub => hub;

    /// <summary>
    /// What the page already shows of the room (rendered on the server and handed over with the page): the
    /// state until the room is entered. Ignored once anything newer is known; safe while <see cref="StartAsync"/> runs.
    /// </summary>
    public void Show(RoomSnapshot shown) => Interlocked.CompareExchange(ref state, shown, null);

    /// <summary>Connects, enters the room and starts following it.</summary>
    public async Task<SnapshotResult> StartAsync(CancellationToken cancellationToken = default)
    {
        hub.StateChanged += OnStateChanged;
        hub.Reconnected += OnReconnected;
        hub.RoomUpdated += OnRoomUpdated;
        hub.VotingProgress += OnVotingProgress;
        hub.PresenceUpdated += OnPresenceUpdated;
        hub.RoomVersion += OnRoomVersion;
        pump = Task.Run(PumpAsync, CancellationToken.None);

        await hub.StartAsync(cancellationToken);
        var result = await hub.EnterAsync(DialogueId, asPresenter, cancellationToken);
        await Enqueue(() =>
        {
            Accept(result);
            return Task.CompletedTask;
        });
        return result;
    }

    // The commands whose success only this viewer learns of (events do not say whose a post or a +1 is, and a
    // vote is heard by nobody): they go through the room, which remembers them. Every other command goes
    // straight to Hub and reaches this viewer as an event, like everyone else.

    public Task<CommandResult> PostContributionAsync(PostContribution command, CancellationToken cancellationToken = default) =>
        RememberAsync(hub.PostContributionAsync(command, cancellationToken), result =>
        {
            if (result.EntityId is { } id)
            {
                mine.Add(id);
            }
        });

    public Task<CommandResult> SaveGoodPracticeAsync(SaveGoodPractice command, CancellationToken cancellationToken = default) =>
        RememberAsync(hub.SaveGoodPracticeAsync(command, cancellationToken), result =>
        {
            if (result.EntityId is { } id)
            {
                mine.Add(id); // A new practice; an edit answers no id and changes nothing of whose it is.
            }
        });

    public Task<CommandResult> ReactAsync(ContributionCommand command, CancellationToken cancellationToken = default) =>
        RememberAsync(hub.ReactAsync(command, cancellationToken), _ => reacted.Add(command.ContributionId));

    public Task<CommandResult> UnreactAsync(ContributionCommand command, CancellationToken cancellationToken = default) =>
        RememberAsync(hub.UnreactAsync(command, cancellationToken), _ => reacted.Remove(command.ContributionId));

    public Task<CommandResult> CastDotsAsync(CastDots command, CancellationToken cancellationToken = default) =>
        RememberAsync(hub.CastDotsAsync(command, cancellationToken), _ =>
            ballot[command.RiskId] = new BallotEntry(command.RiskId, command.Points == 0 ? null : command.Points, null, null));

    public Task<CommandResult> RateRiskAsync(RateRisk command, CancellationToken cancellationToken = default) =>
        RememberAsync(hub.RateRiskAsync(command, cancellationToken), _ =>
            ballot[command.RiskId] = new BallotEntry(command.RiskId, null, command.Likelihood, command.Impact));

    /// <summary>Sends a command; on success applies what only this viewer needs to know to its state.</summary>
    private async Task<CommandResult> RememberAsync(Task<CommandResult> send, Action<CommandResult> remember)
    {
        var result = await send;
        if (!result.Ok)
        {
            return result;
        }

        await Enqueue(() =>
        {
            remember(result);
            if (State is not null)
            {
                State = State with { Contributions = Personal(State.Contributions), MyBallot = [.. ballot.Values.OrderBy(b => b.RiskId)] };
                Changed?.Invoke();
            }

            return Task.CompletedTask;
        });
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        hub.StateChanged -= OnStateChanged;
        hub.Reconnected -= OnReconnected;
        hub.RoomUpdated -= OnRoomUpdated;
        hub.VotingProgress -= OnVotingProgress;
        hub.PresenceUpdated -= OnPresenceUpdated;
        hub.RoomVersion -= OnRoomVersion;
        work.Writer.TryComplete();
        await stopping.CancelAsync();
        if (pump is not null)
        {
            await pump;
        }

        CloseWindow();
        stopping.Dispose();
    }

    private Task OnRoomUpdated(RoomUpdated e) => Post(() => ApplyAsync(e));

    /// <summary>Presence has its own counter: the highest report wins (reports can cross a snapshot).</summary>
    private Task OnPresenceUpdated(PresenceUpdated e) => Post(() =>
    {
        if (e.DialogueId == DialogueId && State is not null && e.PresenceVersion >= State.PresenceVersion)
        {
            State = State with { Presence = e.Presence, PresenceVersion = e.PresenceVersion };
            Changed?.Invoke();
        }

        return Task.CompletedTask;
    });

    /// <summary>
    /// The server says where the room stands. Behind it, the events may still be on their way (they travel
    /// between nodes; this message does not), so look again after <see cref="BehindGrace"/> and load a
    /// snapshot only if still behind then.
    /// </summary>
    private Task OnRoomVersion(RoomVersion e) => Post(() =>
    {
        if (e.DialogueId == DialogueId && IsBehind(e))
        {
            _ = RecheckLaterAsync(e);
        }

        return Task.CompletedTask;
    });

    /// <summary>How long a client that hears it is behind waits for the events that may still be arriving.</summary>
    public static readonly TimeSpan BehindGrace = TimeSpan.FromSeconds(2);

    private bool IsBehind(RoomVersion e) => Entered && State is { } shown && (shown.Version < e.Version || shown.PresenceVersion < e.PresenceVersion);

    private async Task RecheckLaterAsync(RoomVersion e)
    {
        try
        {
            await Task.Delay(BehindGrace, clock, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return; // Disposed.
        }

        await Post(async () =>
        {
            if (IsBehind(e))
            {
                Accept(await hub.GetSnapshotAsync(DialogueId, stopping.Token));
            }
        });
    }

    private Task OnVotingProgress(VotingProgress e) => Post(() =>
    {
        if (e.DialogueId == DialogueId && State is not null)
        {
            State = State with { Progress = [.. State.Progress.Where(p => p.ThemeId != e.ThemeId), e] };
            Changed?.Invoke();
        }

        return Task.CompletedTask;
    });

    private Task OnReconnected() => Post(async () =>
    {
        // A new connection: the server no longer has us in the room, and we may have missed anything.
        Accept(await hub.EnterAsync(DialogueId, asPresenter, stopping.Token));
    });

    private void OnStateChanged(LiveConnectionState _) => Changed?.Invoke();

    private async Task ApplyAsync(RoomUpdated e)
    {
        if (e.DialogueId != DialogueId)
        {
            return;
        }

        if (!Entered || State is null)
        {
            // Arrived before the answer to Enter: it may be newer than the snapshot.
            resyncOnceEntered |= !held.Hold(e);
            return;
        }

        if (e.Version <= State.Version)
        {
            return; // Already contained in our state.
        }

        if (e.Version == State.Version + 1)
        {
            var wasOpen = State.Stage.Status != DialogueStatus.Closed;
            Apply(e, announce: true);
            ApplyHeld(announce: true); // What waited for this one.
            Changed?.Invoke();
            if (wasOpen && ClosedWithoutResultsPath)
            {
                await ResyncAsync();
            }

            return;
        }

        // A gap: an event we did not hear about yet. It may only be late (two nodes' events crossing): hold this
        // one for the reorder window. Past the buffer's capacity the gap is no crossing: only a snapshot tells.
        if (!held.Hold(e))
        {
            await ResyncAsync();
            return;
        }

        if (window is null)
        {
            OpenWindow();
        }
    }

    /// <summary>Loads a whole snapshot (a gap that stayed open, a closing without the results' address).</summary>
    private async Task ResyncAsync()
    {
        CloseWindow(); // Whatever the answer, this gap's wait is over; Accept opens another if one stays open.
        Accept(await hub.GetSnapshotAsync(DialogueId, stopping.Token));
    }

    /// <summary>
    /// After the state moved on (an event applied, a snapshot accepted): drops the held events it contains, applies
    /// those that now follow it in order, and gives the gap still open before the rest, if any, a window of its own.
    /// </summary>
    private void ApplyHeld(bool announce)
    {
        foreach (var next in held.TakeFollowing(State!.Version))
        {
            Apply(next, announce);
        }

        CloseWindow();
        if (held.Count > 0)
        {
            OpenWindow();
        }
    }

    private void OpenWindow()
    {
        var thisWindow = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        window = thisWindow;
        _ = EndWindowLaterAsync(thisWindow);
    }

    private void CloseWindow()
    {
        if (window is { } open)
        {
            window = null;
            open.Cancel();
            open.Dispose();
        }
    }

    /// <summary>When the window ends with its gap still open, the missing event is lost, not late: load a snapshot.</summary>
    private async Task EndWindowLaterAsync(CancellationTokenSource thisWindow)
    {
        try
        {
            await Task.Delay(ReorderWindow, clock, thisWindow.Token);
        }
        catch (OperationCanceledException)
        {
            return; // The gap closed (or another window replaced this one), or disposed.
        }
        catch (ObjectDisposedException)
        {
            return; // Closed while the delay was being set up.
        }

        await Post(async () =>
        {
            if (window == thisWindow && held.Count > 0)
            {
                await ResyncAsync();
            }
        });
    }

    /// <summary>
    /// Closed by an event: the address of the results page is made when the dialogue closes, and only a
    /// snapshot carries it, so without one a participant who was in the room never gets the link.
    /// </summary>
    private bool ClosedWithoutResultsPath => State is { Stage.Status: DialogueStatus.Closed, ResultsPath: null };

    private void Apply(RoomUpdated e, bool announce)
    {
        var state = State!;
        var delta = e.Delta;
        var known = state.Contributions.Select(c => c.Id).ToHashSet();
        State = state with
        {
            Version = e.Version,
            ServerTime = e.ServerTime,
            Stage = delta.Stage ?? state.Stage,
            Settings = delta.Settings ?? state.Settings,
            Themes = delta.Themes ?? state.Themes,
            Contributions = Personal(Merge(state.Contributions, delta.Contributions, delta.RemovedContributions, c => c.Id)),
            Agreements = Merge(state.Agreements, delta.Agreements, delta.RemovedAgreements, a => a.Id),
            Risks = Merge(state.Risks, delta.Risks, delta.RemovedRisks, r => r.Id, keepOrderBy: r => (r.ThemeId, r.Position)),
            Votings = delta.Votings is { } votings ? [.. state.Votings.Where(v => votings.All(n => n.ThemeId != v.ThemeId)), .. votings] : state.Votings,
        };
        ServerClockOffset = e.ServerTime - DateTimeOffset.UtcNow;
        if (announce && delta.Contributions is { } upserts)
        {
            foreach (var arrived in upserts.Where(c => !known.Contains(c.Id)))
            {
                ContributionArrived?.Invoke(arrived);
            }
        }
    }

    private void Accept(SnapshotResult result)
    {
        if (result is { Ok: true, Snapshot: { } snapshot })
        {
            // The first answer replaces what the page was rendered with, even at the same version: it is this
            // connection's, with what only this viewer knows of itself.
            if (!Entered || State is null || snapshot.Version >= State.Version)
            {
                mine.UnionWith(snapshot.Contributions.Where(c => c.Mine).Select(c => c.Id));
                ballot.Clear();
                foreach (var entry in snapshot.MyBallot)
                {
                    ballot[entry.RiskId] = entry;
                }

                reacted.Clear();
                reacted.UnionWith(snapshot.Contributions.Where(c => c.ReactedByMe).Select(c => c.Id));
                var newerPresence = State is { } shown && shown.PresenceVersion > snapshot.PresenceVersion ? shown : snapshot;
                State = snapshot with
                {
                    Contributions = Personal(snapshot.Contributions),
                    Presence = newerPresence.Presence,
                    PresenceVersion = newerPresence.PresenceVersion,
                };
                ServerClockOffset = snapshot.ServerTime - DateTimeOffset.UtcNow;
            }

            Error = null;
            Entered = true;
            var wasOpen = State.Stage.Status != DialogueStatus.Closed;

            // Held events the snapshot contains are dropped; those that follow it in order are applied; for a gap
            // before the rest the reorder window (re)starts.
            ApplyHeld(announce: false);
            if (resyncOnceEntered || (wasOpen && ClosedWithoutResultsPath))
            {
                resyncOnceEntered = false;
                Post(ResyncAsync);
            }
        }
        else
        {
            Error = result.Error;
        }

        Changed?.Invoke();
    }

    private List<ContributionView> Personal(IEnumerable<ContributionView> items) =>
        [.. items.Select(c => c.Mine == mine.Contains(c.Id) && c.ReactedByMe == reacted.Contains(c.Id)
            ? c
            : c with { Mine = mine.Contains(c.Id), ReactedByMe = reacted.Contains(c.Id) })];

    private static IReadOnlyList<T> Merge<T>(
        IReadOnlyList<T> current, IReadOnlyList<T>? upserts, IReadOnlyList<int>? removed, Func<T, int> id, Func<T, object>? keepOrderBy = null)
    {
        if (upserts is null && removed is null)
        {
            return current;
        }

        var byId = current.ToDictionary(id);
        foreach (var gone in removed ?? [])
        {
            byId.Remove(gone);
        }

        foreach (var item in upserts ?? [])
        {
            byId[id(item)] = item;
        }

        return keepOrderBy is null ? [.. byId.Values.OrderBy(id)] : [.. byId.Values.OrderBy(keepOrderBy).ThenBy(id)];
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
