using System.Collections.Concurrent;
using System.Text.Json;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Hub;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Providers;

/// <summary>
/// Two app nodes on one PostgreSQL database and one Redis server (the SignalR backplane), as operations run
/// them behind a load balancer: clients on either node, commands on both at once, a node killed, Redis
/// restarted. Each test has its own database and its own throwaway redis-server.
/// </summary>
public sealed class ScaleOutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Two nodes, A and B, started one after the other on one database and one Redis.</summary>
    private sealed class Deployment : IAsyncDisposable
    {
        private Deployment(TestPostgresDatabase database, TestRedis redis, string prefix)
        {
            Database = database;
            Redis = redis;
            Prefix = prefix;
        }

        public TestPostgresDatabase Database { get; }

        public TestRedis Redis { get; }

        public string Prefix { get; }

        public AppHost A { get; private set; } = default!;

        public AppHost? B { get; private set; }

        public static async Task<Deployment> StartAsync(IReadOnlyDictionary<string, string>? settings = null, bool withB = true)
        {
            var deployment = new Deployment(await TestPostgres.CreateDatabaseAsync(), await TestRedis.StartAsync(), $"ibt-test-{Guid.NewGuid():N}");
            deployment.A = await deployment.StartNodeAsync("node-a", settings);
            if (withB)
            {
                deployment.B = await deployment.StartNodeAsync("node-b", settings);
            }

            return deployment;
        }

        private async Task<AppHost> StartNodeAsync(string name, IReadOnlyDictionary<string, string>? settings)
        {
            var node = AppHost.ScaleOutNode(name, Database.ConnectionString, Redis.Connection, Prefix, settings);
            await node.InitializeAsync();
            return node;
        }

        /// <summary>The settings that make a node of this deployment in a process of its own.</summary>
        public Dictionary<string, string> ProcessSettings(string name) => new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Dialogue"] = Database.ConnectionString,
            ["Redis:Connection"] = Redis.Connection,
            ["Redis:ChannelPrefix"] = Prefix,
            ["Node:Name"] = name,
            ["Node:HeartbeatSeconds"] = "1",
        };

        public async ValueTask DisposeAsync()
        {
            if (B is not null)
            {
                await B.DisposeAsync();
            }

            await A.DisposeAsync();
            await Redis.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    /// <summary>A facilitator signs in on node A; the console connects to <paramref name="consoleNode"/> and opens a new dialogue.</summary>
    private static async Task<(int Dialogue, string Code, Tab Console)> OpenDialogueAsync(AppHost a, AppHost consoleNode)
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var userId = await a.CreateFacilitatorAsync(email, "Anna");
        var (dialogue, code) = await a.CreateDialogueAsync(userId, "Handhaving");
        var console = await Tab.OpenAsync(consoleNode.FacilitatorClient(await a.LoginAsync(email)), dialogue);
        Assert.True((await console.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct)).Ok);
        await Eventually.TrueAsync(() => console.State.Stage.ThemeId is not null, "the console shows the opened dialogue's first theme");
        return (dialogue, code, console);
    }

    /// <summary>The room as a fresh snapshot shows it to this client, in the form <see cref="Same"/> gives.</summary>
    private static async Task<string> FreshAsync(Tab tab, int dialogue)
    {
        var fresh = await tab.Hub.GetSnapshotAsync(dialogue, Ct);
        Assert.True(fresh.Ok, fresh.Error);
        return Same(fresh.Snapshot!);
    }

    /// <summary>
    /// Waits until the client shows the room's version and presence version in the database, then checks that it
    /// shows what a fresh snapshot shows (asking the database, not the hub, while waiting: snapshots are rate-limited).
    /// </summary>
    private static async Task CaughtUpAsync(AppHost node, Tab tab, int dialogue, int seconds = 20)
    {
        await Eventually.TrueAsync(async () =>
        {
            var now = await node.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => new { d.Version, d.PresenceVersion }).SingleAsync(Ct));
            return tab.State.Version == now.Version && tab.State.PresenceVersion == now.PresenceVersion;
        }, "the client shows the room's version and presence version", seconds);
        Assert.Equal(await FreshAsync(tab, dialogue), Same(tab.State));
    }

    /// <summary>What must be equal: the shared room, and who is present as this audience sees it.</summary>
    private static string Same(RoomSnapshot snapshot) =>
        Tab.Canonical(snapshot) + JsonSerializer.Serialize(snapshot.Presence with { Organisations = [.. snapshot.Presence.Organisations.OrderBy(o => o.Organisation)] });

    private static PostContribution Post(int dialogue, int theme, string text) =>
        new(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, text);

    [Fact]
    public async Task Clients_on_both_nodes_see_every_change_made_on_the_other_node_in_order()
    {
        await using var deployment = await Deployment.StartAsync();
        var (a, b) = (deployment.A, deployment.B!);
        var (dialogue, code, console) = await OpenDialogueAsync(a, b);
        var theme = console.State.Stage.ThemeId!.Value;

        // Joined on node A; their rooms connect to A and B in turn (the participant's token holds on both).
        var tabs = new List<Tab>();
        for (var i = 0; i < 6; i++)
        {
            tabs.Add(await Tab.OpenAsync((i % 2 == 0 ? a : b).ParticipantClient(await a.JoinAsync(code, $"Deelnemer {i}", "Zwolle")), dialogue));
        }

        var everyone = tabs.Append(console).ToList();
        var heard = everyone.ToDictionary(t => t, _ => new ConcurrentQueue<long>());
        foreach (var tab in everyone)
        {
            tab.Hub.RoomUpdated += e =>
            {
                heard[tab].Enqueue(e.Version);
                return Task.CompletedTask;
            };
        }

        // One after the other, from A and B in turn: each change reaches every client, on both nodes, as an event.
        for (var i = 0; i < tabs.Count; i++)
        {
            var text = $"Bijdrage {i} van node {(i % 2 == 0 ? "A" : "B")}";
            var posted = await tabs[i].Room.PostContributionAsync(Post(dialogue, theme, text), Ct);
            Assert.True(posted.Ok, posted.Error);
            await Eventually.TrueAsync(() => everyone.All(t => t.State.Contributions.Any(c => c.Text == text)), $"every client has '{text}'");
        }

        foreach (var (tab, versions) in heard)
        {
            var list = versions.ToList();
            Assert.Equal([.. Enumerable.Range(0, tabs.Count).Select(k => list[0] + k)], list); // Each once, in order, no gap.
            Assert.Equal(list[^1], tab.State.Version);
        }

        // All at once on both nodes: events of the two nodes may cross on the way; every client still ends with
        // the room a fresh snapshot shows it.
        await Task.WhenAll(tabs.Select((tab, p) => Task.Run(async () =>
        {
            for (var n = 0; n < 3; n++)
            {
                var posted = await tab.Room.PostContributionAsync(Post(dialogue, theme, $"Deelnemer {p}, tegelijk {n}"), Ct);
                Assert.True(posted.Ok, posted.Error);
            }
        }, Ct)));
        await Eventually.TrueAsync(() => everyone.All(t => t.State.Contributions.Count == tabs.Count * 4), "every client has all 24 contributions");
        foreach (var tab in everyone)
        {
            await CaughtUpAsync(a, tab, dialogue);
        }

        foreach (var tab in everyone)
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fifty_participants_racing_and_replaying_votes_across_two_nodes_keep_budget_cap_and_totals_exact()
    {
        const int voters = 50;
        await using var deployment = await Deployment.StartAsync();
        var (a, b) = (deployment.A, deployment.B!);
        var (dialogue, code, console) = await OpenDialogueAsync(a, a);
        var theme = console.State.Stage.ThemeId!.Value;
        var risks = new List<int>();
        foreach (var title in new[] { "Handhaving blijft uit", "Inspecties niet uitgevoerd", "LRK onjuist", "Gastouders niet bezocht" })
        {
            risks.Add((await console.Hub.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, title, null), Ct)).EntityId!.Value);
        }

        Assert.True((await console.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), Ct)).Ok);
        var tokens = new List<string>();
        for (var i = 0; i < voters; i++)
        {
            tokens.Add(await (i % 2 == 0 ? a : b).JoinAsync(code, $"Stemmer {i}", IbtDialogue.Participants.Municipalities.All[i]));
        }

        // Every participant has a tab on each node.
        var own = await Task.WhenAll(tokens.Select((t, i) => Tab.OpenAsync((i % 2 == 0 ? a : b).ParticipantClient(t), dialogue)));
        var other = await Task.WhenAll(tokens.Select((t, i) => Tab.OpenAsync((i % 2 == 0 ? b : a).ParticipantClient(t), dialogue)));
        Assert.True((await console.Hub.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), Ct)).Ok);

        // At once: 3 dots on one risk from one node, the same command again from the other node (a retry that
        // went elsewhere), and 3 dots on another risk from the other node. A budget of 5 lets only one win.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, voters).Select(i => Task.Run(async () =>
        {
            var x = new CastDots(Guid.NewGuid(), dialogue, theme, risks[i % 4], 3);
            var y = new CastDots(Guid.NewGuid(), dialogue, theme, risks[(i + 1) % 4], 3);
            var results = await Task.WhenAll(own[i].Hub.CastDotsAsync(x, Ct), other[i].Hub.CastDotsAsync(x, Ct), other[i].Hub.CastDotsAsync(y, Ct));
            return (x, y, results);
        }, Ct)));

        var expected = new Dictionary<(int Participant, int Risk), int>();
        var participantIds = await a.QueryAsync(db => db.Participants.Where(p => p.DialogueId == dialogue).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(Ct));
        for (var i = 0; i < voters; i++)
        {
            var (x, y, results) = outcomes[i];
            var (xHere, xThere, yThere) = (results[0], results[1], results[2]);
            Assert.True(xHere.Ok == xThere.Ok, "a command and its replay on the other node answer alike");
            Assert.True(xHere.Ok ^ yThere.Ok, $"exactly one of the two votes of participant {i} wins");
            Assert.All(results.Where(r => !r.Ok), r => Assert.Equal(ErrorCodes.OverBudget, r.Error));
            if (xHere.Ok)
            {
                Assert.Equal(xHere.Version, xThere.Version);
            }

            expected[(participantIds[i], xHere.Ok ? x.RiskId : y.RiskId)] = 3;
        }

        var stored = await a.QueryAsync(db => db.Votes.Where(v => v.ThemeId == theme).Select(v => new { v.ParticipantId, v.RiskId, v.Points }).ToListAsync(Ct));
        Assert.Equal(expected.OrderBy(e => e.Key).Select(e => ((int?)e.Key.Participant, e.Key.Risk, e.Value)),
            stored.Select(v => (v.ParticipantId, v.RiskId, v.Points)).OrderBy(v => v.ParticipantId).ThenBy(v => v.RiskId));
        Assert.Equal(voters * 3, stored.Sum(v => v.Points));

        foreach (var tab in own.Concat(other).Append(console))
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_node_s_clients_move_to_the_other_node_lose_no_acknowledged_vote_and_presence_is_corrected()
    {
        const int voters = 8;
        const int leaving = 2;
        await using var deployment = await Deployment.StartAsync(new Dictionary<string, string>
        {
            ["Node:HeartbeatSeconds"] = "1",
            ["Node:DeadAfterSeconds"] = "10", // Generous: a loaded machine must not make the dying node look dead before it is killed.
        }, withB: false);
        var b = deployment.A; // The node that survives, in this process.
        var (dialogue, code, console) = await OpenDialogueAsync(b, b);
        var theme = console.State.Stage.ThemeId!.Value;
        var risks = new List<int>();
        foreach (var title in new[] { "Handhaving blijft uit", "Inspecties niet uitgevoerd", "LRK onjuist", "Gastouders niet bezocht" })
        {
            risks.Add((await console.Hub.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, title, null), Ct)).EntityId!.Value);
        }

        Assert.True((await console.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), Ct)).Ok);
        Assert.True((await console.Hub.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), Ct)).Ok);

        // The node that dies runs in a process of its own; its clients reach it through a load balancer.
        var folder = Path.Combine(Path.GetTempPath(), "ibt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var dying = await AppProcess.StartAsync("", folder, settings: deployment.ProcessSettings("node-dies"));
        await using var balancer = new TcpProxy(dying.Address);
        var tabs = new List<Tab>();
        for (var i = 0; i < voters + leaving; i++)
        {
            var token = await b.JoinAsync(code, $"Stemmer {i}", IbtDialogue.Participants.Municipalities.All[i]);
            tabs.Add(await Tab.OpenAsync(new DialogueHubClient(balancer.Address(HubContract.Path),
                o => o.AccessTokenProvider = HubTokenSource.ForParticipantToken(balancer.Address("/"), dialogue, token).GetAsync), dialogue));
        }

        await Eventually.TrueAsync(() => console.State.Presence.Participants == voters + leaving, "the console on the other node sees all ten");

        // Each voter puts a dot on each risk, takes them away, and puts them back: the last vote on each risk is 1.
        var acknowledged = 0;
        var voting = Task.WhenAll(tabs.Take(voters).Select(tab => Task.Run(async () =>
        {
            for (var k = 0; k < 12; k++)
            {
                var result = await tab.Room.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risks[k % 4], k / 4 == 1 ? 0 : 1), Ct);
                Assert.True(result.Ok, result.Error);
                Interlocked.Increment(ref acknowledged);
                await Task.Delay(40, Ct);
            }
        }, Ct)));

        await Eventually.TrueAsync(() => Volatile.Read(ref acknowledged) >= 20, "votes are being acknowledged");
        await dying.KillAsync();
        foreach (var gone in tabs.Skip(voters))
        {
            await gone.DisposeAsync(); // Two people left while the node was down: nobody takes their connection out but the heartbeat sweep.
        }

        balancer.Retarget(b.BaseAddress); // The load balancer sends everyone to the node that lives.
        await voting;

        var stored = await b.QueryAsync(db => db.Votes.Where(v => v.ThemeId == theme).Select(v => new { v.ParticipantId, v.RiskId, v.Points }).ToListAsync(Ct));
        Assert.Equal(voters * 4, stored.Count);
        Assert.All(stored, v => Assert.Equal(1, v.Points));

        await Eventually.TrueAsync(async () => await b.QueryAsync(db => db.RoomConnections.AnyAsync(c => c.Node == "node-dies", Ct)) == false,
            "the surviving node took the dead node's connections out of the room", seconds: 60);
        await Eventually.TrueAsync(() => console.State.Presence.Participants == voters, "presence counts the eight who came back, not the two who left", seconds: 60);

        foreach (var tab in tabs.Take(voters).Append(console))
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_node_taken_for_dead_while_alive_puts_its_connections_back_into_their_rooms()
    {
        await using var deployment = await Deployment.StartAsync(new Dictionary<string, string> { ["Node:HeartbeatSeconds"] = "1" }, withB: false);
        var a = deployment.A;
        var (dialogue, code, console) = await OpenDialogueAsync(a, a);
        await using var tab = await Tab.OpenAsync(a.ParticipantClient(await a.JoinAsync(code, "Bram", "Zwolle")), dialogue);
        var before = await a.QueryAsync(db => db.RoomConnections.Where(c => c.DialogueId == dialogue).Select(c => c.ConnectionId).ToListAsync(Ct));
        Assert.Equal(2, before.Count);

        // What another node's sweep does when this node stalled too long: its beat and its rows are gone.
        await a.QueryAsync(async db =>
        {
            await db.RoomConnections.Where(c => c.Node == "node-a").ExecuteDeleteAsync(Ct);
            return await db.NodeBeats.Where(b => b.Node == "node-a").ExecuteDeleteAsync(Ct);
        });

        // At its next beat the node notices and enters both connections into the room again.
        await Eventually.TrueAsync(async () =>
            (await a.QueryAsync(db => db.RoomConnections.Where(c => c.DialogueId == dialogue && c.Node == "node-a").Select(c => c.ConnectionId).ToListAsync(Ct))).Order().SequenceEqual(before.Order()),
            "both connections are in the room again", seconds: 60);
        await Eventually.TrueAsync(() => console.State.Presence.Participants == 1, "the console counts the participant again");

        // And the room still works for both.
        var theme = console.State.Stage.ThemeId!.Value;
        Assert.True((await tab.Room.PostContributionAsync(Post(dialogue, theme, "Nog steeds hier"), Ct)).Ok);
        await Eventually.TrueAsync(() => console.State.Contributions.Any(c => c.Text == "Nog steeds hier"), "the console sees the post");
        await console.DisposeAsync();
    }

    [Fact]
    public async Task After_Redis_restarts_every_client_on_both_nodes_ends_equal_to_a_fresh_snapshot_and_hears_presence_and_voting_progress()
    {
        // No periodic reminder during the test: only the nodes' reaction to Redis coming back can bring the clients up to date.
        await using var deployment = await Deployment.StartAsync(new Dictionary<string, string> { ["Redis:VersionHintSeconds"] = "600" });
        var (a, b) = (deployment.A, deployment.B!);
        var (dialogue, code, console) = await OpenDialogueAsync(a, a);
        var theme = console.State.Stage.ThemeId!.Value;
        var tabs = new List<Tab>();
        for (var i = 0; i < 5; i++)
        {
            tabs.Add(await Tab.OpenAsync((i % 2 == 0 ? a : b).ParticipantClient(await a.JoinAsync(code, $"Deelnemer {i}", "Zwolle")), dialogue));
        }

        await Eventually.TrueAsync(() => console.State.Presence.Participants == 5, "the console sees all five");
        var risk = (await console.Hub.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Handhaving blijft uit", null), Ct)).EntityId!.Value;

        await deployment.Redis.StopAsync();

        // Without Redis, commands on both nodes are still committed and answered; their events are lost.
        Assert.True((await tabs[0].Room.PostContributionAsync(Post(dialogue, theme, "Tijdens de storing, via A"), Ct)).Ok);
        Assert.True((await tabs[1].Room.PostContributionAsync(Post(dialogue, theme, "Tijdens de storing, via B"), Ct)).Ok);
        Assert.True((await console.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), Ct)).Ok);
        Assert.True((await console.Hub.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), Ct)).Ok);
        Assert.True((await tabs[2].Room.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risk, 2), Ct)).Ok); // Node A.
        Assert.True((await tabs[1].Room.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risk, 3), Ct)).Ok); // Node B.
        await tabs[3].DisposeAsync(); // Someone on B leaves: presence changes too.
        var staying = tabs.Where((_, i) => i != 3).Append(console).ToList();

        await deployment.Redis.StartAgainAsync();

        // No change after the restart brings a gap to show them they are behind; they must still catch up.
        foreach (var tab in staying)
        {
            await CaughtUpAsync(a, tab, dialogue, seconds: 60);
        }

        Assert.Equal(4, console.State.Presence.Participants);
        Assert.All(staying, tab => Assert.Equal(2, tab.State.Contributions.Count));
        Assert.All(staying, tab => Assert.Equal(Phase.RiskWeighing, tab.State.Stage.Phase));

        // Votes are no room change (no version): the two cast during the outage reach the console as voting progress.
        await Eventually.TrueAsync(() => console.State.Progress.SingleOrDefault(p => p.ThemeId == theme)?.Voters == 2, "the console hears that two have voted", seconds: 60);

        // And events flow again, from both nodes, as events.
        var heard = staying.ToDictionary(t => t, _ => new ConcurrentQueue<long>());
        foreach (var tab in staying)
        {
            tab.Hub.RoomUpdated += e =>
            {
                heard[tab].Enqueue(e.Version);
                return Task.CompletedTask;
            };
        }

        var after = await console.Hub.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), dialogue, true), Ct);
        Assert.True(after.Ok, after.Error);
        await Eventually.TrueAsync(() => heard.Values.All(versions => versions.Contains(after.Version)), "every client hears the change after the restart as an event");

        foreach (var tab in staying)
        {
            await tab.DisposeAsync();
        }
    }
}
