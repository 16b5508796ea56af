using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace IbtDialogue.Tests.Components;

/// <summary>
/// The room's reorder window (docs/protocol.md, rule 3): an event more than one version ahead is held for
/// <see cref="LiveRoom.ReorderWindow"/> before the room loads a snapshot, since with two nodes it is usually only
/// overtaken. The window runs on a fake clock: nothing here waits for wall-clock time or asserts on it.
/// </summary>
public sealed class ReorderWindowTests : IAsyncDisposable
{
    private static readonly TimeSpan Window = LiveRoom.ReorderWindow;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly FakeTimeProvider clock = new();
    private readonly FakeHubClient hub = new(FakeHubClient.Room()); // At version 10.
    private readonly LiveRoom room;
    private readonly List<int> announced = [];

    public ReorderWindowTests()
    {
        room = new LiveRoom(hub, 7, clock: clock);
        room.ContributionArrived += c => announced.Add(c.Id);
    }

    public async ValueTask DisposeAsync() => await room.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RoomSnapshot State => room.State!;

    private int Snapshots => hub.Sent.ToArray().Count(s => s.Method == "snapshot");

    private string[] Texts => [.. State.Contributions.Select(c => c.Text)];

    private Task RaiseAsync(long version, int item, string text) =>
        hub.RaiseAsync(new RoomDelta(Contributions: [FakeHubClient.Item(item, text)]), version);

    /// <summary>
    /// Waits until the room has handled everything raised so far: events are handled one at a time in order, so
    /// once a presence report raised now is shown, every event before it has been applied, held or resynced for
    /// (and a window it opened is on the clock).
    /// </summary>
    private async Task SettledAsync()
    {
        var mark = State.PresenceVersion + 1;
        await hub.RaiseAsync(new PresenceUpdated(7, mark, hub.Snapshot.Presence));
        await Eventually.TrueAsync(() => room.State!.PresenceVersion >= mark, "the room handled what was raised before");
    }

    private void SnapshotAt(long version, params ContributionView[] contributions) =>
        hub.Snapshot = FakeHubClient.Room(contributions: contributions) with { Version = version, PresenceVersion = State.PresenceVersion };

    [Fact]
    public async Task Two_events_that_crossed_within_the_window_are_both_applied_in_order_without_a_snapshot()
    {
        await room.StartAsync(Ct);

        await RaiseAsync(12, 2, "Van de andere node");
        await SettledAsync();
        Assert.Equal(10, State.Version); // Held: 11 is still on its way.
        Assert.Empty(State.Contributions);

        await RaiseAsync(11, 1, "Eerder gepost");
        await SettledAsync();

        Assert.Equal(12, State.Version);
        Assert.Equal(["Eerder gepost", "Van de andere node"], Texts);
        Assert.Equal([1, 2], announced); // Applied as events, in version order.
        clock.Advance(Window * 4);
        await SettledAsync();
        Assert.Equal(0, Snapshots);
    }

    [Fact]
    public async Task A_gap_that_stays_open_loads_exactly_one_snapshot_when_the_window_ends()
    {
        await room.StartAsync(Ct);

        await RaiseAsync(12, 2, "Na een verloren event");
        await SettledAsync();
        clock.Advance(Window - Tick);
        await SettledAsync();
        Assert.Equal(0, Snapshots); // Still waiting for 11.
        Assert.Equal(10, State.Version);

        SnapshotAt(12, FakeHubClient.Item(1, "Verloren"), FakeHubClient.Item(2, "Na een verloren event"));
        clock.Advance(Tick);
        await Eventually.TrueAsync(() => Snapshots == 1, "the window ended with 11 still missing");
        await SettledAsync();
        Assert.Equal(12, State.Version);
        Assert.Equal(["Verloren", "Na een verloren event"], Texts);

        // Following on from the snapshot as usual; nothing loads again.
        await RaiseAsync(13, 3, "Daarna");
        await SettledAsync();
        clock.Advance(Window * 4);
        await SettledAsync();
        Assert.Equal(13, State.Version);
        Assert.Equal(1, Snapshots);
    }

