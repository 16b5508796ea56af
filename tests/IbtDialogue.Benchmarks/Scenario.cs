using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace IbtDialogue.Benchmarks;

public sealed record Measured(
    int Participants,
    TimeSpan JoinTotal,
    LongHistogram Join,
    LongHistogram FanOut,
    long Deliveries,
    long ExpectedDeliveries,
    int Votes,
    TimeSpan VoteTotal,
    double ServerMemoryMiB,
    double ServerPeakMiB,
    long Resyncs,
    long ResyncsWithoutWindow,
    long Held,
    LongHistogram HeldFor);

/// <summary>
/// N participants join one dialogue, one of them posts on a fixed schedule while everyone listens, then
/// everyone votes. All with the typed client the browser uses, timed by one clock.
/// </summary>
public static class Scenario
{
    private sealed class NoRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => null;
    }

    /// <param name="posters">How many participants take turns posting (1: one participant posts everything; more make posts race).</param>
    public static Task<Measured> RunAsync(ServerProcess server, Seeded seed, bool authenticate, int posts, TimeSpan interval, int posters = 1, Func<IReadOnlyList<ServerProcess>, Task>? joined = null) =>
        RunAsync([server], seed, authenticate, posts, interval, posters, joined);

    /// <summary>With several nodes, participant i connects to node i mod n (as a load balancer spreads them); memory is summed.</summary>
    /// <param name="joined">Run once everyone has entered, after the join was timed and before the fan-out (a heap dump).</param>
    public static async Task<Measured> RunAsync(IReadOnlyList<ServerProcess> servers, Seeded seed, bool authenticate, int posts, TimeSpan interval, int posters = 1, Func<IReadOnlyList<ServerProcess>, Task>? joined = null)
    {
        var clients = seed.Tokens.Select((token, i) => (token, server: servers[i % servers.Count])).Select(c => new DialogueHubClient(new Uri(c.server.Address, HubContract.Path), options =>
        {
            if (authenticate)
            {
                // As the browser's room: a short-lived hub token for the participant's token, from the app itself.
                options.AccessTokenProvider = HubTokenSource.ForParticipantToken(c.server.Address, seed.DialogueId, c.token).GetAsync;
            }
        }, new NoRetry())).ToList();

        var clock = Stopwatch.StartNew();
        var join = new LongHistogram(TimeStamp.Minutes(10), 3);

        // The version each client shows, to apply the browser room's rule (the protocol's resync rule with its
        // reorder window) to what arrives.
        var shown = new ShownRoom[clients.Count];
        var heldFor = new LongHistogram(TimeStamp.Minutes(10), 3);
        await Parallel.ForEachAsync(clients.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (entry, ct) =>
        {
            var (client, i) = entry;
            var start = clock.Elapsed;
            await client.StartAsync(ct);
            var entered = await client.EnterAsync(seed.DialogueId, cancellationToken: ct);
            if (!entered.Ok)
            {
                throw new InvalidOperationException($"Enter failed: {entered.Error}");
            }

            shown[i] = new ShownRoom(entered.Snapshot!.Version, () => clock.Elapsed, heldFor);

            lock (join)
            {
                join.RecordValue(Micro(clock.Elapsed - start));
            }
        });
        var joinTotal = clock.Elapsed;
        if (joined is not null)
        {
            await joined(servers);
        }

        // Fan-out: each post is due at a fixed moment; latency counts from that moment, so a slow server
        // cannot hide its delay by holding up the sender (no coordinated omission).
        var due = new ConcurrentDictionary<string, TimeSpan>();
        var fanOut = new LongHistogram(TimeStamp.Minutes(10), 3);
        long deliveries = 0;
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
        {
            client.RoomUpdated += e =>
            {
                var now = clock.Elapsed;

                // The resync rule of docs/protocol.md as the browser's room applies it: an event more than one
                // past the shown version waits for the reorder window; a gap still open after it means a missed
                // event, and a real client would load a whole snapshot. Counted, not done (see ShownRoom).
                shown[i].Arrived(e);

                foreach (var item in e.Delta.Contributions ?? [])
                {
                    if (due.TryGetValue(item.Text, out var sent))
                    {
                        lock (fanOut)
                        {
                            fanOut.RecordValue(Micro(now - sent));
                        }

                        Interlocked.Increment(ref deliveries);
                    }
                }

                return Task.CompletedTask;
            };
        }

        var start = clock.Elapsed + TimeSpan.FromMilliseconds(200);
        var sends = new List<Task<CommandResult>>();
        for (var i = 0; i < posts; i++)
        {
            var at = start + interval * i;
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            var text = $"bench-{i:D5}";
            due[text] = at;
            sends.Add(clients[i % Math.Clamp(posters, 1, clients.Count)].PostContributionAsync(new PostContribution(Guid.NewGuid(), seed.DialogueId, seed.SharingTheme, ContributionKind.SuccessFactor, text)));
        }

        var answers = await Task.WhenAll(sends);
        if (answers.Any(a => !a.Ok))
        {
            throw new InvalidOperationException($"A post failed: {answers.First(a => !a.Ok).Error}");
        }

        var expected = (long)posts * clients.Count;
        var deadline = clock.Elapsed + TimeSpan.FromMinutes(2);
        while (Interlocked.Read(ref deliveries) < expected && clock.Elapsed < deadline)
        {
            await Task.Delay(50);
        }

        // Votes: everyone at once, two risks each.
        var voteStart = clock.Elapsed;
        var votes = 0;
        await Parallel.ForEachAsync(clients.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (entry, ct) =>
        {
            var (client, i) = entry;
            foreach (var (risk, points) in new[] { (seed.Risks[i % 4], 2), (seed.Risks[(i + 1) % 4], 3) })
            {
                var result = await client.CastDotsAsync(new CastDots(Guid.NewGuid(), seed.DialogueId, seed.VotingTheme, risk, points), ct);
                if (!result.Ok)
                {
                    throw new InvalidOperationException($"A vote failed: {result.Error}");
                }

                Interlocked.Increment(ref votes);
            }
        });
        var voteTotal = clock.Elapsed - voteStart;
        var (memory, peak) = servers.Select(s => s.Memory()).Aggregate((a, b) => (a.Now + b.Now, a.Peak + b.Peak));

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        // Let the last windows end before counting.
        await Task.Delay(LiveRoom.ReorderWindow * 2);
        return new Measured(
            clients.Count, joinTotal, join, fanOut, deliveries, expected, votes, voteTotal, memory, peak,
            shown.Sum(s => s.Resyncs), shown.Sum(s => s.WithoutWindow), shown.Sum(s => s.Held), heldFor);
    }

    private static long Micro(TimeSpan span) => (long)(span.TotalMilliseconds * 1000);
}
