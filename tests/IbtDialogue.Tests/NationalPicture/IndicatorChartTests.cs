using System.Globalization;
using Bunit;
using IbtDialogue.Dialogues;
using IbtDialogue.NationalPicture;
using IbtDialogue.Participants;

namespace IbtDialogue.Tests.NationalPicture;

/// <summary>The chart as HTML: one bar per value, the chosen municipality pointed out in words, and a table of the same figures.</summary>
public sealed class IndicatorChartTests : BunitContext
{
    private static readonly IndicatorSummary Indicator = new(1, "inspecties-uitgevoerd", "Verplichte inspecties uitgevoerd", "%", Domain.ChildcareSupervision, null, null, null, [new IndicatorYear(2025, 6)]);

    private static readonly (string Code, double Value)[] Six = [("GM0193", 10), ("GM0106", 40), ("GM0228", 15), ("GM0546", 15), ("GM0758", 25.5), ("GM0014", 2)];

    public IndicatorChartTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("nl-NL");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("nl-NL");
    }

    private IRenderedComponent<IndicatorChart> Chart(IEnumerable<(string, double)> values, string? highlight) =>
        Render<IndicatorChart>(p => p.Add(c => c.Distribution, IndicatorDistribution.From(Indicator, 2025, values, Regions.Find(highlight))));

    private static double Number(AngleSharp.Dom.IElement element, string attribute) => double.Parse(element.GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Every_value_has_a_bar_and_the_table_row_with_the_same_figure_in_the_same_order()
    {
        var chart = Chart(Six, "GM0193");

        var bars = chart.FindAll("svg rect.bar");
        var rows = chart.FindAll("table tbody tr");
        Assert.Equal(6, bars.Count);
        Assert.Equal(6, rows.Count);
        Assert.Equal(["GM0106", "GM0758", "GM0228", "GM0546", "GM0193", "GM0014"], bars.Select(b => b.GetAttribute("data-code")));
        Assert.Equal(bars.Select(b => b.GetAttribute("data-code")), rows.Select(r => r.GetAttribute("data-code")));
        Assert.Equal(bars.Select(b => b.GetAttribute("data-value")), rows.Select(r => r.GetAttribute("data-value")));

        // What the table shows is the bar's own figure, in Dutch notation, with the place.
        Assert.Equal(["40", "25,5", "15", "15", "10", "2"], rows.Select(r => r.QuerySelectorAll("td")[2].TextContent));
        Assert.Equal(["1", "2", "3", "3", "5", "6"], rows.Select(r => r.QuerySelectorAll("td")[0].TextContent));

        // The bars stand left to right, and each one's length is its value on one scale.
        Assert.True(bars.Select(b => Number(b, "x")).Zip(bars.Skip(1).Select(b => Number(b, "x"))).All(p => p.First < p.Second));
        var perUnit = Number(bars[0], "height") / 40;
        Assert.All(bars, bar => Assert.Equal(Number(bar, "data-value") * perUnit, Number(bar, "height"), 1));
    }

    [Fact]
    public void The_chosen_municipality_is_pointed_out_by_a_marker_and_words_not_by_colour_alone()
    {
        var chart = Chart(Six, "Zwolle");

        var highlighted = Assert.Single(chart.FindAll("svg rect.highlight"));
        Assert.Equal("GM0193", highlighted.GetAttribute("data-code"));
        Assert.NotEqual(chart.FindAll("svg rect.bar")[0].GetAttribute("fill"), highlighted.GetAttribute("fill"));
        var marker = chart.Find("svg .highlight-marker");
        Assert.Equal("Zwolle: 10%", marker.QuerySelector("text")!.TextContent);
        Assert.NotNull(marker.QuerySelector("polygon"));

        var svg = chart.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal(
            "Staafdiagram van Verplichte inspecties uitgevoerd in 2025: 6 gemeenten, van de hoogste naar de laagste waarde. De mediaan is 15%. Zwolle: 10%, plaats 5 van 6 (van hoog naar laag).",
            svg.GetAttribute("aria-label"));

        var row = Assert.Single(chart.FindAll("table tbody tr.highlight"));
        Assert.Equal("GM0193", row.GetAttribute("data-code"));
        Assert.Equal("Zwolle (gekozen gemeente)", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal("6 gemeenten hebben een cijfer voor 2025. De mediaan is 15%. Zwolle: 10%, plaats 5 van 6 (van hoog naar laag).", chart.Find(".chart-summary").TextContent.Trim());
    }

    [Fact]
    public void The_median_line_and_the_axes_are_labelled()
    {
        var chart = Chart(Six, null);

        Assert.Equal("mediaan 15%", chart.Find("svg .median text").TextContent);
        var texts = chart.FindAll("svg text").Select(t => t.TextContent).ToList();
        Assert.Contains("Waarde (%)", texts);
        Assert.Contains("6 gemeenten, van de hoogste naar de laagste waarde", texts);
        Assert.Contains("0", texts);
        Assert.Contains("40", texts);
        Assert.Empty(chart.FindAll(".highlight, .highlight-marker"));
        Assert.DoesNotContain("plaats", chart.Find("svg").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_chosen_municipality_without_a_figure_is_said_so()
    {
        var chart = Chart(Six, "GM0363");

        Assert.Empty(chart.FindAll(".highlight"));
        Assert.EndsWith("Amsterdam heeft geen cijfer voor 2025.", chart.Find("svg").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void All_342_municipalities_get_a_bar_each()
    {
        var all = Regions.All.Select((m, i) => (m.Code, (double)(i % 97))).ToList();

        var chart = Chart(all, "GM0193");

        Assert.Equal(342, chart.FindAll("svg rect.bar").Count);
        Assert.Equal(342, chart.FindAll("table tbody tr").Count);
        Assert.Single(chart.FindAll("svg rect.highlight"));
    }

    [Fact]
    public void No_figures_draw_no_chart()
    {
        var chart = Chart([], "GM0193");

        Assert.Empty(chart.FindAll("svg"));
        Assert.Equal("Voor 2025 zijn er geen cijfers.", chart.Find("p").TextContent);
    }
}
