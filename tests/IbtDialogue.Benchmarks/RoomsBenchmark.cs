using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace IbtDialogue.Benchmarks;

/// <summary>What one run of the many-rooms scenario gave.</summary>
public sealed record RoomsMeasured(
    TimeSpan JoinTotal,
    LongHistogram Join,
    LongHistogram FanOut,
    long Deliveries,
    long ExpectedDeliveries,
    int Votes,
    TimeSpan VoteTotal,
    LongHistogram QuietAlone,
    LongHistogram QuietInStorm,
    long QuietDeliveries,
    long QuietExpected,
    int StormVotes,
    TimeSpan StormTotal,
    double ServerMemoryMiB,
    double ServerPeakMiB,
    long Resyncs);

/// <summary>
/// Many dialogues at once (issue 16): R rooms of P participants on one server, with the typed client the
/// browser uses. Phases, each timed from when a post was due (no coordinated omission):
/// <list type="number">
/// <item>everyone in every room joins (32 at a time);</item>
/// <item>every room's first participant posts on a fixed schedule, the rooms' schedules interleaved: fan-out to the last recipient of its room;</item>
/// <item>the quiet room (room 1) alone posts on the same schedule: its fan-out with nothing else going on;</item>
/// <item>the same again while the participants of every other room vote without pause (a vote storm): its fan-out under that load, and the storm's votes per second;</item>
/// <item>everyone in every room casts two dot votes (64 at a time): votes per second, each acknowledged after it is committed.</item>
/// </list>
/// </summary>
public static class RoomsBenchmark
{
    private sealed class NoRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => null;
    }

    public static async Task<int> RunAsync(string root, string configuration, int rooms, int perRoom, int posts, TimeSpan interval)
    {
        if (rooms < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(rooms), "The scenario needs a quiet room and at least one other.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "ibt-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "bench.db");
        Console.WriteLine($"IbtDialogue many-rooms benchmark: {rooms} rooms × {perRoom} participants, {posts} posts per room every {interval.TotalMilliseconds} ms, {Environment.ProcessorCount} cores, {configuration} build.");

        var seeds = new List<Seeded>();
        for (var i = 0; i < rooms; i++)
        {
            seeds.Add(await Seeder.SeedAsync(database, perRoom));
        }

        var everyone = rooms * perRoom;
        RoomsMeasured app;
        await using (var server = await ServerProcess.StartAsync(
            Path.Combine(root, "src", "IbtDialogue", "bin", configuration, "net10.0", "IbtDialogue.dll"),
            [],
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Dialogue"] = $"Data Source={database}",
                ["Node__Name"] = "bench",

                // Every client is on 127.0.0.1 and the storm votes without pause: limits out of the way, so the
                // figures are the app's and not the limiter's (the limiter still runs on every call).
                ["Security__HubNegotiateLimit__Burst"] = (2 * everyone + 100).ToString(CultureInfo.InvariantCulture),
                ["Security__HubCallLimits__Participant__Burst"] = "1000000",
                ["Security__HubCallLimits__Participant__PerMinute"] = "60000000",
                ["Security__HubCallLimits__Connection__Burst"] = "1000000",
                ["Security__HubCallLimits__Connection__PerMinute"] = "60000000",
            }))
        {
            app = await RunAsync(server, seeds, authenticate: true, posts, interval);
        }

        var stored = 0;
        foreach (var seed in seeds)
        {
            stored += await Seeder.VotesAsync(database, seed.VotingTheme);
        }

        RoomsMeasured floor;
        await using (var server = await ServerProcess.StartAsync(typeof(BareHub).Assembly.Location, ["bare-hub"], new Dictionary<string, string>()))
        {
            floor = await RunAsync(server, seeds, authenticate: false, posts, interval);
        }

        static string Ms(double micro) => (micro / 1000).ToString("0.0", CultureInfo.InvariantCulture);
        static string Whole(double v) => v.ToString("0", CultureInfo.InvariantCulture);
        static string Ratio(double worse, double better) => better <= 0 ? "—" : (worse / better).ToString("0.0", CultureInfo.InvariantCulture) + "×";
        string Row(string what, double a, double f, Func<double, string> show) => $"| {what} | {show(a)} | {show(f)} | {Ratio(a, f)} |";
        string RateRow(string what, double a, double f) => $"| {what} | {Whole(a)} | {Whole(f)} | {Ratio(f, a)} |";

        Console.WriteLine();
        foreach (var line in new[]
        {
            $"| measure ({rooms} rooms × {perRoom} participants, {posts} posts per room) | IbtDialogue | bare SignalR hub | app costs |",
            "| --- | ---: | ---: | ---: |",
            Row("join, all participants (s)", app.JoinTotal.TotalSeconds, floor.JoinTotal.TotalSeconds, v => v.ToString("0.00", CultureInfo.InvariantCulture)),
            Row("join, one participant p50 (ms)", app.Join.GetValueAtPercentile(50), floor.Join.GetValueAtPercentile(50), Ms),
            Row("join, one participant p99 (ms)", app.Join.GetValueAtPercentile(99), floor.Join.GetValueAtPercentile(99), Ms),
            Row("fan-out, every room posting, p50 (ms)", app.FanOut.GetValueAtPercentile(50), floor.FanOut.GetValueAtPercentile(50), Ms),
            Row("fan-out, every room posting, p99 (ms)", app.FanOut.GetValueAtPercentile(99), floor.FanOut.GetValueAtPercentile(99), Ms),
            Row("quiet room alone: fan-out p50 (ms)", app.QuietAlone.GetValueAtPercentile(50), floor.QuietAlone.GetValueAtPercentile(50), Ms),
            Row("quiet room alone: fan-out p99 (ms)", app.QuietAlone.GetValueAtPercentile(99), floor.QuietAlone.GetValueAtPercentile(99), Ms),
            Row("quiet room during a vote storm elsewhere: fan-out p50 (ms)", app.QuietInStorm.GetValueAtPercentile(50), floor.QuietInStorm.GetValueAtPercentile(50), Ms),
            Row("quiet room during a vote storm elsewhere: fan-out p99 (ms)", app.QuietInStorm.GetValueAtPercentile(99), floor.QuietInStorm.GetValueAtPercentile(99), Ms),
            Row("quiet room during a vote storm elsewhere: fan-out max (ms)", app.QuietInStorm.GetValueAtPercentile(100), floor.QuietInStorm.GetValueAtPercentile(100), Ms),
            RateRow("vote storm: votes per second (the other rooms, durably committed for the app)", app.StormVotes / app.StormTotal.TotalSeconds, floor.StormVotes / floor.StormTotal.TotalSeconds),
            RateRow("everyone votes: votes per second (durably committed for the app)", app.Votes / app.VoteTotal.TotalSeconds, floor.Votes / floor.VoteTotal.TotalSeconds),
            Row("server memory after the run (MiB)", app.ServerMemoryMiB, floor.ServerMemoryMiB, Whole),
            Row("server peak memory (MiB)", app.ServerPeakMiB, floor.ServerPeakMiB, Whole),
        })
        {
            Console.WriteLine(line);
        }

        Console.WriteLine();
        Console.WriteLine($"Deliveries: app {app.Deliveries}/{app.ExpectedDeliveries} (quiet room {app.QuietDeliveries}/{app.QuietExpected}), floor {floor.Deliveries}/{floor.ExpectedDeliveries} (quiet room {floor.QuietDeliveries}/{floor.QuietExpected}).");
        Console.WriteLine($"Votes acknowledged {app.Votes}, stored {stored}; storm votes acknowledged: app {app.StormVotes}, floor {floor.StormVotes}.");
        Console.WriteLine($"Resyncs (an event out of order or after a gap, summed over clients): app {app.Resyncs}, floor {floor.Resyncs}.");
        Directory.Delete(folder, recursive: true);
        if (app.Deliveries != app.ExpectedDeliveries || app.QuietDeliveries != app.QuietExpected || stored != app.Votes)
        {
            Console.WriteLine("INCOMPLETE: not every post reached every participant of its room, or not every acknowledged vote is stored.");
            return 1;
        }

        return 0;
    }

    private sealed record Participant(DialogueHubClient Client, int Room, int Index, Seeded Seed);

    private static async Task<RoomsMeasured> RunAsync(ServerProcess server, IReadOnlyList<Seeded> seeds, bool authenticate, int posts, TimeSpan interval)
    {
        var hubUrl = new Uri(server.Address, HubContract.Path);
        var people = seeds.SelectMany((seed, room) => seed.Tokens.Select((token, i) => new Participant(new DialogueHubClient(hubUrl, options =>
        {
            if (authenticate)
            {
                options.AccessTokenProvider = HubTokenSource.ForParticipantToken(server.Address, seed.DialogueId, token).GetAsync;
            }
        }, new NoRetry()), room, i, seed))).ToList();
        var perRoom = seeds[0].Tokens.Count;

        var clock = Stopwatch.StartNew();
        var join = new LongHistogram(TimeStamp.Minutes(10), 3);
        var shown = new long[people.Count];
        await Parallel.ForEachAsync(people.Select((p, i) => (p, i)), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (entry, ct) =>
        {
            var (person, i) = entry;
            var start = clock.Elapsed;
            await person.Client.StartAsync(ct);
            var entered = await person.Client.EnterAsync(person.Seed.DialogueId, cancellationToken: ct);
            shown[i] = entered.Ok ? entered.Snapshot!.Version : throw new InvalidOperationException($"Enter failed: {entered.Error}");
            lock (join)
            {
                join.RecordValue(Micro(clock.Elapsed - start));
            }
        });
        var joinTotal = clock.Elapsed;

        // Every post's text says when it was due and which histogram it counts in.
        var due = new ConcurrentDictionary<string, (TimeSpan At, LongHistogram Into)>();
        var fanOut = new LongHistogram(TimeStamp.Minutes(10), 3);
        var quietAlone = new LongHistogram(TimeStamp.Minutes(10), 3);
        var quietInStorm = new LongHistogram(TimeStamp.Minutes(10), 3);
        long deliveries = 0, quietDeliveries = 0, resyncs = 0;
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            person.Client.RoomUpdated += e =>
            {
                var now = clock.Elapsed;
                lock (shown)
                {
                    resyncs += e.Version > shown[i] + 1 ? 1 : 0; // The resync rule of docs/protocol.md, counted (see Scenario).
                    shown[i] = Math.Max(shown[i], e.Version);
                }

                foreach (var item in e.Delta.Contributions ?? [])
                {
                    if (due.TryGetValue(item.Text, out var post))
                    {
                        lock (post.Into)
                        {
                            post.Into.RecordValue(Micro(now - post.At));
                        }

                        if (post.Into == fanOut)
                        {
                            Interlocked.Increment(ref deliveries);
                        }
                        else
                        {
                            Interlocked.Increment(ref quietDeliveries);
                        }
                    }
                }

                return Task.CompletedTask;
            };
        }

        var posters = people.Where(p => p.Index == 0).ToList();

        // Sends the posts on a fixed schedule; answers when all were acknowledged and have arrived (or two minutes passed).
        async Task PostAsync(IReadOnlyList<Participant> from, string phase, LongHistogram into, Func<long> arrived, long expected)
        {
            var start = clock.Elapsed + TimeSpan.FromMilliseconds(200);
            var sends = new List<Task<CommandResult>>();
            for (var i = 0; i < posts; i++)
            {
                for (var r = 0; r < from.Count; r++)
                {
                    var at = start + interval * i + interval * r / from.Count; // The rooms' schedules interleaved.
                    var wait = at - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    var text = $"{phase}-{r:D3}-{i:D5}";
                    due[text] = (at, into);
                    var poster = from[r];
                    sends.Add(poster.Client.PostContributionAsync(new PostContribution(Guid.NewGuid(), poster.Seed.DialogueId, poster.Seed.SharingTheme, ContributionKind.SuccessFactor, text)));
                }
            }

            var answers = await Task.WhenAll(sends);
            if (answers.FirstOrDefault(a => !a.Ok) is { } failed)
            {
                throw new InvalidOperationException($"A post failed: {failed.Error}");
            }

            var deadline = clock.Elapsed + TimeSpan.FromMinutes(2);
            while (arrived() < expected && clock.Elapsed < deadline)
            {
                await Task.Delay(50);
            }
        }

        var expected = (long)posts * posters.Count * perRoom;
        await PostAsync(posters, "all", fanOut, () => Interlocked.Read(ref deliveries), expected);

        var quiet = posters.Take(1).ToList();
        var quietExpected = (long)posts * perRoom;
        await PostAsync(quiet, "quiet", quietAlone, () => Interlocked.Read(ref quietDeliveries), quietExpected);

        // The storm: every participant of the other rooms changes their vote on one risk (1, 2, 3 points in turn)
        // without pause, 64 at a time, until the quiet room's posts have arrived.
        using var calm = new CancellationTokenSource();
        var stormVotes = 0;
        var stormStart = clock.Elapsed;
        var storm = Parallel.ForEachAsync(people.Where(p => p.Room != 0), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (person, _) =>
        {
            for (var round = 0; !calm.IsCancellationRequested; round++)
            {
                var result = await person.Client.CastDotsAsync(new CastDots(Guid.NewGuid(), person.Seed.DialogueId, person.Seed.VotingTheme, person.Seed.Risks[person.Index % 4], 1 + (round % 3)));
                if (!result.Ok)
                {
                    throw new InvalidOperationException($"A vote in the storm failed: {result.Error}");
                }

                Interlocked.Increment(ref stormVotes);
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(1)); // The storm is up before the quiet room posts.
        await PostAsync(quiet, "storm", quietInStorm, () => Interlocked.Read(ref quietDeliveries), 2 * quietExpected);
        await calm.CancelAsync();
        await storm;
        var stormTotal = clock.Elapsed - stormStart;

        // Everyone votes at once: two risks each, within the budget whatever the storm left.
        var voteStart = clock.Elapsed;
        var votes = 0;
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (person, ct) =>
        {
            foreach (var (risk, points) in new[] { (person.Seed.Risks[person.Index % 4], 2), (person.Seed.Risks[(person.Index + 1) % 4], 3) })
            {
                var result = await person.Client.CastDotsAsync(new CastDots(Guid.NewGuid(), person.Seed.DialogueId, person.Seed.VotingTheme, risk, points), ct);
                if (!result.Ok)
                {
                    throw new InvalidOperationException($"A vote failed: {result.Error}");
                }

                Interlocked.Increment(ref votes);
            }
        });
        var voteTotal = clock.Elapsed - voteStart;
        var (memory, peak) = server.Memory();

        foreach (var person in people)
        {
            await person.Client.DisposeAsync();
        }

        return new RoomsMeasured(
            joinTotal, join, fanOut, Interlocked.Read(ref deliveries), expected, votes, voteTotal,
            quietAlone, quietInStorm, Interlocked.Read(ref quietDeliveries), 2 * quietExpected, stormVotes, stormTotal,
            memory, peak, Interlocked.Read(ref resyncs));
    }

    private static long Micro(TimeSpan span) => (long)(span.TotalMilliseconds * 1000);
}
