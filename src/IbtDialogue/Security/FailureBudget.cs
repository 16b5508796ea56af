using System.Collections.Concurrent;

namespace IbtDialogue.Security;

/// <summary>
/// Counts failures per key (an address, an account) and lets them leak away, one every
/// <see cref="AddressLimit.FailureRefill"/>. Once <see cref="AddressLimit.FailureBurst"/> failures are counted,
/// attempts for that key wait until one has leaked away. Attempts in flight count too, so a burst of parallel guesses cannot slip past.
/// </summary>
public sealed class FailureBudget(AddressLimit limit, TimeProvider clock)
{
    private const int SweepAbove = 10_000;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long lastSweep;

    /// <summary>Starts an attempt; false (and how long to wait) when the key has used its failures.</summary>
    public bool TryBegin(string key, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limit.FailureBurst <= 0)
        {
            return true;
        }

        Sweep();
        var entry = entries.GetOrAdd(key, _ => new Entry(clock.GetUtcNow()));
        lock (entry)
        {
            Leak(entry);
            // Blocked while less than one whole failure is left of the burst (failures leak continuously).
            var excess = entry.Failures + entry.Pending - (limit.FailureBurst - 1);
            if (excess > 0)
            {
                retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(limit.FailureRefill.TotalSeconds * excess)));
                return false;
            }

            entry.Pending++;
            return true;
        }
    }

    /// <summary>Ends an attempt begun with <see cref="TryBegin"/>; a failure stays counted.</summary>
    public void End(string key, bool failed)
    {
        if (limit.FailureBurst <= 0 || !entries.TryGetValue(key, out var entry))
        {
            return;
        }

        lock (entry)
        {
            Leak(entry);
            entry.Pending = Math.Max(0, entry.Pending - 1);
            if (failed)
            {
                entry.Failures++;
            }
        }
    }

    private void Leak(Entry entry)
    {
        var now = clock.GetUtcNow();
        if (limit.FailureRefill > TimeSpan.Zero)
        {
            entry.Failures = Math.Max(0, entry.Failures - ((now - entry.Since) / limit.FailureRefill));
        }
        else
        {
            entry.Failures = 0;
        }

        entry.Since = now;
    }

    /// <summary>Forgets keys with nothing counted, so a stream of new addresses does not fill the memory.</summary>
    private void Sweep()
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref lastSweep);
        if (entries.Count <= SweepAbove || now - last < SweepEvery.Ticks || Interlocked.CompareExchange(ref lastSweep, now, last) != last)
        {
            return; // Small enough, swept a moment ago, or another request is sweeping.
        }

        foreach (var (key, entry) in entries)
        {
            lock (entry)
            {
                Leak(entry);
                if (entry.Failures <= 0 && entry.Pending == 0)
                {
                    entries.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Entry(DateTimeOffset since)
    {
        public double Failures { get; set; }

        public int Pending { get; set; }

        public DateTimeOffset Since { get; set; } = since;
    }
}
