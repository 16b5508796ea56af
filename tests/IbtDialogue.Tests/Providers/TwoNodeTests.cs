using IbtDialogue.Contributions;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Providers;

#pragma warning disable IDE1006 // Short lower-case names read like the test's own locals.

/// <summary>
/// Two app hosts (two service providers, so two RoomWriters and two process-local write gates) on ONE PostgreSQL
/// database, taking commands for the same dialogue at the same moment: what keeps them exact is the database
/// (the dialogue's advisory lock, and the version check behind it), not anything in a process.
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private const int People = 12;

    private EngineHarness nodeA = default!;
    private EngineHarness nodeB = default!;
    private Actor anna = default!;
    private int dialogue;
    private int theme;
    private readonly List<Actor> people = [];
    private readonly List<int> risks = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        nodeA = await EngineHarness.CreateAsync(DatabaseProvider.Postgres);
        nodeB = await EngineHarness.CreateAsync(DatabaseProvider.Postgres, sharedDatabase: nodeA);
        anna = await nodeA.AddFacilitatorAsync("Anna");
        dialogue = await nodeA.CreateOpenDialogueAsync(anna, "Kinderopvang", "Handhaving", "LRK op orde");
        theme = await nodeA.FirstThemeAsync(dialogue);
        for (var i = 0; i < People; i++)
        {
            people.Add(await (i % 2 == 0 ? nodeA : nodeB).JoinAsync(dialogue, $"Deelnemer {i}", i % 3 == 0 ? "Zwolle" : "Assen"));
        }

        foreach (var title in new[] { "Handhaving blijft uit", "Inspecties niet uitgevoerd", "LRK onjuist" })
        {
            risks.Add((await nodeA.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, title, null), anna, Ct)).Result.EntityId!.Value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await nodeB.DisposeAsync(); // The second node first: the first drops the database.
        await nodeA.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private EngineHarness Node(int i) => i % 2 == 0 ? nodeA : nodeB;

    [Fact]
    public async Task Racing_dot_votes_on_two_nodes_never_exceed_budget_or_cap_and_replays_count_once()
    {
        Assert.True((await nodeB.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), anna, Ct)).Result.Ok);
        var opened = await nodeA.Voting.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), anna, Ct);
        Assert.True(opened.Result.Ok, opened.Result.Error);

        // Every person puts 3 dots on each of the three risks at once: with a budget of 5 only one of the three
        // can win. Each command is sent twice, to both nodes at once (a retry that went to the other node).
        var sent = people.SelectMany(who => risks.Select(risk => (who, risk, id: Guid.NewGuid()))).ToList();
        var outcomes = await Task.WhenAll(sent.SelectMany((c, i) => new[] { i, i + 1 }.Select(node => Task.Run(async () =>
            (c.who, c.risk, c.id, reply: await Node(node).Voting.CastDotsAsync(new CastDots(c.id, dialogue, theme, c.risk, 3), c.who, Ct))))));

        foreach (var who in people)
        {
            var mine = outcomes.Where(o => o.who == who).ToList();
            var won = mine.Where(o => o.reply.Result.Ok).Select(o => o.id).Distinct().ToList();
            Assert.Single(won); // One command won, on whichever node; its replay answered the same.
            Assert.All(mine.Where(o => !o.reply.Result.Ok), o => Assert.Equal(ErrorCodes.OverBudget, o.reply.Result.Error));
            Assert.Equal(2, mine.Count(o => o.id == won[0] && o.reply.Result.Ok));
        }

        var stored = await nodeB.QueryAsync(db => db.Votes.Where(v => v.ThemeId == theme).Select(v => new { v.ParticipantId, v.RiskId, v.Points }).ToListAsync(Ct));
        Assert.All(stored.GroupBy(v => v.ParticipantId), ballot => Assert.Equal(3, ballot.Sum(v => v.Points)));
        Assert.All(stored, v => Assert.InRange(v.Points, 0, 3));
        Assert.Equal(People * 3, stored.Sum(v => v.Points));

        // The totals are exactly the winning commands, risk by risk.
        var expected = outcomes.Where(o => o.reply.Result.Ok).DistinctBy(o => o.id).GroupBy(o => o.risk).ToDictionary(g => g.Key, g => g.Count() * 3);
        var totals = stored.GroupBy(v => v.RiskId).ToDictionary(g => g.Key, g => g.Sum(v => v.Points));
        Assert.Equal(expected.OrderBy(e => e.Key), totals.Where(t => t.Value > 0).OrderBy(t => t.Key));

        // Moving dots while both nodes race: everyone ends with 2 + 2 on the first two risks (each under the cap,
        // together within the budget) whatever order the nodes took them in.
        var moves = await Task.WhenAll(people.SelectMany((who, i) => new[]
        {
            Task.Run(() => Node(i).Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risks[0], 0), who, Ct)),
            Task.Run(() => Node(i + 1).Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risks[1], 0), who, Ct)),
            Task.Run(() => Node(i).Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risks[2], 0), who, Ct)),
        }));
        Assert.All(moves, m => Assert.True(m.Result.Ok, m.Result.Error));
        var fills = await Task.WhenAll(people.SelectMany((who, i) => new[]
        {
            Task.Run(() => Node(i).Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risks[0], 2), who, Ct)),
            Task.Run(() => Node(i + 1).Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risks[1], 2), who, Ct)),
        }));
        Assert.All(fills, m => Assert.True(m.Result.Ok, m.Result.Error));
        var after = await nodeA.QueryAsync(db => db.Votes.Where(v => v.ThemeId == theme && v.Points > 0).GroupBy(v => v.RiskId).Select(g => new { g.Key, Sum = g.Sum(v => v.Points) }).ToListAsync(Ct));
        Assert.Equal(new[] { (risks[0], People * 2), (risks[1], People * 2) }, after.OrderBy(a => a.Key).Select(a => (a.Key, a.Sum)));
    }

    [Fact]
    public async Task Posts_on_two_nodes_at_once_all_commit_with_distinct_consecutive_versions()
    {
        var start = await nodeA.VersionAsync(dialogue);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => Node(i).Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, $"Bijdrage {i}"), people[i % People], Ct))));

        Assert.All(outcomes, o => Assert.True(o.Result.Ok, o.Result.Error));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => start + i), outcomes.Select(o => o.Result.Version).Order());
        Assert.Equal(start + 40, await nodeB.VersionAsync(dialogue));
        Assert.Equal(40, await nodeA.ContributionCountAsync(dialogue));
    }

    [Fact]
    public async Task A_command_id_replayed_on_the_other_node_answers_the_same_and_stores_nothing_twice()
    {
        var id = Guid.NewGuid();
        var post = new PostContribution(id, dialogue, theme, ContributionKind.SuccessFactor, "Eén keer");
        var both = await Task.WhenAll(
            Task.Run(() => nodeA.Contributions.PostContributionAsync(post, people[0], Ct)),
            Task.Run(() => nodeB.Contributions.PostContributionAsync(post, people[0], Ct)));

        Assert.All(both, o => Assert.True(o.Result.Ok, o.Result.Error));
        Assert.Equal(both[0].Result.Version, both[1].Result.Version);
        Assert.Equal(both[0].Result.EntityId, both[1].Result.EntityId);
        Assert.Single(both, o => o.Broadcast is not null); // Only the node that committed it broadcasts.
        Assert.Equal(1, await nodeA.ContributionCountAsync(dialogue));
    }
}
