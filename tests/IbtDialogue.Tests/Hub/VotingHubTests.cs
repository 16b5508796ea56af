using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Hub;

/// <summary>Fifty participants voting at once over real WebSockets: exact totals, secret until revealed.</summary>
public sealed class VotingHubTests(AppHost app) : IClassFixture<AppHost>
{
    private const int Voters = 50;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Vote(int Dialogue, int Theme, IReadOnlyList<int> Risks, Tab Facilitator, IReadOnlyList<Tab> Participants, IReadOnlyList<string> Tokens);

    private async Task<Vote> PrepareAsync(VoteMethod method, int budget = 5, int cap = 3)
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var userId = await app.CreateFacilitatorAsync(email, "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(userId, "Handhaving");
        var f = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync(email)), dialogue);
        await f.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        var theme = await app.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).Select(t => t.Id).SingleAsync());
        var risks = new List<int>();
        foreach (var title in new[] { "Handhaving blijft uit", "Inspecties niet uitgevoerd", "LRK onjuist", "Gastouders niet bezocht" })
        {
            risks.Add((await f.Hub.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, title, null), Ct)).EntityId!.Value);
        }

        await f.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), Ct);
        var tokens = new List<string>();
        for (var i = 0; i < Voters; i++)
        {
            tokens.Add(await app.JoinAsync(code, $"Stemmer {i}", IbtDialogue.Participants.Municipalities.All[i]));
        }

        var tabs = await Task.WhenAll(tokens.Select(t => Tab.OpenAsync(app.ParticipantClient(t), dialogue)));
        Assert.True((await f.Hub.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, method, budget, cap), Ct)).Ok);
        return new Vote(dialogue, theme, risks, f, tabs, tokens);
    }

    private static async Task DisposeAsync(Vote vote)
    {
        foreach (var tab in vote.Participants.Append(vote.Facilitator))
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fifty_participants_vote_at_once_and_the_stored_totals_are_exact()
    {
        var vote = await PrepareAsync(VoteMethod.Dots);
        var progress = new ConcurrentBag<VotingProgress>();
        vote.Facilitator.Hub.VotingProgress += p =>
        {
            progress.Add(p);
            return Task.CompletedTask;
        };

        // Participant i puts 3 points on risk i % 4 and 2 on risk (i + 1) % 4: 250 points in all.
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(vote.Participants.Select((tab, i) => Task.Run(async () => new[]
        {
            await tab.Room.CastDotsAsync(new CastDots(Guid.NewGuid(), vote.Dialogue, vote.Theme, vote.Risks[i % 4], 3), Ct),
            await tab.Room.CastDotsAsync(new CastDots(Guid.NewGuid(), vote.Dialogue, vote.Theme, vote.Risks[(i + 1) % 4], 2), Ct),
        }, Ct)));
        var votingTime = clock.Elapsed;
        Assert.All(results.SelectMany(r => r), r => Assert.True(r.Ok, r.Error));

        var stored = await app.QueryAsync(db => db.Votes.Where(v => v.ThemeId == vote.Theme).GroupBy(v => v.RiskId).Select(g => new { g.Key, Points = g.Sum(v => v.Points) }).ToDictionaryAsync(x => x.Key, x => x.Points));
        var expected = vote.Risks.ToDictionary(r => r, r => 0);
        for (var i = 0; i < Voters; i++)
        {
            expected[vote.Risks[i % 4]] += 3;
            expected[vote.Risks[(i + 1) % 4]] += 2;
        }

        Assert.Equal(expected, stored);

        // The facilitator heard the count, coalesced: at most one message per interval, not one per vote.
        await Eventually.TrueAsync(() => progress.Any(p => p.Voters == Voters), "the facilitator hears that everyone voted");
        var allowed = (int)Math.Ceiling((votingTime + TimeSpan.FromSeconds(1)) / IbtDialogue.Live.RoomNotifier.Interval) + 1;
        Assert.InRange(progress.Count, 1, Math.Min(allowed, 2 * Voters - 1));
        await DisposeAsync(vote);
    }

    [Fact]
    public async Task Two_tabs_of_one_participant_racing_and_replayed_commands_cannot_exceed_the_budget_or_count_twice()
    {
        var vote = await PrepareAsync(VoteMethod.Dots, budget: 5, cap: 3);
        var secondTabs = await Task.WhenAll(vote.Tokens.Take(10).Select(t => Tab.OpenAsync(app.ParticipantClient(t), vote.Dialogue)));

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            // Both tabs put 3 points on a different risk at the same moment: 6 > 5, only one may win.
            var first = vote.Participants[i].Room.CastDotsAsync(new CastDots(Guid.NewGuid(), vote.Dialogue, vote.Theme, vote.Risks[0], 3), Ct);
            var second = secondTabs[i].Room.CastDotsAsync(new CastDots(Guid.NewGuid(), vote.Dialogue, vote.Theme, vote.Risks[1], 3), Ct);
            return await Task.WhenAll(first, second);
        }, Ct)));

        foreach (var pair in answers)
        {
            Assert.Single(pair, r => r.Ok);
            Assert.Single(pair, r => r.Error == ErrorCodes.OverBudget);
        }

        // A lost acknowledgement: the same command sent again, also from the other tab, changes nothing.
        var replay = new CastDots(Guid.NewGuid(), vote.Dialogue, vote.Theme, vote.Risks[2], 2);
        Assert.True((await vote.Participants[20].Room.CastDotsAsync(replay, Ct)).Ok);
        Assert.True((await vote.Participants[20].Room.CastDotsAsync(replay, Ct)).Ok);
        Assert.True((await vote.Participants[20].Hub.CastDotsAsync(replay, Ct)).Ok);

        var perParticipant = await app.QueryAsync(db => db.Votes.Where(v => v.ThemeId == vote.Theme).GroupBy(v => v.ParticipantId).Select(g => g.Sum(v => v.Points)).ToListAsync());
        Assert.Equal(11, perParticipant.Count);
        Assert.All(perParticipant.Take(10), total => Assert.Equal(3, total));
        Assert.Equal(2, await app.QueryAsync(db => db.Votes.Where(v => v.RiskId == vote.Risks[2]).SumAsync(v => v.Points)));
        foreach (var tab in secondTabs)
        {
            await tab.DisposeAsync();
        }

        await DisposeAsync(vote);
    }

    [Fact]
    public async Task Nothing_a_participants_connection_receives_before_the_reveal_contains_a_tally()
    {
        var vote = await PrepareAsync(VoteMethod.Matrix);
        var watcher = vote.Participants[0];
        var received = new ConcurrentQueue<string>();
        watcher.Hub.RoomUpdated += e =>
        {
            received.Enqueue(JsonSerializer.Serialize(e));
            return Task.CompletedTask;
        };
        watcher.Hub.VotingProgress += e =>
        {
            received.Enqueue("progress: " + JsonSerializer.Serialize(e));
            return Task.CompletedTask;
        };

        await Task.WhenAll(vote.Participants.Select((tab, i) => tab.Room.RateRiskAsync(new RateRisk(Guid.NewGuid(), vote.Dialogue, vote.Theme, vote.Risks[i % 4], 1 + (i % 5), 5 - (i % 5)), Ct)));
        var closed = await vote.Facilitator.Hub.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), vote.Dialogue, vote.Theme), Ct);
        await Eventually.TrueAsync(() => watcher.State.Version >= closed.Version, "the participant sees the vote closed");
        var snapshot = await watcher.Hub.GetSnapshotAsync(vote.Dialogue, Ct);
        received.Enqueue(JsonSerializer.Serialize(snapshot));

        Assert.NotEmpty(received);
        Assert.All(received, message =>
        {
            Assert.DoesNotContain("progress:", message, StringComparison.Ordinal);
            Assert.DoesNotContain("\"Results\":[", message, StringComparison.Ordinal);
            Assert.DoesNotContain("MeanLikelihood", message, StringComparison.Ordinal);
            Assert.DoesNotContain("Voters", message, StringComparison.Ordinal);
        });

        var revealed = await vote.Facilitator.Hub.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), vote.Dialogue, vote.Theme), Ct);
        await Eventually.TrueAsync(() => watcher.State.Version >= revealed.Version, "the participant receives the results");
        var results = watcher.State.Votings.Single(v => v.ThemeId == vote.Theme).Results!;
        Assert.Equal(Voters, results.Sum(r => r.Voters));
        await DisposeAsync(vote);
    }

    [Fact]
    public async Task A_vote_survives_a_reconnect_without_being_lost_or_doubled()
    {
        await using var proxy = new TcpProxy(app.BaseAddress);
        var vote = await PrepareAsync(VoteMethod.Dots);
        await using var flaky = await Tab.OpenAsync(app.ParticipantClient(vote.Tokens[0], proxy.Address("/hubs/dialogue")), vote.Dialogue);

        proxy.Cut(refuseNew: true);
        var pending = flaky.Room.CastDotsAsync(new CastDots(Guid.NewGuid(), vote.Dialogue, vote.Theme, vote.Risks[3], 3), Ct);
        await Eventually.TrueAsync(() => flaky.Hub.CommandsWaiting == 1, "the vote waits for the connection");
        proxy.Heal();

        Assert.True((await pending).Ok);
        await Eventually.TrueAsync(() => flaky.Room.Connection == LiveConnectionState.Connected, "the tab reconnects");
        Assert.Equal(3, await app.QueryAsync(db => db.Votes.Where(v => v.RiskId == vote.Risks[3]).SumAsync(v => v.Points)));
        var fresh = await flaky.Hub.GetSnapshotAsync(vote.Dialogue, Ct);
        Assert.Equal([new BallotEntry(vote.Risks[3], 3, null, null)], fresh.Snapshot!.MyBallot);
        await DisposeAsync(vote);
    }
}
