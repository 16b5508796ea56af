using IbtDialogue.Dialogues;
using IbtDialogue.NationalPicture;
using IbtDialogue.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.NationalPicture;

/// <summary>The national distribution of an indicator: order, median and the place of one municipality, on figures worked out by hand.</summary>
public sealed class IndicatorDistributionTests : HarnessTests
{
    private IndicatorService Indicators => h.Services.GetRequiredService<IndicatorService>();

    private async Task<int> IndicatorWithAsync(int year, params (string Code, double Value)[] values)
    {
        var (id, errors) = await Indicators.DefineAsync(new IndicatorDraft("handhaving-tijdig", "Tijdig gehandhaafd", "%", Domain.ChildcareSupervision, null, null), Ct);
        Assert.Empty(errors);
        await h.QueryAsync(async db =>
        {
            db.IndicatorValues.AddRange(values.Select(v => new IndicatorValue { IndicatorId = id!.Value, Year = year, MunicipalityCode = v.Code, Value = v.Value }));
            return await db.SaveChangesAsync(Ct);
        });
        return id!.Value;
    }

    [Fact]
    public async Task An_odd_count_has_the_middle_value_as_median_and_ties_share_the_best_place()
    {
        // Zwolle 10, Assen 30, Ede 20, Delft 30, Breda 5. Highest first, equal values by name:
        // Assen 30 (1), Delft 30 (1), Ede 20 (3), Zwolle 10 (4), Breda 5 (5); the median of five is the third: 20.
        var id = await IndicatorWithAsync(2025, ("GM0193", 10), ("GM0106", 30), ("GM0228", 20), ("GM0503", 30), ("GM0758", 5));

        var distribution = await Indicators.DistributionAsync(id, 2025, "GM0503", Ct);

        Assert.NotNull(distribution);
        Assert.Equal(
            [("Assen", 30.0, 1), ("Delft", 30.0, 1), ("Ede", 20.0, 3), ("Zwolle", 10.0, 4), ("Breda", 5.0, 5)],
            distribution.Figures.Select(f => (f.Name, f.Value, f.Rank)));
        Assert.Equal(20, distribution.Median);
        Assert.Equal("Delft", distribution.Highlight?.Name);
        Assert.Equal(("GM0503", 30.0, 1), (distribution.HighlightFigure!.Code, distribution.HighlightFigure.Value, distribution.HighlightFigure.Rank));
    }

    [Fact]
    public async Task An_even_count_has_the_mean_of_the_two_middle_values_as_median()
    {
        // 40, 25, 15, 15, 10, 2: the middle two are 15 and 15 → 15; Ede and Leiden share place 3, Zwolle comes 5th.
        var id = await IndicatorWithAsync(2024, ("GM0193", 10), ("GM0106", 40), ("GM0228", 15), ("GM0546", 15), ("GM0758", 25), ("GM0014", 2));

        var distribution = await Indicators.DistributionAsync(id, 2024, "Zwolle", Ct);

        Assert.Equal(15, distribution!.Median);
        Assert.Equal([1, 2, 3, 3, 5, 6], distribution.Figures.Select(f => f.Rank));
        Assert.Equal(("Zwolle", 5), (distribution.HighlightFigure!.Name, distribution.HighlightFigure.Rank));
    }

    [Fact]
    public async Task The_median_of_two_different_middle_values_lies_between_them()
    {
        // 9, 7, 4, 1: (7 + 4) / 2 = 5.5.
        var id = await IndicatorWithAsync(2025, ("GM0193", 1), ("GM0106", 9), ("GM0228", 4), ("GM0503", 7));

        var distribution = await Indicators.DistributionAsync(id, 2025, null, Ct);

        Assert.Equal(5.5, distribution!.Median);
        Assert.Null(distribution.Highlight);
        Assert.Null(distribution.HighlightFigure);
    }

    [Fact]
    public async Task A_municipality_without_a_value_that_year_is_named_but_has_no_place()
    {
        var id = await IndicatorWithAsync(2025, ("GM0193", 1), ("GM0106", 9));

        var distribution = await Indicators.DistributionAsync(id, 2025, "GM0363", Ct);
        var otherYear = await Indicators.DistributionAsync(id, 2023, "GM0193", Ct);

        Assert.Equal("Amsterdam", distribution!.Highlight?.Name);
        Assert.Null(distribution.HighlightFigure);
        Assert.Empty(otherYear!.Figures);
        Assert.Null(otherYear.Median);
        Assert.Null(await Indicators.DistributionAsync(id + 1, 2025, null, Ct));
    }
}
