using HdrHistogram;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;

namespace IbtDialogue.Benchmarks;

/// <summary>
/// The version one benchmark client shows, following the events it receives as the browser's room
/// (<see cref="LiveRoom"/>) does, counted rather than done: an event one past the shown version is applied; one
/// further ahead is held (<see cref="ReorderBuffer"/>) for <see cref="LiveRoom.ReorderWindow"/>, and the events that
/// then follow in order are applied when the missing one arrives. A gap still open when the window ends, or a full
/// buffer, would make the browser load a whole snapshot: that is a <see cref="Resyncs">resync</see>. The client then
/// shows the highest version it held (a snapshot shows at least that; events before it that arrive later are
/// ignored, as in the browser). Beside it, what the rule without a window would have cost: every event that arrives
/// more than one version past the highest seen (<see cref="WithoutWindow"/>), which is what this benchmark counted
/// before the window.
/// </summary>
public sealed class ShownRoom
{
    private readonly object gate = new();
    private readonly ReorderBuffer held = new();
    private readonly Dictionary<long, TimeSpan> heldSince = [];
    private readonly Func<TimeSpan> now;
    private readonly LongHistogram heldFor;
    private long shown;
    private long highestSeen;
    private int window; // The current window's number; 0 while none is open.
    private int windows;

    /// <param name="heldFor">Where to record how long each held event waited (microseconds); shared, locked on.</param>
    public ShownRoom(long entered, Func<TimeSpan> now, LongHistogram heldFor)
    {
        shown = highestSeen = entered;
        this.now = now;
        this.heldFor = heldFor;
    }

    /// <summary>Snapshots the client would have loaded with the reorder window.</summary>
    public long Resyncs { get; private set; }

    /// <summary>Snapshots it would have loaded without a window: each event more than one past the highest seen.</summary>
    public long WithoutWindow { get; private set; }

    /// <summary>Events it held because they came ahead of a gap.</summary>
    public long Held { get; private set; }

    public void Arrived(RoomUpdated e)
    {
        lock (gate)
        {
            if (e.Version > highestSeen + 1)
            {
                WithoutWindow++;
            }

            highestSeen = Math.Max(highestSeen, e.Version);
            if (e.Version <= shown)
            {
                return;
            }

            if (e.Version == shown + 1)
            {
                shown = e.Version;
                var at = now();
                foreach (var next in held.TakeFollowing(shown))
                {
                    shown = next.Version;
                    Record(at - heldSince[next.Version]);
                    heldSince.Remove(next.Version);
                }

                foreach (var covered in heldSince.Keys.Where(v => v <= shown).ToList())
                {
                    heldSince.Remove(covered);
                }

                // As the room: the gap before what is still held gets a window of its own.
                window = 0;
                if (held.Count > 0)
                {
                    OpenWindow();
                }

                return;
            }

            if (!held.Hold(e))
            {
                Resync(e.Version);
                return;
            }

            if (heldSince.TryAdd(e.Version, now()))
            {
                Held++;
            }

            if (window == 0)
            {
                OpenWindow();
            }
        }
    }

    private void OpenWindow()
    {
        var mine = window = ++windows;
        _ = Task.Delay(LiveRoom.ReorderWindow).ContinueWith(_ =>
        {
            lock (gate)
            {
                if (window == mine && held.Count > 0)
                {
                    Resync(shown);
                }
            }
        }, TaskScheduler.Default);
    }

    private void Resync(long atLeast)
    {
        Resyncs++;
        shown = Math.Max(Math.Max(shown, atLeast), held.Highest ?? shown);
        var at = now();
        foreach (var since in heldSince.Values)
        {
            Record(at - since);
        }

        held.Clear();
        heldSince.Clear();
        window = 0;
    }

    private void Record(TimeSpan waited)
    {
        lock (heldFor)
        {
            heldFor.RecordValue((long)(waited.TotalMilliseconds * 1000));
        }
    }
}
