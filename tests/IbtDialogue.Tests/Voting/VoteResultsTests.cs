using IbtDialogue.Protocol;
using IbtDialogue.Voting;
using static IbtDialogue.Voting.VoteResults;

namespace IbtDialogue.Tests.Voting;

public sealed class VoteResultsTests
{
    private static readonly RiskOnList[] Risks = [new(10, 1), new(20, 2), new(30, 3), new(40, 4)];

    [Fact]
    public void Dots_add_up_per_risk_and_count_each_voter_once()
    {
        var results = Compute(VoteMethod.Dots, Risks,
        [
            new(10, 1, 3, null, null), new(20, 1, 2, null, null),
            new(10, 2, 1, null, null), new(30, 2, 3, null, null), new(20, 2, 1, null, null),
            new(10, 3, 2, null, null),
        ]);

        Assert.Equal(
            [new RiskResult(10, 1, 6, 3), new RiskResult(20, 2, 3, 2), new RiskResult(30, 2, 3, 1), new RiskResult(40, 4, 0, 0)],
            results);
    }

    [Fact]
    public void Equal_results_share_a_rank_and_keep_their_place_on_the_list()
    {
        var results = Compute(VoteMethod.Dots, Risks,
        [
            new(40, 1, 2, null, null), new(20, 2, 2, null, null), new(30, 3, 1, null, null), new(10, 4, 1, null, null),
        ]);

        Assert.Equal([(20, 1), (40, 1), (10, 3), (30, 3)], results.Select(r => (r.RiskId, r.Rank)));
    }

    [Fact]
    public void A_ballot_with_zero_points_is_no_vote()
    {
        var results = Compute(VoteMethod.Dots, Risks, [new(10, 1, 0, null, null)]);
        Assert.All(results, r => Assert.Equal((0, 0, 1), (r.Points, r.Voters, r.Rank)));
    }

    [Fact]
    public void The_matrix_takes_means_over_those_who_rated_each_risk()
    {
        // Risk 10: (2,4) (4,2) (3,3): mean 3 × 3 = 9, spread √(2/3) both ways.
        // Risk 20: rated by one participant only: (5,4) = 20.
        // Risk 30: nobody rated it. Risk 40: (1,1) = 1.
        var results = Compute(VoteMethod.Matrix, Risks,
        [
            new(10, 1, 0, 2, 4), new(10, 2, 0, 4, 2), new(10, 3, 0, 3, 3),
            new(20, 2, 0, 5, 4),
            new(40, 1, 0, 1, 1),
        ]);

        Assert.Equal([20, 10, 40, 30], results.Select(r => r.RiskId));
        var ten = results.Single(r => r.RiskId == 10);
        Assert.Equal((2, 3, 3.0, 3.0, 9.0), (ten.Rank, ten.Voters, ten.MeanLikelihood, ten.MeanImpact, ten.Score));
        Assert.Equal(Math.Sqrt(2.0 / 3), ten.SpreadLikelihood!.Value, 12);
        Assert.Equal(Math.Sqrt(2.0 / 3), ten.SpreadImpact!.Value, 12);
        var twenty = results.Single(r => r.RiskId == 20);
        Assert.Equal((1, 1, 20.0, 0.0), (twenty.Rank, twenty.Voters, twenty.Score, twenty.SpreadLikelihood));
        var unrated = results.Single(r => r.RiskId == 30);
        Assert.Equal((4, 0), (unrated.Rank, unrated.Voters));
        Assert.Null(unrated.Score);
    }

    [Fact]
    public void Matrix_ties_share_a_rank()
    {
        var results = Compute(VoteMethod.Matrix, Risks, [new(30, 1, 0, 2, 3), new(10, 1, 0, 3, 2), new(20, 1, 0, 5, 5)]);
        Assert.Equal([(20, 1), (10, 2), (30, 2), (40, 4)], results.Select(r => (r.RiskId, r.Rank)));
    }

    [Fact]
    public void A_half_rating_does_not_count()
    {
        var results = Compute(VoteMethod.Matrix, Risks, [new(10, 1, 0, 3, null)]);
        Assert.Equal(0, results.Single(r => r.RiskId == 10).Voters);
    }
}
