using IbtDialogue.Dialogues;
using IbtDialogue.NationalPicture;
using IbtDialogue.Protocol;
using static IbtDialogue.NationalPicture.RiskArithmetic;

namespace IbtDialogue.Tests.NationalPicture;

/// <summary>
/// Golden tests of the national picture's arithmetic: every expected number below is worked out by hand from
/// the ballots in the test, so a change in how shares, means, spreads or ranks are computed shows here.
/// </summary>
public sealed class RiskArithmeticTests
{
    private const string Theme = "ko-handhaving";
    private const int A = 100, B = 101, C = 102, D = 103;

    private static readonly Dictionary<int, string> Towns = new()
    {
        [1] = "Zwolle", [2] = "Assen", [3] = "Emmen", [4] = "Almere", [5] = "Ede", [6] = "Breda",
    };

    private static RiskOutcome Dots(int dialogue, int catalogueRisk, double share, int year = 2025, string? region = null, params string[] towns) =>
        new() { DialogueId = dialogue, CatalogueRiskId = catalogueRisk, Domain = Domain.ChildcareSupervision, ThemeKey = Theme, Year = year, Region = region, Method = VoteMethod.Dots, Share = share, Municipalities = string.Join('\n', towns) };

    private static RiskOutcome Matrix(int dialogue, int catalogueRisk, double likelihood, double impact, params string[] towns) =>
        new() { DialogueId = dialogue, CatalogueRiskId = catalogueRisk, Domain = Domain.ChildcareSupervision, ThemeKey = Theme, Year = 2025, Method = VoteMethod.Matrix, MeanLikelihood = likelihood, MeanImpact = impact, Municipalities = string.Join('\n', towns) };

    private static RiskFigure National(IReadOnlyList<RiskFigure> figures, int catalogueRisk, int year = 2025) =>
        figures.Single(f => f.Region == "" && f.CatalogueRiskId == catalogueRisk && f.Year == year);

    [Fact]
    public void A_dot_vote_gives_each_catalogue_risk_its_share_of_all_points_and_leaves_unlinked_risks_out()
    {
        // Risk 1 → A, 2 → B, 4 → D are in the catalogue; risk 3 is the room's own. Ten points in all.
        var ballots = new Ballot[]
        {
            new(1, 1, 3, null, null), new(2, 1, 2, null, null), // Zwolle: 3 on A, 2 on B
            new(1, 2, 1, null, null), new(3, 2, 4, null, null), // Assen: 1 on A, 4 on the room's own risk
        };

        var outcomes = Outcomes(7, Domain.ChildcareSupervision, Theme, 2025, "GGD IJsselland", VoteMethod.Dots,
            new Dictionary<int, int> { [1] = A, [2] = B, [4] = D }, ballots, Towns);

        Assert.Equal([A, B, D], outcomes.Select(o => o.CatalogueRiskId));
        Assert.Equal([0.4, 0.2, 0.0], outcomes.Select(o => o.Share!.Value));
        Assert.Equal([2, 1, 0], outcomes.Select(o => o.Voters));

        // Weighed by everyone who voted in it, also a risk that got nothing: it was on the list and passed over.
        Assert.All(outcomes, o => Assert.Equal("Assen\nZwolle", o.Municipalities));
        Assert.All(outcomes, o => Assert.Equal("GGD IJsselland", o.Region));
    }

    [Fact]
    public void A_dot_vote_without_points_counts_for_nothing()
    {
        var outcomes = Outcomes(7, Domain.ChildcareSupervision, Theme, 2025, null, VoteMethod.Dots, new Dictionary<int, int> { [1] = A }, [], Towns);

        Assert.Empty(outcomes);
    }

    [Fact]
    public void Participants_who_speak_for_no_municipality_vote_but_are_not_counted_as_municipalities()
    {
        // Participant 9 (a GGD) is not in the municipality list.
        var outcomes = Outcomes(7, Domain.ChildcareSupervision, Theme, 2025, null, VoteMethod.Dots,
            new Dictionary<int, int> { [1] = A }, [new(1, 9, 2, null, null), new(1, 1, 2, null, null)], Towns);

        Assert.Equal(1.0, Assert.Single(outcomes).Share);
        Assert.Equal(2, outcomes[0].Voters);
        Assert.Equal("Zwolle", outcomes[0].Municipalities);
    }

