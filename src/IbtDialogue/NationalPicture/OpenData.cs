using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

/// <summary>One line of the open data: a catalogue risk's national or regional figure in one year, weighed one way.</summary>
[CsvRecord]
public sealed partial record OpenFigure(
    string Domain,
    string ThemeKey,
    string Theme,
    int Year,
    string Region,
    string Method,
    int CatalogueRiskId,
    string Risk,
    int Rank,
    int Dialogues,
    int Municipalities,
    double? MeanShare,
    double? SpreadShare,
    double? MeanLikelihood,
    double? MeanImpact,
    double? Score,
    double? SpreadLikelihood,
    double? SpreadImpact);

/// <summary>
/// The national risk picture as open data (CSV and JSON): every year, domain, theme and region, with exactly
/// the small-cell rule of the public page — a figure on fewer than 5 dialogues or 5 municipalities is not in
/// it, and ranks are ranks among what is.
/// </summary>
public sealed class OpenData(IDbContextFactory<DialogueDb> dbFactory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<IReadOnlyList<OpenFigure>> FiguresAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var regions = await db.RiskFigures.Select(f => new { f.Domain, f.Region }).Distinct().ToListAsync(cancellationToken);
        var all = new List<RiskStanding>();
        foreach (var slice in regions)
        {
            all.AddRange(await RiskPicture.StandingsAsync(db, new PictureSlice(slice.Domain, null, null, slice.Region), cancellationToken));
        }

        return [.. all
            .OrderBy(s => s.Domain).ThenBy(s => s.Year).ThenBy(s => s.Region, StringComparer.Ordinal)
            .ThenBy(s => BuiltInTemplates.Theme(s.ThemeKey)?.Position ?? int.MaxValue).ThenBy(s => s.Method).ThenBy(s => s.Rank).ThenBy(s => s.CatalogueRiskId)
            .Select(s => new OpenFigure(
                s.Domain.ToString(), s.ThemeKey, BuiltInTemplates.Theme(s.ThemeKey)?.Title ?? s.ThemeKey, s.Year, s.Region, s.Method.ToString(), s.CatalogueRiskId, s.Title,
                s.Rank, s.Dialogues, s.Municipalities, Round(s.MeanShare), Round(s.SpreadShare), Round(s.MeanLikelihood), Round(s.MeanImpact), Round(s.Score),
                Round(s.SpreadLikelihood), Round(s.SpreadImpact)))];
    }

    public static string ToJson(IReadOnlyList<OpenFigure> figures) => JsonSerializer.Serialize(new { figures }, Json);

    /// <summary>CSV as Dutch spreadsheets read it: semicolons, decimal comma, a byte-order mark; text cells defused against formulas.</summary>
    public static byte[] ToCsv(IReadOnlyList<OpenFigure> figures)
    {
        var options = CsvWriterOptions.Default with
        {
            Separator = ';',
            FormatProvider = CultureInfo.GetCultureInfo("nl-NL"),
            Injection = CsvInjection.Escape,
            WriteByteOrderMark = true,
        };
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, options, leaveOpen: true))
        {
            csv.WriteRecords(figures);
        }

        return buffer.ToArray();
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}
