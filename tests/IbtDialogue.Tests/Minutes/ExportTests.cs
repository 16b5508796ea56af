using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using IbtDialogue.Minutes;

namespace IbtDialogue.Tests.Minutes;

public sealed class ExportTests
{
    private static readonly MinutesComposer Composer = new(CultureInfo.GetCultureInfo("nl-NL"));
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly MinutesExports Exports = new(Renderer, new WordExport(Renderer));

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);

    private static List<Paragraph> Paragraphs(WordprocessingDocument doc) => [.. doc.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>()];

    private static string? Style(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    [Fact]
    public void The_word_document_is_valid_open_xml_with_real_headings_lists_tables_and_emphasis()
    {
        var markdown = Composer.Compose(MinutesComposerTests.Ordinary());
        using var doc = Open(Exports.Docx(markdown, "Notulen"));

        Assert.Empty(new OpenXmlValidator().Validate(doc, TestContext.Current.CancellationToken));
        var paragraphs = Paragraphs(doc);
        Assert.Equal("Lerende dialoog toezicht kinderopvang, regio Noord", Assert.Single(paragraphs, p => Style(p) == "Heading1").InnerText);
        Assert.Contains(paragraphs, p => Style(p) == "Heading2" && p.InnerText == "1. Handhaving bij overtredingen");
        Assert.Contains(paragraphs, p => Style(p) == "Heading3" && p.InnerText == "Goede voorbeelden");
        Assert.Contains(paragraphs, p => Style(p) == "Heading4" && p.InnerText == "Volledige inspectie na herhaald laag risico");

        var item = Assert.Single(paragraphs, p => p.InnerText.StartsWith("Vaste afspraken met de GGD", StringComparison.Ordinal));
        Assert.Equal(0, item.ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value);
        var nested = Assert.Single(paragraphs, p => p.InnerText.StartsWith("Wie betaalt de extra inspectie?", StringComparison.Ordinal));
        Assert.Equal(1, nested.ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value);

        var bold = doc.MainDocumentPart!.Document!.Body!.Descendants<Run>().First(r => r.InnerText == "Facilitatoren:");
        Assert.NotNull(bold.RunProperties?.Bold);

        var tables = doc.MainDocumentPart.Document.Body.Descendants<Table>().ToList();
        Assert.Equal(3, tables.Count); // Participants, risks, agreements.
        var risks = tables[1].Elements<TableRow>().ToList();
        Assert.NotNull(risks[0].TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.Equal(["Plaats", "Risico", "Punten", "Stemmers"], risks[0].Elements<TableCell>().Select(c => c.InnerText));
        Assert.Equal(["1", "Handhaving na overtredingen blijft uit", "9", "3"], risks[1].Elements<TableCell>().Select(c => c.InnerText));
        Assert.All(risks[0].Descendants<Run>(), r => Assert.NotNull(r.RunProperties?.Bold));
    }

    [Fact]
    public void Links_become_word_hyperlinks_only_for_web_and_mail_addresses()
    {
        var markdown = "Zie [de inspectie](https://www.onderwijsinspectie.nl), [mail ons](mailto:ibt@owinsp.example), [kwaad](javascript:alert(1)) en *schuin* en ~~weg~~ en `code`.\n\n1. een\n2. twee\n";
        using var doc = Open(Exports.Docx(markdown, "Links"));

        Assert.Empty(new OpenXmlValidator().Validate(doc, TestContext.Current.CancellationToken));
        var targets = doc.MainDocumentPart!.HyperlinkRelationships.Select(r => r.Uri.ToString()).ToList();
        Assert.Equal(["https://www.onderwijsinspectie.nl/", "mailto:ibt@owinsp.example"], targets);
        var links = doc.MainDocumentPart.Document!.Body!.Descendants<Hyperlink>().Select(h => h.InnerText).ToList();
        Assert.Equal(["de inspectie", "mail ons"], links);
        Assert.Contains("kwaad", doc.MainDocumentPart.Document.Body.InnerText, StringComparison.Ordinal); // The text stays, the link does not.
        var runs = doc.MainDocumentPart.Document.Body.Descendants<Run>().ToList();
        Assert.NotNull(runs.Single(r => r.InnerText == "schuin").RunProperties?.Italic);
        Assert.NotNull(runs.Single(r => r.InnerText == "weg").RunProperties?.Strike);
        Assert.Equal("Consolas", runs.Single(r => r.InnerText == "code").RunProperties?.RunFonts?.Ascii?.Value);
        var ordered = Paragraphs(doc).Where(p => p.InnerText is "een" or "twee").ToList();
        Assert.Equal(2, ordered.Count);
        Assert.All(ordered, p => Assert.NotNull(p.ParagraphProperties?.NumberingProperties));
    }

    [Fact]
    public void The_html_file_stands_alone_with_the_sanitized_minutes()
    {
        var html = Exports.Html(Composer.Compose(MinutesComposerTests.Treacherous()), "<Notulen>");
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;Notulen&gt;</title>", html, StringComparison.Ordinal);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, img, iframe, svg"));
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_has_one_row_per_risk_with_the_figures_as_dutch_spreadsheets_read_them()
    {
        var bytes = MinutesExports.VotesCsv(MinutesComposerTests.Anonymous());
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();

        Assert.Equal(["Thema", "Plaats", "Risico", "Stemwijze", "Punten", "Stemmers of beoordelaars", "Kans (gemiddeld)", "Impact (gemiddeld)", "Score", "Spreiding kans", "Spreiding impact"], lines[0]);
        Assert.Equal(5, lines.Count); // Header, three rated risks of theme 1, one risk without a vote.
        Assert.Equal(["Voorkomen van segregatie", "1", "Segregatie staat zelden op de LEA-agenda", "risicomatrix", "", "3", "4,33", "3,67", "15,89", "0,47", "0,47"], lines[1]);
        Assert.Equal(["Voorkomen van segregatie", "3", "Scholen kiezen hun leerlingen", "risicomatrix", "", "0", "", "", "", "", ""], lines[3]);
        Assert.Equal(["Inschrijving en toelating", "", "Toelatingsbeleid onduidelijk", "punten", "", "", "", "", "", "", ""], lines[4]);
        var total = double.Parse(lines[1][8], NumberStyles.Number, CultureInfo.GetCultureInfo("nl-NL"));
        Assert.Equal(15.89, total);
    }

    [Fact]
    public void The_csv_defuses_formulas_and_quotes_separators()
    {
        var record = new MinutesRecord("x", new DateOnly(2026, 1, 1), null, Protocol.Anonymity.Named, [], [],
        [
            new ThemeRecord("Thema; met puntkomma", null, [], [],
                new VoteRecord(Protocol.VoteMethod.Dots, Protocol.VoteState.Closed,
                    [new RiskLine("=HYPERLINK(\"https://kwaad.example\")", new Protocol.RiskResult(1, 1, 4, 2))]),
                []),
        ]);

        var text = Encoding.UTF8.GetString(MinutesExports.VotesCsv(record)[3..]);
        var row = text.Split("\r\n")[1];
        Assert.StartsWith("\"Thema; met puntkomma\";1;\"'=HYPERLINK(\"\"https://kwaad.example\"\")\";punten;4;2", row, StringComparison.Ordinal);
    }
}