    [Fact]
    public void Shares_compare_across_budgets_a_dialogue_counts_once_and_the_spread_is_over_dialogues()
    {
        // Dialogue 1 had a budget of 5 per person, dialogue 2 one of 10: shares make them comparable.
        // A: 0.4 and 0.6 → mean 0.5, population spread 0.1. B: 0.2 and 0.2 → 0.2, spread 0.
        var figures = Figures(
        [
            Dots(1, A, 0.4, towns: ["Zwolle", "Assen"]), Dots(1, B, 0.2, towns: ["Zwolle", "Assen"]),
            Dots(2, A, 0.6, towns: ["Zwolle", "Emmen"]), Dots(2, B, 0.2, towns: ["Zwolle", "Emmen"]),
        ]);

        var a = National(figures, A);
        Assert.Equal(0.5, a.MeanShare!.Value, 9);
        Assert.Equal(0.1, a.SpreadShare!.Value, 9);
        Assert.Equal(2, a.Dialogues);
        Assert.Equal(3, a.Municipalities); // Zwolle, Assen, Emmen: Zwolle once
        Assert.Equal(1, a.Rank);

        var b = National(figures, B);
        Assert.Equal(0.2, b.MeanShare!.Value, 9);
        Assert.Equal(0.0, b.SpreadShare!.Value, 9);
        Assert.Equal(2, b.Rank);
        Assert.Null(a.Score);
    }

    [Fact]
    public void A_risk_on_two_themes_of_one_dialogue_counts_once_with_their_mean()
    {
        var figures = Figures([Dots(1, A, 0.2, towns: "Zwolle"), Dots(1, A, 0.6, towns: "Assen")]);

        var a = National(figures, A);
        Assert.Equal(1, a.Dialogues);
        Assert.Equal(0.4, a.MeanShare!.Value, 9);
        Assert.Equal(2, a.Municipalities);
    }

    [Fact]
    public void Equal_figures_share_a_rank_and_the_next_rank_skips()
    {
        var figures = Figures([Dots(1, A, 0.3), Dots(1, B, 0.3), Dots(1, C, 0.1), Dots(1, D, 0.3)]);

        Assert.Equal(1, National(figures, A).Rank);
        Assert.Equal(1, National(figures, B).Rank);
        Assert.Equal(1, National(figures, D).Rank);
        Assert.Equal(4, National(figures, C).Rank);
    }

    [Fact]
    public void Shares_that_differ_only_by_rounding_noise_are_equal()
    {
        // 0.1 + 0.2 is not exactly 0.3 in binary floating point; both rest on 3 of 10 points.
        var figures = Figures([Dots(1, A, 0.1 + 0.2), Dots(1, B, 0.3)]);

        Assert.Equal(National(figures, A).Rank, National(figures, B).Rank);
    }

    [Fact]
    public void A_matrix_vote_gives_mean_likelihood_and_impact_over_those_who_rated()
    {
        var ballots = new Ballot[]
        {
            new(1, 1, 0, 4, 3), new(1, 2, 0, 2, 5), // A: likelihood 4 and 2 → 3, impact 3 and 5 → 4
            new(2, 1, 0, 5, 5),                     // B: only Zwolle rated it
        };

        var outcomes = Outcomes(7, Domain.ChildcareSupervision, Theme, 2025, null, VoteMethod.Matrix,
            new Dictionary<int, int> { [1] = A, [2] = B, [3] = C }, ballots, Towns);

        Assert.Equal([A, B], outcomes.Select(o => o.CatalogueRiskId)); // C: nobody rated it
        Assert.Equal(3.0, outcomes[0].MeanLikelihood);
        Assert.Equal(4.0, outcomes[0].MeanImpact);
        Assert.Equal("Assen\nZwolle", outcomes[0].Municipalities);
        Assert.Equal("Zwolle", outcomes[1].Municipalities);
        Assert.Equal(1, outcomes[1].Voters);
    }

