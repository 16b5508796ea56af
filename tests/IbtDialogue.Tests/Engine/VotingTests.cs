using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Engine;

/// <summary>Risks on a theme and the vote on them: exact, secret until revealed, frozen when closed.</summary>
public class VotingTests() : OpenRoomTests("Kinderopvang", "Handhaving", "LRK op orde")
{
    private readonly List<int> risks = [];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var title in new[] { "Handhaving blijft uit", "Inspecties niet uitgevoerd", "LRK onjuist" })
        {
            risks.Add((await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, title, null), anna, Ct)).Result.EntityId!.Value);
        }

        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), anna, Ct);
    }

    private Task<CommandReply> Configure(VoteMethod method, int budget = 5, int cap = 3) =>
        h.Voting.ConfigureVotingAsync(new ConfigureVoting(Guid.NewGuid(), dialogue, theme, method, budget, cap), anna, Ct);

    private Task<CommandReply> Open(Actor? by = null, VoteMethod method = VoteMethod.Dots, int budget = 5, int cap = 3) =>
        h.Voting.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, method, budget, cap), by ?? anna, Ct);

    private Task<CommandReply> Close() => h.Voting.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), anna, Ct);

    private Task<CommandReply> Reveal(Actor? by = null) => h.Voting.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), by ?? anna, Ct);

    private Task<CommandReply> Dots(Actor who, int risk, int points, Guid? id = null, int? onTheme = null) =>
        h.Voting.CastDotsAsync(new CastDots(id ?? Guid.NewGuid(), dialogue, onTheme ?? theme, risk, points), who, Ct);

    private Task<CommandReply> Rate(Actor who, int risk, int likelihood, int impact) =>
        h.Voting.RateRiskAsync(new RateRisk(Guid.NewGuid(), dialogue, theme, risk, likelihood, impact), who, Ct);

    private async Task<Dictionary<int, int>> StoredPointsAsync(Actor who) =>
        await h.QueryAsync(db => db.Votes.Where(v => v.ParticipantId == who.ParticipantId).ToDictionaryAsync(v => v.RiskId, v => v.Points));

    [Fact]
    public async Task Points_can_be_moved_within_the_budget_and_the_cap_until_the_vote_closes()
    {
        await Open();
        Assert.True((await Dots(piet, risks[0], 3)).Result.Ok);
        Assert.True((await Dots(piet, risks[1], 2)).Result.Ok);

        Assert.Equal(ErrorCodes.OverBudget, (await Dots(piet, risks[2], 1)).Result.Error);
        Assert.Equal(ErrorCodes.OverCap, (await Dots(piet, risks[2], 4)).Result.Error);
        Assert.Equal(ErrorCodes.InvalidVote, (await Dots(piet, risks[2], -1)).Result.Error);

        Assert.True((await Dots(piet, risks[0], 1)).Result.Ok); // Move two points...
        Assert.True((await Dots(piet, risks[2], 2)).Result.Ok); // ...to another risk.
        Assert.True((await Dots(piet, risks[1], 0)).Result.Ok); // And take some off.
        Assert.Equal(new Dictionary<int, int> { [risks[0]] = 1, [risks[2]] = 2 }, await StoredPointsAsync(piet));

        await Close();
        Assert.Equal(ErrorCodes.VotingClosed, (await Dots(piet, risks[1], 1)).Result.Error);
        Assert.Equal(new Dictionary<int, int> { [risks[0]] = 1, [risks[2]] = 2 }, await StoredPointsAsync(piet));
    }

    [Fact]
    public async Task A_vote_changes_no_room_version_and_is_broadcast_to_nobody()
    {
        await Open();
        var version = await h.VersionAsync(dialogue);
        var vote = await Dots(piet, risks[0], 2);
        Assert.True(vote.Result.Ok);
        Assert.Null(vote.Broadcast);
        Assert.Equal(version, await h.VersionAsync(dialogue));
    }

    [Fact]
    public async Task A_replayed_vote_counts_once()
    {
        await Open();
        var id = Guid.NewGuid();
        await Dots(piet, risks[0], 3, id);
        await Dots(piet, risks[0], 1); // Changed his mind...
        var replay = await Dots(piet, risks[0], 3, id); // ...and then an old command arrives again.

        Assert.True(replay.Result.Ok);
        Assert.Equal(new Dictionary<int, int> { [risks[0]] = 1 }, await StoredPointsAsync(piet));
    }

    [Fact]
    public async Task Only_participants_vote_and_only_on_the_open_themes_listed_risks()
    {
        var other = await h.CreateOpenDialogueAsync(anna);
        var foreignRisk = (await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), other, await h.FirstThemeAsync(other), null, "Elders", null), anna, Ct)).Result.EntityId!.Value;
        var observerCode = await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode).SingleAsync());
        await h.Joining.JoinAsync(new Participants.JoinRequest(observerCode, "OCW", "", "Ministerie van OCW", AsObserver: true), Ct);
        var observer = new Actor(null, await h.QueryAsync(db => db.Participants.Where(p => p.DisplayName == "OCW").Select(p => p.Id).SingleAsync()), dialogue);

        Assert.Equal(ErrorCodes.VotingClosed, (await Dots(piet, risks[0], 1)).Result.Error); // Not open yet.
        await Open();
        Assert.Equal(ErrorCodes.Forbidden, (await Dots(observer, risks[0], 1)).Result.Error);
        Assert.Equal(ErrorCodes.Forbidden, (await Dots(anna, risks[0], 1)).Result.Error);
        Assert.Equal(ErrorCodes.NotFound, (await Dots(piet, foreignRisk, 1)).Result.Error);
        Assert.Equal(ErrorCodes.NotFound, (await Dots(piet, risks[0], 1, onTheme: secondTheme)).Result.Error);
        Assert.Equal(ErrorCodes.WrongMethod, (await Rate(piet, risks[0], 3, 3)).Result.Error);
        Assert.Empty(await h.QueryAsync(db => db.Votes.ToListAsync()));
    }

    [Fact]
    public async Task Ratings_are_1_to_5_and_can_be_changed_while_open()
    {
        await Open(method: VoteMethod.Matrix);

        foreach (var (l, i) in new[] { (0, 3), (3, 0), (6, 1), (1, 6), (-1, 2) })
        {
            Assert.Equal(ErrorCodes.InvalidVote, (await Rate(piet, risks[0], l, i)).Result.Error);
        }

        Assert.True((await Rate(piet, risks[0], 2, 5)).Result.Ok);
        Assert.True((await Rate(piet, risks[0], 4, 4)).Result.Ok);
        var vote = await h.QueryAsync(db => db.Votes.SingleAsync());
        Assert.Equal((4, 4), (vote.Likelihood, vote.Impact));
        Assert.Equal(ErrorCodes.WrongMethod, (await Dots(piet, risks[0], 1)).Result.Error);
    }

    [Fact]
    public async Task Results_stay_hidden_until_revealed_and_reveal_needs_a_closed_vote_and_a_facilitator()
    {
        await Open();
        await Dots(piet, risks[1], 3);
        await Dots(kees, risks[1], 1);
        await Dots(kees, risks[0], 2);

        Assert.All((await h.Room.SnapshotAsync(dialogue, kees, null, Ct)).Snapshot!.Votings, v => Assert.Null(v.Results));
        Assert.All((await h.Room.SnapshotAsync(dialogue, anna, null, Ct)).Snapshot!.Votings, v => Assert.Null(v.Results));
        Assert.Equal(ErrorCodes.VotingState, (await Reveal()).Result.Error);
        var closed = await Close();
        Assert.Null(closed.Broadcast!.Room.Votings!.Single().Results);
        Assert.Equal(ErrorCodes.Forbidden, (await Reveal(piet)).Result.Error);

        var revealed = await Reveal();

        var results = revealed.Broadcast!.Room.Votings!.Single().Results!;
        Assert.Equal([new RiskResult(risks[1], 1, 4, 2), new RiskResult(risks[0], 2, 2, 1), new RiskResult(risks[2], 3, 0, 0)], results);
        Assert.Equal(results, (await h.Room.SnapshotAsync(dialogue, kees, null, Ct)).Snapshot!.Votings.Single(v => v.ThemeId == theme).Results);
    }

    [Fact]
    public async Task The_participants_own_ballot_comes_back_with_the_snapshot_and_nobody_elses()
    {
        await Open();
        await Dots(piet, risks[0], 2);
        await Dots(kees, risks[1], 3);

        var ballot = (await h.Room.SnapshotAsync(dialogue, piet, null, Ct)).Snapshot!.MyBallot;
        Assert.Equal([new BallotEntry(risks[0], 2, null, null)], ballot);
        Assert.Empty((await h.Room.SnapshotAsync(dialogue, anna, null, Ct)).Snapshot!.MyBallot);
        var progress = Assert.Single((await h.Room.SnapshotAsync(dialogue, anna, null, Ct)).Snapshot!.Progress);
        Assert.Equal(2, progress.Voters);
        Assert.Empty((await h.Room.SnapshotAsync(dialogue, piet, null, Ct)).Snapshot!.Progress);
    }

    [Fact]
    public async Task How_to_vote_is_set_before_the_vote_opens_and_not_after()
    {
        Assert.Equal(ErrorCodes.InvalidVote, (await Configure(VoteMethod.Dots, budget: 0, cap: 1)).Result.Error);
        Assert.Equal(ErrorCodes.InvalidVote, (await Configure(VoteMethod.Dots, budget: 3, cap: 4)).Result.Error);
        Assert.Equal(ErrorCodes.InvalidVote, (await Configure(VoteMethod.Dots, budget: 51, cap: 1)).Result.Error);
        var configured = await Configure(VoteMethod.Dots, budget: 10, cap: 4);
        Assert.Equal((10, 4, VoteState.NotStarted), (configured.Broadcast!.Room.Votings!.Single().Budget, configured.Broadcast.Room.Votings!.Single().Cap, configured.Broadcast.Room.Votings!.Single().State));

        await Open(budget: 10, cap: 4);
        Assert.Equal(ErrorCodes.VotingState, (await Configure(VoteMethod.Matrix)).Result.Error);
        Assert.Equal(ErrorCodes.Forbidden, (await Open(piet)).Result.Error);
        await Close();
        Assert.Equal(ErrorCodes.VotingState, (await Open()).Result.Error); // Closed is frozen.
    }

    [Fact]
    public async Task The_vote_opens_with_the_method_on_the_form_in_one_step()
    {
        // Nothing configured before: the theme would vote with dots; the form says matrix, and matrix opens.
        Assert.Equal(ErrorCodes.InvalidVote, (await Open(method: VoteMethod.Dots, budget: 3, cap: 4)).Result.Error);
        Assert.Equal(ErrorCodes.BadRequest, (await Open(method: (VoteMethod)9)).Result.Error);
        Assert.Equal(VoteState.NotStarted, (await h.Room.SnapshotAsync(dialogue, anna, null, Ct)).Snapshot!.Votings.SingleOrDefault(v => v.ThemeId == theme)?.State ?? VoteState.NotStarted);

        var opened = await Open(method: VoteMethod.Matrix);
        var voting = opened.Broadcast!.Room.Votings!.Single();
        Assert.Equal((VoteMethod.Matrix, VoteState.Open), (voting.Method, voting.State));
        Assert.Equal(ErrorCodes.WrongMethod, (await Dots(piet, risks[0], 1)).Result.Error);
        Assert.True((await Rate(piet, risks[0], 4, 2)).Result.Ok);

        // Pressed again (a second facilitator, a replayed click): the running vote keeps its method.
        var again = await Open(method: VoteMethod.Dots, budget: 5, cap: 3);
        Assert.True(again.Result.Ok);
        Assert.Null(again.Broadcast);
        Assert.Equal(VoteMethod.Matrix, (await h.Room.SnapshotAsync(dialogue, piet, null, Ct)).Snapshot!.Votings.Single(v => v.ThemeId == theme).Method);
    }

    [Fact]
    public async Task Participants_propose_risks_that_only_facilitators_see_until_accepted()
    {
        var proposed = await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Vve-bereik onbekend", null), piet, Ct);
        var id = proposed.Result.EntityId!.Value;

        Assert.Equal(RiskStatus.Proposed, Assert.Single(proposed.Broadcast!.Facilitators.Risks!).Status);
        Assert.Null(proposed.Broadcast.Room.Risks);
        Assert.DoesNotContain((await h.Room.SnapshotAsync(dialogue, kees, null, Ct)).Snapshot!.Risks, r => r.Id == id);
        Assert.True(Assert.Single((await h.Room.SnapshotAsync(dialogue, piet, null, Ct)).Snapshot!.Risks, r => r.Id == id).ProposedByMe);
        Assert.Equal(ErrorCodes.Forbidden, (await h.Voting.DecideRiskAsync(new DecideRisk(Guid.NewGuid(), dialogue, id, true), piet, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.Forbidden, (await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, id, "Anders", null), piet, Ct)).Result.Error);

        var accepted = await h.Voting.DecideRiskAsync(new DecideRisk(Guid.NewGuid(), dialogue, id, true), anna, Ct);
        Assert.Equal(RiskStatus.Accepted, Assert.Single(accepted.Broadcast!.Room.Risks!).Status);
        Assert.Equal(ErrorCodes.RiskLocked, (await h.Voting.DecideRiskAsync(new DecideRisk(Guid.NewGuid(), dialogue, id, false), anna, Ct)).Result.Error);
    }

    [Fact]
    public async Task The_risk_list_is_fixed_once_the_vote_has_started()
    {
        await Open();
        await Dots(piet, risks[0], 1);

        Assert.Equal(ErrorCodes.RiskLocked, (await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Te laat", null), anna, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.RiskLocked, (await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, risks[0], "Anders", null), anna, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.RiskLocked, (await h.Voting.RemoveRiskAsync(new RiskCommand(Guid.NewGuid(), dialogue, risks[0]), anna, Ct)).Result.Error);
        Assert.Equal(1, await h.QueryAsync(db => db.Votes.CountAsync()));
    }

    [Fact]
    public async Task A_participant_cannot_propose_a_risk_once_the_vote_has_started_or_closed()
    {
        var risksBefore = await h.QueryAsync(db => db.Risks.CountAsync());
        await Open();
        var version = await h.VersionAsync(dialogue);

        var whileOpen = await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Te laat bedacht", null), piet, Ct);
        await Close();
        var versionClosed = await h.VersionAsync(dialogue);
        var afterClose = await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Nog later", null), kees, Ct);

        Assert.Equal(ErrorCodes.RiskLocked, whileOpen.Result.Error);
        Assert.Equal(ErrorCodes.RiskLocked, afterClose.Result.Error);
        Assert.Null(whileOpen.Broadcast);
        Assert.Equal(risksBefore, await h.QueryAsync(db => db.Risks.CountAsync()));
        Assert.Equal(version + 1, versionClosed); // Only the close itself raised the version.
        Assert.Equal(versionClosed, await h.VersionAsync(dialogue));
    }

    [Fact]
    public async Task After_the_vote_started_other_refusals_of_a_risk_keep_their_own_code()
    {
        await Open();

        var unknown = await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, 999_999, "Bestaat niet", null), anna, Ct);
        var participantEdits = await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, risks[0], "Anders", null), piet, Ct);
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Sharing), anna, Ct);
        var outOfPhase = await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Verkeerde fase", null), piet, Ct);

        Assert.Equal(ErrorCodes.NotFound, unknown.Result.Error);
        Assert.Equal(ErrorCodes.Forbidden, participantEdits.Result.Error);
        Assert.Equal(ErrorCodes.PhaseClosed, outOfPhase.Result.Error);
    }

    [Fact]
    public async Task Points_over_both_the_cap_and_the_budget_are_refused_as_over_the_cap()
    {
        await Open();
        Assert.True((await Dots(piet, risks[0], 3)).Result.Ok);

        // Budget 5 with 3 spent: 4 more breaks the cap (3) and the budget (5) at once.
        Assert.Equal(ErrorCodes.OverCap, (await Dots(piet, risks[1], 4)).Result.Error);
    }

    [Fact]
    public async Task A_risk_description_has_its_own_limit()
    {
        var fits = await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Lang verhaal", new string('x', HubContract.MaxRiskDescriptionLength)), anna, Ct);
        var tooLong = await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Te lang verhaal", new string('x', HubContract.MaxRiskDescriptionLength + 1)), anna, Ct);

        Assert.True(fits.Result.Ok, fits.Result.Error);
        Assert.Equal(ErrorCodes.TextTooLong, tooLong.Result.Error);
        Assert.Equal($"A risk's description has at most {HubContract.MaxRiskDescriptionLength} characters.", tooLong.Result.Detail);
    }

    [Fact]
    public async Task Concurrent_votes_of_one_participant_never_exceed_the_budget()
    {
        await Open(budget: 5, cap: 3);

        // Two tabs, each putting 3 points on a different risk at the same moment: only one can win.
        var outcomes = await Task.WhenAll(risks.Select(r => Task.Run(() => Dots(piet, r, 3))));

        Assert.Single(outcomes, o => o.Result.Ok);
        Assert.All(outcomes.Where(o => !o.Result.Ok), o => Assert.Equal(ErrorCodes.OverBudget, o.Result.Error));
        Assert.Equal(3, (await StoredPointsAsync(piet)).Values.Sum());
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class VotingTestsOnPostgres : VotingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
