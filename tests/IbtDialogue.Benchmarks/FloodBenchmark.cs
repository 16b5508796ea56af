using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace IbtDialogue.Benchmarks;

/// <summary>
/// Issue 10, finding 3, measured: one participant floods the room (100 connections, posting as fast as each
/// connection is answered) while another participant posts on a fixed schedule and N listeners follow. The
/// neighbour's figures (acknowledgement, and arrival at the last listener) are taken without a flood, with
/// the flood against the app's default limits, and with the flood against the app with its limits raised out
/// of reach (what the app did before the limits).
/// </summary>
public static class FloodBenchmark
{
    private const int FloodConnections = 100;

    private sealed class NoRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => null;
    }

    private sealed record Phase(string Name, LongHistogram Ack, LongHistogram LastListener, int Posts, int Failed, FloodCount? Flood);

    private sealed record FloodCount(int Connected, int Refused, long Attempts, long Stored, long RateLimited);

    public static async Task<int> RunAsync(string root, string configuration, int listeners, int posts, TimeSpan interval)
    {
        var app = Path.Combine(root, "src", "IbtDialogue", "bin", configuration, "net10.0", "IbtDialogue.dll");
        Console.WriteLine($"IbtDialogue flood benchmark: {listeners} listeners, a neighbour posting {posts} times every {interval.TotalMilliseconds} ms, a flooder on {FloodConnections} connections; {Environment.ProcessorCount} cores, {configuration} build.");
        var phases = new List<Phase>();
        var unlimited = new Dictionary<string, string>
        {
            ["Security__HubConnectionsPerParticipant"] = "1000",
            ["Security__HubCallLimits__Participant__Burst"] = "1000000",
            ["Security__HubCallLimits__Participant__PerMinute"] = "1000000",
            ["Security__HubCallLimits__Connection__Burst"] = "1000000",
            ["Security__HubCallLimits__Connection__PerMinute"] = "1000000",
        };

        foreach (var (name, flood, extra) in new[]
                 {
                     ("no flood (default limits)", false, new Dictionary<string, string>()),
                     ("flood, default limits", true, new Dictionary<string, string>()),
                     ("flood, limits out of reach (as before)", true, unlimited),
                 })
        {
            var folder = Path.Combine(Path.GetTempPath(), "ibt-bench", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var database = Path.Combine(folder, "flood.db");
            var seeded = await Seeder.SeedAsync(database, listeners + 2);
            var environment = new Dictionary<string, string>(extra)
            {
                ["ConnectionStrings__Dialogue"] = $"Data Source={database}",
                ["Node__Name"] = "bench",
                ["Security__HubNegotiateLimit__Burst"] = "100000", // Everyone is on 127.0.0.1 here.
            };
            await using (var server = await ServerProcess.StartAsync(app, [], environment))
            {
                phases.Add(await RunPhaseAsync(name, server.Address, seeded, flood, posts, interval, database));
            }

            Directory.Delete(folder, recursive: true);
        }

        static string Ms(double micro) => (micro / 1000).ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"| neighbour's post ({listeners} listeners) | " + string.Join(" | ", phases.Select(p => p.Name)) + " |");
        Console.WriteLine("| --- |" + string.Concat(phases.Select(_ => " ---: |")));
        Console.WriteLine("| acknowledged p50 (ms) | " + string.Join(" | ", phases.Select(p => Ms(p.Ack.GetValueAtPercentile(50)))) + " |");
        Console.WriteLine("| acknowledged p99 (ms) | " + string.Join(" | ", phases.Select(p => Ms(p.Ack.GetValueAtPercentile(99)))) + " |");
        Console.WriteLine("| at the last listener p50 (ms) | " + string.Join(" | ", phases.Select(p => Ms(p.LastListener.GetValueAtPercentile(50)))) + " |");
        Console.WriteLine("| at the last listener p99 (ms) | " + string.Join(" | ", phases.Select(p => Ms(p.LastListener.GetValueAtPercentile(99)))) + " |");
        Console.WriteLine("| neighbour's posts refused | " + string.Join(" | ", phases.Select(p => $"{p.Failed} of {p.Posts}")) + " |");
        Console.WriteLine("| flooder: connections in / refused | " + string.Join(" | ", phases.Select(p => p.Flood is { } f ? $"{f.Connected} / {f.Refused}" : "—")) + " |");
        Console.WriteLine("| flooder: posts sent / stored / rate_limited | " + string.Join(" | ", phases.Select(p => p.Flood is { } f ? $"{f.Attempts} / {f.Stored} / {f.RateLimited}" : "—")) + " |");
        return phases.Any(p => p.Failed > 0) ? 1 : 0;
    }

    private static async Task<Phase> RunPhaseAsync(string name, Uri address, Seeded seed, bool flood, int posts, TimeSpan interval, string database)
    {
        var hubUrl = new Uri(address, HubContract.Path);
        DialogueHubClient Client(string token) => new(hubUrl, options =>
            options.AccessTokenProvider = HubTokenSource.ForParticipantToken(address, seed.DialogueId, token).GetAsync, new NoRetry());

        var (flooderToken, neighbourToken) = (seed.Tokens[0], seed.Tokens[1]);
        var neighbour = Client(neighbourToken);
        var listeners = seed.Tokens.Skip(2).Select(Client).ToList();
        foreach (var client in listeners.Append(neighbour))
        {
            await client.StartAsync();
            var entered = await client.EnterAsync(seed.DialogueId);
            if (!entered.Ok)
            {
                throw new InvalidOperationException($"Enter failed: {entered.Error}");
            }
        }

        var clock = Stopwatch.StartNew();
        var due = new ConcurrentDictionary<string, TimeSpan>();
        var arrivals = new ConcurrentDictionary<string, int>();
        var lastListener = new LongHistogram(TimeStamp.Minutes(10), 3);
        foreach (var listener in listeners)
        {
            listener.RoomUpdated += e =>
            {
                var now = clock.Elapsed;
                foreach (var item in e.Delta.Contributions ?? [])
                {
                    if (due.TryGetValue(item.Text, out var sent) && arrivals.AddOrUpdate(item.Text, 1, (_, n) => n + 1) == listeners.Count)
                    {
                        lock (lastListener)
                        {
                            lastListener.RecordValue(Micro(now - sent));
                        }
                    }
                }

                return Task.CompletedTask;
            };
        }

        // The flooder: as many connections as it can get, each posting again as soon as it is answered.
        using var stop = new CancellationTokenSource();
        var flooders = new List<DialogueHubClient>();
        var refusedConnections = 0;
        long attempts = 0, rateLimited = 0;
        var floodTasks = new List<Task>();
        if (flood)
        {
            for (var i = 0; i < FloodConnections; i++)
            {
                var client = Client(flooderToken);
                await client.StartAsync();
                if ((await client.EnterAsync(seed.DialogueId)).Ok)
                {
                    flooders.Add(client);
                }
                else
                {
                    refusedConnections++;
                    await client.DisposeAsync();
                }
            }

            floodTasks.AddRange(flooders.Select(client => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    Interlocked.Increment(ref attempts);
                    var result = await client.PostContributionAsync(new PostContribution(Guid.NewGuid(), seed.DialogueId, seed.SharingTheme, ContributionKind.Bottleneck, $"flood-{Guid.NewGuid():N}"));
                    if (result.Error == ErrorCodes.RateLimited)
                    {
                        Interlocked.Increment(ref rateLimited);
                    }
                }
            })));
            await Task.Delay(500); // The flood is on before the neighbour starts.
        }

        // The neighbour posts on a fixed schedule; latency counts from when a post was due.
        var ack = new LongHistogram(TimeStamp.Minutes(10), 3);
        var sends = new List<Task<CommandResult>>();
        var start = clock.Elapsed + TimeSpan.FromMilliseconds(100);
        for (var i = 0; i < posts; i++)
        {
            var at = start + interval * i;
            if (at - clock.Elapsed is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            var text = $"neighbour-{i:D4}";
            due[text] = at;
            sends.Add(Task.Run(async () =>
            {
                var result = await neighbour.PostContributionAsync(new PostContribution(Guid.NewGuid(), seed.DialogueId, seed.SharingTheme, ContributionKind.SuccessFactor, text));
                lock (ack)
                {
                    ack.RecordValue(Micro(clock.Elapsed - at));
                }

                return result;
            }));
        }

        var answers = await Task.WhenAll(sends);
        var deadline = clock.Elapsed + TimeSpan.FromMinutes(2);
        while (arrivals.Count(a => a.Key.StartsWith("neighbour-", StringComparison.Ordinal) && a.Value == listeners.Count) < answers.Count(a => a.Ok) && clock.Elapsed < deadline)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        await Task.WhenAll(floodTasks);
        long stored;
        await using (var db = Seeder.Open(database))
        {
            stored = db.Contributions.LongCount(c => c.Text.StartsWith("flood-"));
        }

        foreach (var client in flooders.Concat(listeners).Append(neighbour))
        {
            await client.DisposeAsync();
        }

        Console.WriteLine($"  {name}: neighbour {answers.Count(a => a.Ok)}/{posts} acknowledged" + (flood ? $", flooder {flooders.Count} connections, {attempts} posts sent, {rateLimited} rate_limited" : ""));
        return new Phase(name, ack, lastListener, posts, answers.Count(a => !a.Ok), flood ? new FloodCount(flooders.Count, refusedConnections, attempts, stored, rateLimited) : null);
    }

    private static long Micro(TimeSpan span) => (long)(span.TotalMilliseconds * 1000);
}