    [Fact]
    public void Matrix_figures_are_means_over_dialogues_with_score_and_spreads()
    {
        // A: dialogue 1 (3, 4), dialogue 2 (5, 2), dialogue 3 (4, 3) → likelihood 4, impact 3, score 12;
        // spreads √(2/3) each. B: (5, 5) once → score 25, spreads 0, first.
        var figures = Figures(
        [
            Matrix(1, A, 3, 4, "Zwolle"), Matrix(2, A, 5, 2, "Assen"), Matrix(3, A, 4, 3, "Emmen"),
            Matrix(1, B, 5, 5, "Zwolle"),
        ]);

        var a = National(figures, A);
        Assert.Equal(4.0, a.MeanLikelihood!.Value, 9);
        Assert.Equal(3.0, a.MeanImpact!.Value, 9);
        Assert.Equal(12.0, a.Score!.Value, 9);
        Assert.Equal(Math.Sqrt(2.0 / 3.0), a.SpreadLikelihood!.Value, 9);
        Assert.Equal(Math.Sqrt(2.0 / 3.0), a.SpreadImpact!.Value, 9);
        Assert.Equal(2, a.Rank);
        Assert.Null(a.MeanShare);

        var b = National(figures, B);
        Assert.Equal(25.0, b.Score!.Value, 9);
        Assert.Equal(1, b.Rank);
    }

    [Fact]
    public void Dots_and_matrix_are_ranked_apart()
    {
        var figures = Figures([Dots(1, A, 0.1), Matrix(2, B, 1, 1)]);

        Assert.Equal(1, figures.Single(f => f.Region == "" && f.Method == VoteMethod.Dots).Rank);
        Assert.Equal(1, figures.Single(f => f.Region == "" && f.Method == VoteMethod.Matrix).Rank);
    }

    [Fact]
    public void The_previous_rank_is_the_same_risks_rank_a_year_earlier()
    {
        // 2024: A first, B second. 2025: B first, A second; C is new in 2025.
        var figures = Figures(
        [
            Dots(1, A, 0.6, 2024), Dots(1, B, 0.4, 2024),
            Dots(2, A, 0.2, 2025), Dots(2, B, 0.5, 2025), Dots(2, C, 0.3, 2025),
        ]);

        Assert.Null(National(figures, A, 2024).PreviousRank);
        Assert.Equal((3, 1), (National(figures, A).Rank, National(figures, A).PreviousRank!.Value));
        Assert.Equal((1, 2), (National(figures, B).Rank, National(figures, B).PreviousRank!.Value));
        Assert.Null(National(figures, C).PreviousRank);
    }

    [Fact]
    public void A_dialogue_with_a_region_counts_nationally_and_in_its_region()
    {
        var figures = Figures([Dots(1, A, 0.5, region: "GGD Drenthe", towns: "Assen"), Dots(2, A, 0.1, towns: "Zwolle")]);

        Assert.Equal(2, National(figures, A).Dialogues);
        var drenthe = figures.Single(f => f.Region == "GGD Drenthe");
        Assert.Equal((1, 0.5), (drenthe.Dialogues, drenthe.MeanShare!.Value));
        Assert.Equal(2, figures.Count);
    }

    [Theory]
    [InlineData(5, 5, true)]
    [InlineData(4, 5, false)]
    [InlineData(5, 4, false)]
    [InlineData(40, 1, false)]
    [InlineData(6, 9, true)]
    public void A_figure_leaves_the_Inspectie_only_on_at_least_five_dialogues_and_five_municipalities(int dialogues, int municipalities, bool shareable)
    {
        var figure = new RiskFigure { ThemeKey = Theme, Dialogues = dialogues, Municipalities = municipalities, MeanShare = 0.2 };

        Assert.Equal(shareable, Shareable(figure));
    }

    [Fact]
    public void The_region_of_a_dialogue_is_the_GGD_region_most_of_its_municipalities_belong_to()
    {
        // Assen and Emmen: GGD Drenthe; Zwolle: GGD IJsselland.
        Assert.Equal("GGD Drenthe", NationalPictureCounter.MostCommonRegion(["Zwolle", "Assen", "Emmen"]));
        Assert.Equal("GGD Drenthe", NationalPictureCounter.MostCommonRegion(["Zwolle", "Assen"])); // a tie: the first by name
        Assert.Null(NationalPictureCounter.MostCommonRegion([]));
        Assert.Null(NationalPictureCounter.MostCommonRegion(["Gemeente die niet bestaat"]));
    }
}
