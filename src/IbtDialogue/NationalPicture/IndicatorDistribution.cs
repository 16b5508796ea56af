using System.Globalization;
using IbtDialogue.Participants;
using IbtDialogue.Resources;

namespace IbtDialogue.NationalPicture;

/// <param name="Rank">The place from the top: 1 for the highest value; equal values share the best place (1, 1, 3).</param>
public sealed record MunicipalityFigure(string Code, string Name, double Value, int Rank);

/// <summary>
/// One indicator in one year across the country: every municipality's value, highest first, the median,
/// and optionally one municipality to point out (which may have no value that year).
/// </summary>
public sealed record IndicatorDistribution(
    IndicatorSummary Indicator,
    int Year,
    IReadOnlyList<MunicipalityFigure> Figures,
    double? Median,
    MunicipalityRegion? Highlight,
    MunicipalityFigure? HighlightFigure)
{
    public static IndicatorDistribution From(IndicatorSummary indicator, int year, IEnumerable<(string Code, double Value)> values, MunicipalityRegion? highlight)
    {
        var names = StringComparer.Create(CultureInfo.GetCultureInfo("nl-NL"), ignoreCase: true);
        var sorted = values
            .Select(v => (v.Code, Name: Regions.Find(v.Code)?.Name ?? v.Code, v.Value))
            .OrderByDescending(v => v.Value)
            .ThenBy(v => v.Name, names)
            .ToList();

        var figures = new List<MunicipalityFigure>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            // Competition ranking: a tie takes the place of the first of the equal values.
            var rank = i > 0 && sorted[i].Value == sorted[i - 1].Value ? figures[i - 1].Rank : i + 1;
            figures.Add(new MunicipalityFigure(sorted[i].Code, sorted[i].Name, sorted[i].Value, rank));
        }

        var highlighted = highlight is null ? null : figures.FirstOrDefault(f => string.Equals(f.Code, highlight.Code, StringComparison.OrdinalIgnoreCase));
        return new IndicatorDistribution(indicator, year, figures, MedianOf(figures), highlight, highlighted);
    }

    /// <summary>The middle value, or the mean of the two middle values for an even count; none without values.</summary>
    private static double? MedianOf(IReadOnlyList<MunicipalityFigure> descending)
    {
        var n = descending.Count;
        if (n == 0)
        {
            return null;
        }

        return n % 2 == 1 ? descending[n / 2].Value : (descending[(n / 2) - 1].Value + descending[n / 2].Value) / 2;
    }

    /// <summary>A value as pages write it: Dutch notation, at most three decimals.</summary>
    public static string Format(double value) => value.ToString("#,##0.###", CultureInfo.GetCultureInfo("nl-NL"));

    /// <summary>A value with the indicator's unit: "87,5%" or "12 inspecties".</summary>
    public string WithUnit(double value) => Indicator.Unit switch
    {
        null => Format(value),
        "%" => Format(value) + "%",
        { } unit => string.Format(ServerTexts.Culture, "{0} {1}", Format(value), unit),
    };
}
