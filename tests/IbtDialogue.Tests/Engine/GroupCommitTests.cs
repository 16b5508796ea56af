using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Engine;

/// <summary>
/// Several queued commands share one transaction and one commit (issue 16): each is judged on what its
/// predecessors left, one that is refused or fails is undone alone, and nothing is answered before the commit.
/// The tests hold the write gate so the commands queue up, then let them go as one group.
/// </summary>
public class GroupCommitTests() : OpenRoomTests("Kinderopvang", "Handhaving", "LRK op orde")
{
    private readonly List<int> risks = [];
    private readonly List<IReadOnlyList<Guid?>> groups = [];

    private RoomWriter Writer => h.Services.GetRequiredService<RoomWriter>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var title in new[] { "Handhaving blijft uit", "Inspecties niet uitgevoerd" })
        {
            risks.Add((await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, title, null), anna, Ct)).Result.EntityId!.Value);
        }

        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), anna, Ct);
        var opened = await h.Voting.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), anna, Ct);
        Assert.True(opened.Result.Ok, opened.Result.Error);
    }

    private CastDots Dots(int risk, int points, Guid? id = null) => new(id ?? Guid.NewGuid(), dialogue, theme, risk, points);

    private ControlTimer StartTimer(Guid? id = null) => new(id ?? Guid.NewGuid(), dialogue, TimerAction.Start, 300);

    /// <summary>
    /// Holds the write gate while <paramref name="commands"/> are given one after another (each queued before
    /// the next, so the group keeps their order), then lets them run; answers how each ended.
    /// </summary>
    private async Task<List<Ended>> AsOneGroupAsync(params Func<Task<CommandReply>>[] commands)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = h.Services.GetRequiredService<WriteGate>().RunAsync(async () =>
        {
            entered.SetResult();
            await release.Task;
            return 0;
        }, Ct);
        await entered.Task;

        var tasks = new List<Task<CommandReply>>();
        foreach (var command in commands)
        {
            var before = Writer.Queued;
            tasks.Add(command());
            await Eventually.TrueAsync(() => Writer.Queued == before + 1, "the command waits in the writer's queue");
        }

        Assert.All(tasks, t => Assert.False(t.IsCompleted)); // Nothing is answered before its group commits.
        release.SetResult();
        await holding;
        var ended = new List<Ended>();
        foreach (var task in tasks)
        {
            try
            {
                ended.Add(new Ended(await task, null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ended.Add(new Ended(null, ex));
            }
        }

        return ended;
    }

    /// <summary>How a command of a group ended: answered, or failed.</summary>
    private sealed record Ended(CommandReply? Reply, Exception? Error)
    {
        public CommandResult Result => Reply?.Result ?? throw new InvalidOperationException("The command failed.", Error);
    }

    private void RecordGroups() => Writer.BeforeGroupCommit = ids =>
    {
        lock (groups)
        {
            groups.Add(ids);
        }

        return Task.CompletedTask;
    };

    private Task<long> VersionAsync() => h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Version).SingleAsync());

    private async Task<Dictionary<int, int>> StoredPointsAsync(Actor who) =>
        await h.QueryAsync(db => db.Votes.Where(v => v.ParticipantId == who.ParticipantId).ToDictionaryAsync(v => v.RiskId, v => v.Points));

    [Fact]
    public async Task A_refused_command_in_a_group_leaves_its_neighbours_committed_and_is_judged_on_their_work()
    {
        RecordGroups();
        var version = await VersionAsync();
        var first = Dots(risks[0], 3);
        var overBudget = Dots(risks[1], 3);
        var keesVote = Dots(risks[0], 2);
        var timer = StartTimer();

        var replies = await AsOneGroupAsync(
            () => h.Voting.CastDotsAsync(first, piet, Ct),
            () => h.Voting.CastDotsAsync(overBudget, piet, Ct), // 3 + 3 > 5: refused only because the first is in.
            () => h.Voting.CastDotsAsync(keesVote, kees, Ct),
            () => h.Room.ControlTimerAsync(timer, anna, Ct));

        Assert.Equal(new Guid?[] { first.CommandId, overBudget.CommandId, keesVote.CommandId, timer.CommandId }, Assert.Single(groups));
        var results = replies.Select(r => r.Result).ToList();
        Assert.True(results[0].Ok, results[0].Error);
        Assert.Equal(ErrorCodes.OverBudget, results[1].Error);
        Assert.True(results[2].Ok, results[2].Error);
        Assert.True(results[3].Ok, results[3].Error);
        Assert.Equal(version + 1, results[3].Version);
        Assert.Equal(version + 1, replies[3].Reply!.Broadcast!.Version);
        await replies[3].Reply!.Sent;

        Assert.Equal(new Dictionary<int, int> { [risks[0]] = 3 }, await StoredPointsAsync(piet));
        Assert.Equal(new Dictionary<int, int> { [risks[0]] = 2 }, await StoredPointsAsync(kees));
        Assert.Equal(version + 1, await VersionAsync());
        var processed = await h.QueryAsync(db => db.ProcessedCommands.Select(c => c.CommandId).ToListAsync());
        Assert.Contains(first.CommandId, processed);
        Assert.Contains(keesVote.CommandId, processed);
        Assert.Contains(timer.CommandId, processed);
        Assert.DoesNotContain(overBudget.CommandId, processed); // A refusal is evaluated afresh when sent again.
    }

    [Fact]
    public async Task A_command_that_fails_in_a_group_is_undone_alone()
    {
        RecordGroups();
        var version = await VersionAsync();
        var vote = Dots(risks[0], 3);
        var timer = StartTimer();

        var replies = await AsOneGroupAsync(
            () => h.Voting.CastDotsAsync(vote, piet, Ct),
            () => Writer.ExecuteAsync(Guid.NewGuid(), dialogue, anna, async change =>
            {
                change.Dialogue.TimerDurationSeconds = 1; // Saved inside the transaction, then the command fails.
                change.Dialogue.Version++;
                await change.SaveAsync(Ct);
                throw new InvalidOperationException("A bug in one command.");
            }, Ct),
            () => h.Room.ControlTimerAsync(timer, anna, Ct));

        Assert.Single(groups);
        Assert.True(replies[0].Result.Ok);
        var failure = Assert.IsType<InvalidOperationException>(replies[1].Error);
        Assert.Equal("A bug in one command.", failure.Message);
        var timed = replies[2].Result;
        Assert.True(timed.Ok, timed.Error);
        Assert.Equal(version + 1, timed.Version); // The failed command's version bump is gone with it.

        Assert.Equal(new Dictionary<int, int> { [risks[0]] = 3 }, await StoredPointsAsync(piet));
        Assert.Equal(version + 1, await VersionAsync());
        Assert.Equal(300, await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.TimerDurationSeconds).SingleAsync()));
    }

    [Fact]
    public async Task A_command_sent_twice_in_one_group_takes_effect_once_and_both_get_the_same_answer()
    {
        RecordGroups();
        var version = await VersionAsync();
        var timer = StartTimer();
        var vote = Dots(risks[0], 3);

        var replies = await AsOneGroupAsync(
            () => h.Room.ControlTimerAsync(timer, anna, Ct),
            () => h.Voting.CastDotsAsync(vote, piet, Ct),
            () => h.Room.ControlTimerAsync(timer, anna, Ct),
            () => h.Voting.CastDotsAsync(vote, piet, Ct),
            () => h.Voting.CastDotsAsync(vote with { Points = 1 }, kees, Ct)); // Someone else's command under the same id.

        Assert.Single(groups);
        Assert.Equal(replies[0].Result, replies[2].Result);
        Assert.Equal(version + 1, replies[0].Result.Version);
        Assert.NotNull(replies[0].Reply!.Broadcast);
        Assert.Null(replies[2].Reply!.Broadcast); // A replay is broadcast to nobody.
        Assert.True(replies[1].Result.Ok);
        Assert.Equal(replies[1].Result, replies[3].Result);
        Assert.Equal(ErrorCodes.DuplicateCommand, replies[4].Result.Error);
        Assert.Equal(version + 1, await VersionAsync());
        Assert.Equal(new Dictionary<int, int> { [risks[0]] = 3 }, await StoredPointsAsync(piet));
        Assert.Empty(await StoredPointsAsync(kees));
    }

    [Fact]
    public async Task A_group_whose_commit_fails_acknowledges_none_loses_nothing_acknowledged_and_can_be_sent_again()
    {
        var acknowledged = await h.Voting.CastDotsAsync(Dots(risks[1], 2), kees, Ct);
        Assert.True(acknowledged.Result.Ok);
        var version = await VersionAsync();

        var vote = Dots(risks[0], 3);
        var keesVote = Dots(risks[0], 1);
        var timer = StartTimer();
        Writer.BeforeGroupCommit = _ => throw new IOException("The disk went away before the commit.");
        var replies = await AsOneGroupAsync(
            () => h.Voting.CastDotsAsync(vote, piet, Ct),
            () => h.Voting.CastDotsAsync(keesVote, kees, Ct),
            () => h.Room.ControlTimerAsync(timer, anna, Ct));

        Assert.All(replies, r => Assert.IsType<IOException>(r.Error)); // Not one of them is acknowledged…

        Assert.Empty(await StoredPointsAsync(piet)); // …and not one of them is stored.
        Assert.Equal(new Dictionary<int, int> { [risks[1]] = 2 }, await StoredPointsAsync(kees)); // The earlier, acknowledged vote stays.
        Assert.Equal(version, await VersionAsync());
        Assert.False(await h.QueryAsync(db => db.ProcessedCommands.AnyAsync(c => c.CommandId == vote.CommandId || c.CommandId == timer.CommandId)));

        // The clients send them again by the same ids: each takes effect once.
        Writer.BeforeGroupCommit = null;
        var again = await Task.WhenAll(
            h.Voting.CastDotsAsync(vote, piet, Ct), h.Voting.CastDotsAsync(keesVote, kees, Ct), h.Room.ControlTimerAsync(timer, anna, Ct));
        Assert.All(again, r => Assert.True(r.Result.Ok, r.Result.Error));
        Assert.Equal(version + 1, again[2].Result.Version);
        Assert.Equal(new Dictionary<int, int> { [risks[0]] = 3 }, await StoredPointsAsync(piet));
        Assert.Equal(new Dictionary<int, int> { [risks[0]] = 1, [risks[1]] = 2 }, await StoredPointsAsync(kees));
        Assert.Equal(version + 1, await VersionAsync());
    }
}

/// <summary>The same tests on PostgreSQL, where a failed statement aborts the transaction until its savepoint is rolled back.</summary>
public sealed class GroupCommitTestsOnPostgres : GroupCommitTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
