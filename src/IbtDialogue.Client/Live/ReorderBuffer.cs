using IbtDialogue.Protocol;

namespace IbtDialogue.Client.Live;

/// <summary>
/// Room events that arrived ahead of the version a client shows (a gap before them), kept in version order
/// until the missing events arrive or the client stops waiting and loads a snapshot. With several server nodes,
/// events of two nodes can cross on the way: version N+2, then a moment later N+1. The timing (how long to wait)
/// is the owner's; this is only the bookkeeping, shared by <see cref="LiveRoom"/> and the load benchmark's count of
/// resyncs. Not thread-safe: one owner uses it at a time.
/// </summary>
public sealed class ReorderBuffer
{
    /// <summary>
    /// How many events are held at most. One more ahead of the same gap means the gap is no crossing of two
    /// nodes' events: the client loads a snapshot at once instead of waiting out the window.
    /// </summary>
    public const int Capacity = 64;

    private readonly SortedList<long, RoomUpdated> held = [];

    /// <summary>How many events are held.</summary>
    public int Count => held.Count;

    /// <summary>The highest version held, or null when nothing is.</summary>
    public long? Highest => held.Count == 0 ? null : held.Keys[^1];

    /// <summary>
    /// Holds an event until what comes before it is known. An event of a version already held is a resend and
    /// changes nothing. False when the buffer is full and the event could not be held.
    /// </summary>
    public bool Hold(RoomUpdated e)
    {
        if (held.ContainsKey(e.Version))
        {
            return true;
        }

        if (held.Count >= Capacity)
        {
            return false;
        }

        held.Add(e.Version, e);
        return true;
    }

    /// <summary>
    /// Forgets the held events that <paramref name="shown"/> already contains and takes out, in version order, those
    /// that follow it without a gap (shown + 1, shown + 2, …). What stays held is ahead of a gap that is still open.
    /// </summary>
    public IReadOnlyList<RoomUpdated> TakeFollowing(long shown)
    {
        while (held.Count > 0 && held.Keys[0] <= shown)
        {
            held.RemoveAt(0);
        }

        List<RoomUpdated>? following = null;
        while (held.Count > 0 && held.Keys[0] == shown + 1)
        {
            (following ??= []).Add(held.Values[0]);
            shown++;
            held.RemoveAt(0);
        }

        return following ?? (IReadOnlyList<RoomUpdated>)[];
    }

    /// <summary>Forgets everything held.</summary>
    public void Clear() => held.Clear();
}