    [Fact]
    public async Task When_the_missing_event_arrives_the_held_ones_that_follow_are_applied_and_the_next_gap_gets_a_window_of_its_own()
    {
        await room.StartAsync(Ct);

        await RaiseAsync(12, 2, "Twaalf");
        await RaiseAsync(14, 4, "Veertien");
        await SettledAsync();
        clock.Advance(Window - (10 * Tick)); // Most of the first window passes.
        await RaiseAsync(11, 1, "Elf");
        await SettledAsync();

        Assert.Equal(12, State.Version); // 11 and 12 applied; 14 still waits for 13.
        Assert.Equal(["Elf", "Twaalf"], Texts);
        Assert.Equal(0, Snapshots);

        // The rule: the window starts again for the gap at 13 when 12 is applied, so it does not end where the
        // first one would have.
        clock.Advance(Window - (10 * Tick));
        await SettledAsync();
        Assert.Equal(0, Snapshots);

        SnapshotAt(14, FakeHubClient.Item(1, "Elf"), FakeHubClient.Item(2, "Twaalf"), FakeHubClient.Item(3, "Dertien"), FakeHubClient.Item(4, "Veertien"));
        clock.Advance(10 * Tick);
        await Eventually.TrueAsync(() => Snapshots == 1, "the second window ended with 13 still missing");
        await SettledAsync();
        Assert.Equal(14, State.Version);
        Assert.Equal(["Elf", "Twaalf", "Dertien", "Veertien"], Texts);
    }

    [Fact]
    public async Task Held_events_that_fill_in_are_applied_together_and_a_resent_or_old_one_is_ignored()
    {
        await room.StartAsync(Ct);

        await RaiseAsync(13, 3, "Dertien");
        await RaiseAsync(12, 2, "Twaalf");
        await RaiseAsync(13, 3, "Dertien, nog eens");
        await RaiseAsync(9, 9, "Oud");
        await RaiseAsync(11, 1, "Elf");
        await SettledAsync();

        Assert.Equal(13, State.Version);
        Assert.Equal(["Elf", "Twaalf", "Dertien"], Texts);
        Assert.Equal([1, 2, 3], announced);
        clock.Advance(Window * 4);
        await SettledAsync();
        Assert.Equal(0, Snapshots);
    }

    [Fact]
    public async Task A_snapshot_that_arrives_while_events_are_held_applies_only_the_newer_ones_that_follow_it()
    {
        await room.StartAsync(Ct);

        await RaiseAsync(12, 2, "Uit het event");
        await RaiseAsync(13, 3, "Dertien");
        await RaiseAsync(15, 5, "Vijftien");
        await SettledAsync();
        Assert.Equal(10, State.Version);

        // A new connection: entering again answers a snapshot at 12, while 12, 13 and 15 are held.
        SnapshotAt(12, FakeHubClient.Item(1, "Elf"), FakeHubClient.Item(2, "Uit de snapshot"));
        await hub.RaiseReconnectedAsync();
        await SettledAsync();

        Assert.Equal(13, State.Version); // 12 is in the snapshot (dropped), 13 follows it, 15 waits for 14.
        Assert.Equal(["Elf", "Uit de snapshot", "Dertien"], Texts);
        Assert.Equal(0, Snapshots);

        await RaiseAsync(14, 4, "Veertien");
        await SettledAsync();
        Assert.Equal(15, State.Version);
        Assert.Equal(["Elf", "Uit de snapshot", "Dertien", "Veertien", "Vijftien"], Texts);
        clock.Advance(Window * 4);
        await SettledAsync();
        Assert.Equal(0, Snapshots);
    }

    [Fact]
    public async Task More_held_events_than_the_buffer_takes_load_a_snapshot_at_once()
    {
        await room.StartAsync(Ct);
        for (var version = 12L; version < 12 + ReorderBuffer.Capacity; version++)
        {
            await RaiseAsync(version, (int)version, $"Event {version}");
        }

        await SettledAsync();
        Assert.Equal(0, Snapshots);

        SnapshotAt(12 + ReorderBuffer.Capacity);
        await RaiseAsync(12 + ReorderBuffer.Capacity, 999, "Eén te veel");
        await SettledAsync();

        Assert.Equal(1, Snapshots); // Without the clock moving: no crossing of two nodes is this long.
        Assert.Equal(12 + ReorderBuffer.Capacity, State.Version);
    }

    [Fact]
    public async Task Events_that_arrive_before_the_answer_to_Enter_and_leave_a_gap_wait_for_the_window_too()
    {
        hub.Connecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starting = room.StartAsync(Ct);
        await RaiseAsync(11, 1, "Elf");
        await RaiseAsync(13, 3, "Dertien");
        hub.Connecting.SetResult();
        await starting;
        await SettledAsync();

        Assert.Equal(11, State.Version); // 11 follows the snapshot at 10; 13 waits for 12.
        Assert.Equal(0, Snapshots);

        SnapshotAt(13, FakeHubClient.Item(1, "Elf"), FakeHubClient.Item(2, "Twaalf"), FakeHubClient.Item(3, "Dertien"));
        clock.Advance(Window);
        await Eventually.TrueAsync(() => Snapshots == 1, "the window ended with 12 still missing");
        await SettledAsync();
        Assert.Equal(13, State.Version);
    }
}
