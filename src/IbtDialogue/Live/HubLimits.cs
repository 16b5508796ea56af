using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Live;

/// <summary>
/// What keeps one participant from slowing every dialogue, on this node: a cap on the live connections of
/// one participant, and token buckets that every hub call takes a token from — its connection's, and its
/// participant's or facilitator account's (<see cref="HubCallLimits"/>). Kept in memory: a limit is about
/// the load on this node, and with sticky sessions a client's connections are on one node anyway.
/// </summary>
public sealed class HubLimits : IDisposable
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<int, HashSet<string>> connections = [];
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);
    private readonly HubSecurityOptions settings;
    private readonly TimeProvider clock;
    private readonly ITimer sweeper;

    public HubLimits(IOptions<HubSecurityOptions> options, TimeProvider clock)
    {
        settings = options.Value;
        this.clock = clock;
        sweeper = CreateSweeper(clock);
    }

    public int MaxConnectionsPerParticipant => settings.HubConnectionsPerParticipant;

    /// <summary>Counts a new connection of a participant; false (and not counted) when they have as many open as allowed.</summary>
    public bool TryOpen(int participantId, string connectionId)
    {
        lock (connections)
        {
            if (!connections.TryGetValue(participantId, out var open))
            {
                connections[participantId] = open = [];
            }

            if (open.Count >= settings.HubConnectionsPerParticipant && !open.Contains(connectionId))
            {
                return false;
            }

            open.Add(connectionId);
            return true;
        }
    }

    /// <summary>Forgets a connection that closed: it no longer counts, and its bucket goes.</summary>
    public void Closed(string connectionId, int? participantId)
    {
        buckets.TryRemove(ConnectionKey(connectionId), out _);
        if (participantId is not { } participant)
        {
            return;
        }

        lock (connections)
        {
            if (connections.TryGetValue(participant, out var open) && open.Remove(connectionId) && open.Count == 0)
            {
                connections.Remove(participant);
            }
        }
    }

    /// <summary>Takes a token from the connection's bucket and from the actor's; false, taking none, when either is empty.</summary>
    public bool TryCall(string connectionId, Actor actor)
    {
        var limits = settings.HubCallLimits;
        var connection = Take(ConnectionKey(connectionId), limits.Connection);
        if (connection is null)
        {
            return false;
        }

        // A participant (observers too) by their token, an account by its id; "p:…" and "u:…" never meet.
        var (key, bucket) = actor.ParticipantId is not null ? (actor.Key, limits.Participant)
            : actor.UserId is not null ? (actor.Key, limits.Account)
            : (null, null);
        if (key is null || Take(key, bucket!) is not null)
        {
            return true;
        }

        connection.Return();
        return false;
    }

    public void Dispose() => sweeper.Dispose();

    /// <summary>
    /// This singleton is made on the first hub request that needs it, so a timer made plainly would capture that
    /// request's execution context, and with it (through <c>IHttpContextAccessor</c>'s async local) its
    /// <c>HttpContext</c>, request services and Kestrel connection, for the life of the process. The sweep needs
    /// none of them.
    /// </summary>
    private ITimer CreateSweeper(TimeProvider clock)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return clock.CreateTimer(_ => Sweep(), null, SweepEvery, SweepEvery);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return clock.CreateTimer(_ => Sweep(), null, SweepEvery, SweepEvery);
        }
    }

    private static string ConnectionKey(string connectionId) => "c:" + connectionId;

    private Bucket? Take(string key, TokenBucket options)
    {
        while (true)
        {
            var bucket = buckets.GetOrAdd(key, _ => new Bucket(options, clock.GetTimestamp()));
            switch (bucket.TryTake(clock))
            {
                case true:
                    return bucket;
                case false:
                    return null;
                default:
                    continue; // Swept away a moment ago: take from its (full) successor.
            }
        }
    }

    /// <summary>A full bucket is the same as a new one: drop those, so gone connections and people cost nothing.</summary>
    private void Sweep()
    {
        foreach (var (key, bucket) in buckets)
        {
            if (bucket.TryRetire(clock))
            {
                buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
            }
        }
    }

    private sealed class Bucket(TokenBucket options, long created)
    {
        private readonly Lock gate = new();
        private readonly double burst = Math.Max(options.Burst, 1);
        private readonly double perSecond = Math.Max(options.PerMinute, 0) / 60;
        private double tokens = Math.Max(options.Burst, 1);
        private long stamp = created;
        private bool retired;

        /// <summary>True: taken; false: empty; null: this bucket was retired and must not be used.</summary>
        public bool? TryTake(TimeProvider clock)
        {
            lock (gate)
            {
                if (retired)
                {
                    return null;
                }

                Refill(clock);
                if (tokens < 1)
                {
                    return false;
                }

                tokens--;
                return true;
            }
        }

        public void Return()
        {
            lock (gate)
            {
                tokens = Math.Min(burst, tokens + 1);
            }
        }

        public bool TryRetire(TimeProvider clock)
        {
            lock (gate)
            {
                Refill(clock);
                retired = tokens >= burst;
                return retired;
            }
        }

        private void Refill(TimeProvider clock)
        {
            var now = clock.GetTimestamp();
            tokens = Math.Min(burst, tokens + (clock.GetElapsedTime(stamp, now).TotalSeconds * perSecond));
            stamp = now;
        }
    }
}
