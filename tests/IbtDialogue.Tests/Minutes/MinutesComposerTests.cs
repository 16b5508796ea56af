using System.Globalization;
using IbtDialogue.Client.Protocol;
using IbtDialogue.Minutes;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Minutes;

/// <summary>
/// Golden files: the expected Markdown lives in Minutes/Golden. After a deliberate change of the minutes,
/// run the tests with UPDATE_GOLDEN=1, read the diff of the golden files, and commit them.
/// </summary>
public sealed class MinutesComposerTests
{
    private static readonly MinutesComposer Composer = new(CultureInfo.GetCultureInfo("nl-NL"));
    private static readonly MarkdownRenderer Renderer = new();

    public static MinutesRecord Ordinary() => new(
        "Lerende dialoog toezicht kinderopvang, regio Noord",
        new DateOnly(2026, 3, 12),
        new DateTime(2026, 3, 12, 15, 5, 0, DateTimeKind.Utc),
        ["Anna de Vries", "Bert Bakker"],
        [new OrganisationCount("Aa en Hunze", 2), new OrganisationCount("GGD Drenthe", 1), new OrganisationCount("Assen", 1)],
        [
            new ThemeRecord("Handhaving bij overtredingen", "De gemeente handhaaft als de GGD overtredingen vindt.",
            [
                new ContributionRecord(ContributionKind.SuccessFactor, "Vaste afspraken met de GGD over de termijnen", "Piet Jansen", "Aa en Hunze"),
                new ContributionRecord(ContributionKind.Bottleneck, "Te weinig capaciteit voor herhaalonderzoek", "Fatima El Amrani", "GGD Drenthe"),
                new ContributionRecord(ContributionKind.Question, "Hoe gaan jullie om met een last onder dwangsom?", "Kees de Boer", "Assen"),
                new ContributionRecord(ContributionKind.SuccessFactor, "Een handhavingsbeleid dat de raad heeft vastgesteld", "Anna de Vries", "Inspectie van het Onderwijs"),
            ]),
            new ThemeRecord("Het Landelijk Register Kinderopvang op orde", null, []),
        ]);

    public static MinutesRecord Treacherous() => new(
        "# Niet *vet* | geen [link](javascript:alert(1))",
        new DateOnly(2026, 11, 2),
        null,
        ["<b>Anna</b>"],
        [new OrganisationCount("Gemeente | Pipe & Co", 1)],
        [
            new ThemeRecord("1. Geen lijst", "- ook geen lijst",
            [
                new ContributionRecord(ContributionKind.Bottleneck, "<script>alert('x')</script> en **geen** _nadruk_ en `code`", "Piet <img src=x onerror=alert(1)>", "Org | met pipe"),
                new ContributionRecord(ContributionKind.Bottleneck, "## geen kop\n- geen lijst\n> geen citaat", "[klik](https://kwaad.example)", "A&amp;B"),
                new ContributionRecord(ContributionKind.Question, "<https://example.org> en ![plaatje](https://x.example/p.png) en 3) punt", "Jan", "Zwolle"),
            ]),
        ]);

    [Theory]
    [InlineData("ordinary")]
    [InlineData("treacherous")]
    public void Composes_the_golden_markdown(string name)
    {
        var record = name == "ordinary" ? Ordinary() : Treacherous();
        var markdown = Composer.Compose(record);
        var path = Path.Combine(RepositoryRoot.Path, "tests", "IbtDialogue.Tests", "Minutes", "Golden", $"{name}.md");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, markdown);
        }

        Assert.Equal(File.ReadAllText(path), markdown);
    }

    [Fact]
    public void The_same_record_gives_the_same_bytes()
    {
        Assert.Equal(Composer.Compose(Ordinary()), Composer.Compose(Ordinary()));
    }

    [Fact]
    public void Typed_text_never_becomes_structure_links_or_html()
    {
        var html = Renderer.ToHtml(Composer.Compose(Treacherous()));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<strong>geen</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<blockquote>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ol", html, StringComparison.Ordinal);

        // Exactly the composer's headings: one h1, the fixed h2s, no heading typed by someone.
        Assert.Equal(1, Count(html, "<h1"));
        Assert.Equal(3, Count(html, "<h2")); // Participants, the theme, closing.
        // The organisation table has two cells per row, whatever pipes the name holds.
        Assert.Equal(2, Count(html, "<td"));
        Assert.Contains("Gemeente | Pipe &amp; Co", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_themes_and_a_dialogue_without_participants_say_so()
    {
        var markdown = Composer.Compose(new MinutesRecord("Leeg", new DateOnly(2026, 1, 5), null, [], [], [new ThemeRecord("Thema", null, [])]));

        Assert.Contains("_Er hebben geen deelnemers meegedaan._", markdown, StringComparison.Ordinal);
        Assert.Contains("_Bij dit thema is niets ingebracht._", markdown, StringComparison.Ordinal);
        Assert.Contains("Dit is een concept: de dialoog loopt nog.", markdown, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
