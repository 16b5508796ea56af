using System.Globalization;
using System.Net;
using System.Text;
using IbtDialogue.Protocol;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Minutes;

/// <summary>The minutes in the other formats people ask for, all made from the stored Markdown or the dialogue's record.</summary>
public sealed class MinutesExports(MarkdownRenderer renderer, WordExport word)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>A standalone HTML file: the rendered (sanitized) minutes with a print-friendly style, nothing to load.</summary>
    public string Html(string markdown, string title) => $$"""
        <!DOCTYPE html>
        <html lang="nl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>
        body { font-family: "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
        h1, h2, h3, h4 { color: #154273; line-height: 1.25; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid #b3b3b3; padding: 0.3rem 0.6rem; text-align: left; }
        a { color: #154273; }
        @media print { body { margin: 0; max-width: none; font-size: 11pt; } h2, h3 { break-after: avoid; } tr, li { break-inside: avoid; } }
        </style>
        </head>
        <body>
        <main>
        {{renderer.ToHtml(markdown)}}
        </main>
        </body>
        </html>
        """;

    public byte[] Docx(string markdown, string title) => word.Create(markdown, title);

    /// <summary>
    /// The risk votes, one row per risk, as Dutch spreadsheets read CSV: semicolons, decimal commas, UTF-8
    /// with a byte-order mark. Cells that a spreadsheet would run as a formula start with an apostrophe. The column
    /// headers are in the request's language; the format of the figures stays the Dutch one in both languages.
    /// </summary>
    public static byte[] VotesCsv(MinutesRecord record)
    {
        var csv = new StringBuilder();
        Row(csv, [Texts.CsvTheme, Texts.ResultsRank, Texts.ResultsRisk, Texts.CsvMethod, Texts.ResultsPoints, Texts.CsvVoters,
            Texts.ResultsLikelihood, Texts.ResultsImpact, Texts.ResultsScore, Texts.CsvSpreadLikelihood, Texts.CsvSpreadImpact]);
        foreach (var theme in record.Themes)
        {
            foreach (var risk in theme.Vote.Risks)
            {
                var r = risk.Result;
                var dots = theme.Vote.Method == VoteMethod.Dots;
                Row(csv,
                [
                    theme.Title,
                    r?.Rank.ToString(Dutch) ?? "",
                    risk.Title,
                    dots ? Texts.CsvMethodDots : Texts.CsvMethodMatrix,
                    r is not null && dots ? r.Points.ToString(Dutch) : "",
                    r?.Voters.ToString(Dutch) ?? "",
                    Number(r?.MeanLikelihood),
                    Number(r?.MeanImpact),
                    Number(r?.Score),
                    Number(r?.SpreadLikelihood),
                    Number(r?.SpreadImpact),
                ]);
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.00", Dutch) : "";

    private static void Row(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.Append(string.Join(';', cells.Select(Cell))).Append("\r\n");
    }

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Number, Dutch, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
