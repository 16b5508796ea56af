using System.Globalization;
using IbtDialogue.Protocol;
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

    private static ContributionRecord Said(ContributionKind kind, string text, string name, string organisation, int reactions = 0) =>
        new(kind, text, name, organisation, reactions);

    /// <summary>A full Kinderopvang dialogue: every kind of content, a dot vote, agreements, an empty theme.</summary>
    public static MinutesRecord Ordinary() => new(
        "Lerende dialoog toezicht kinderopvang, regio Noord",
        new DateOnly(2026, 3, 12),
        new DateTime(2026, 3, 12, 15, 5, 0, DateTimeKind.Utc),
        Anonymity.Named,
        ["Anna de Vries", "Bert Bakker"],
        [new OrganisationCount("Aa en Hunze", 2), new OrganisationCount("GGD Drenthe", 1), new OrganisationCount("Assen", 1)],
        [
            new ThemeRecord(
                "Handhaving bij overtredingen",
                "De gemeente handhaaft als de GGD overtredingen vindt.",
                [
                    Said(ContributionKind.SuccessFactor, "Vaste afspraken met de GGD over de termijnen", "Piet Jansen", "Aa en Hunze", reactions: 3),
                    Said(ContributionKind.Bottleneck, "Te weinig capaciteit voor herhaalonderzoek", "Fatima El Amrani", "GGD Drenthe"),
                    Said(ContributionKind.Question, "Hoe gaan jullie om met een last onder dwangsom?", "Kees de Boer", "Assen"),
                    Said(ContributionKind.SuccessFactor, "Een handhavingsbeleid dat de raad heeft vastgesteld", "Anna de Vries", "Inspectie van het Onderwijs"),
                ],
                [
                    new PracticeRecord(
                        "Volledige inspectie na herhaald laag risico",
                        "De GGD doet een volledige inspectie als een locatie drie keer laag risico had.",
                        "Zo blijven verborgen risico's niet onopgemerkt.",
                        "Aa en Hunze",
                        CycleStep.Check,
                        "Marleen Smit",
                        "m.smit@aaenhunze.example",
                        Said(ContributionKind.GoodPractice, "", "Piet Jansen", "Aa en Hunze", reactions: 2),
                        [Said(ContributionKind.Question, "Wie betaalt de extra inspectie?", "Kees de Boer", "Assen")]),
                ],
                new VoteRecord(VoteMethod.Dots, VoteState.Closed,
                [
                    new RiskLine("Handhaving na overtredingen blijft uit", new RiskResult(1, 1, 9, 3)),
                    new RiskLine("Niet alle inspecties worden uitgevoerd", new RiskResult(2, 2, 5, 3)),
                    new RiskLine("Signalen uit de praktijk blijven liggen", new RiskResult(3, 2, 5, 2)),
                ]),
                [new AgreementRecord("Handhavingsbeleid actualiseren", "Gemeente Assen", new DateOnly(2026, 6, 1)), new AgreementRecord("Termijnen afstemmen met de GGD", null, null)]),
            new ThemeRecord("Het Landelijk Register Kinderopvang op orde", null, []),
        ])
    {
        PersonalNames = new HashSet<string>(["Anna de Vries", "Bert Bakker", "Piet Jansen", "Fatima El Amrani", "Kees de Boer", "Marleen Smit", "m.smit@aaenhunze.example"]),
    };

    /// <summary>An anonymous LEA dialogue with a matrix vote, one risk unrated, and a vote that was never held.</summary>
    public static MinutesRecord Anonymous() => new(
        "LEA-overleg regio Oost",
        new DateOnly(2026, 9, 30),
        new DateTime(2026, 9, 30, 11, 45, 0, DateTimeKind.Utc),
        Anonymity.Anonymous,
        ["Anna de Vries"],
        [new OrganisationCount("Zwolle", 2), new OrganisationCount("Deventer", 1)],
        [
            new ThemeRecord(
                "Voorkomen van segregatie",
                null,
                [Said(ContributionKind.Bottleneck, "Segregatie staat niet op de agenda", "Jan Visser", "Zwolle")],
                [],
                new VoteRecord(VoteMethod.Matrix, VoteState.Closed,
                [
                    new RiskLine("Segregatie staat zelden op de LEA-agenda", new RiskResult(1, 1, 0, 3, 4.333333333333333, 3.6666666666666665, 15.888888888888888, 0.4714045207910317, 0.4714045207910317)),
                    new RiskLine("Meetbare doelen ontbreken", new RiskResult(2, 2, 0, 2, 2.5, 4, 10, 0.5, 0)),
                    new RiskLine("Scholen kiezen hun leerlingen", new RiskResult(3, 3, 0, 0)),
                ]),
                []),
            new ThemeRecord(
                "Inschrijving en toelating",
                null,
                [],
                [],
                new VoteRecord(VoteMethod.Dots, VoteState.NotStarted, [new RiskLine("Toelatingsbeleid onduidelijk", null)]),
                []),
        ])
    {
        PersonalNames = new HashSet<string>(["Anna de Vries", "Jan Visser"]),
    };

    public static MinutesRecord Treacherous() => new(
        "# Niet *vet* | geen [link](javascript:alert(1))",
        new DateOnly(2026, 11, 2),
        null,
        Anonymity.Named,
        ["<b>Anna</b>"],
        [new OrganisationCount("Gemeente | Pipe & Co", 1)],
        [
            new ThemeRecord("1. Geen lijst", "- ook geen lijst",
            [
                Said(ContributionKind.Bottleneck, "<script>alert('x')</script> en **geen** _nadruk_ en `code`", "Piet <img src=x onerror=alert(1)>", "Org | met pipe"),
                Said(ContributionKind.Bottleneck, "## geen kop\n- geen lijst\n> geen citaat", "[klik](https://kwaad.example)", "A&amp;B"),
                Said(ContributionKind.Question, "<https://example.org> en ![plaatje](https://x.example/p.png) en 3) punt", "Jan", "Zwolle"),
            ]),
        ]);

    public static TheoryData<string> GoldenNames => ["ordinary", "ordinary-public", "anonymous", "anonymous-public", "treacherous"];

    private static string ComposeNamed(string name) => name switch
    {
        "ordinary" => Composer.Compose(Ordinary()),
        "ordinary-public" => Composer.ComposePublic(Ordinary()),
        "anonymous" => Composer.Compose(Anonymous()),
        "anonymous-public" => Composer.ComposePublic(Anonymous()),
        _ => Composer.Compose(Treacherous()),
    };

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void Composes_the_golden_markdown(string name)
    {
        var markdown = ComposeNamed(name);
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
        Assert.Equal(Composer.ComposePublic(Anonymous()), Composer.ComposePublic(Anonymous()));
    }

    [Theory]
    [InlineData("ordinary")]
    [InlineData("anonymous")]
    public void The_public_summary_holds_no_personal_name_or_contact(string name)
    {
        var record = name == "ordinary" ? Ordinary() : Anonymous();
        var summary = Composer.ComposePublic(record);

        Assert.Empty(PersonalDataCheck.For(record).FindInMarkdown(summary, Renderer));
        Assert.NotEmpty(PersonalDataCheck.For(record).FindInMarkdown(Composer.Compose(record), Renderer)); // The guard would catch them.
    }

    [Fact]
    public void An_anonymous_public_summary_names_no_organisation_of_an_author()
    {
        var summary = Composer.ComposePublic(Anonymous());
        Assert.DoesNotContain("Zwolle", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Deventer", summary, StringComparison.Ordinal);
        Assert.Contains("3 deelnemers uit 2 organisaties", summary, StringComparison.Ordinal);
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
    public void Vote_results_become_tables_with_every_figure()
    {
        var html = Renderer.ToHtml(Composer.Compose(Anonymous()));
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{html}</body>");
        var matrix = document.QuerySelectorAll("table").Single(t => t.TextContent.Contains("Segregatie staat zelden", StringComparison.Ordinal));
        var first = matrix.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["1", "Segregatie staat zelden op de LEA-agenda", "4,3", "3,7", "15,9", "3", "kans 4, impact 4"], first);
        var unrated = matrix.QuerySelectorAll("tbody tr")[2].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(["3", "Scholen kiezen hun leerlingen", "—", "—", "—", "0", "—"], unrated);
    }

    [Fact]
    public void Empty_themes_and_a_dialogue_without_participants_say_so()
    {
        var markdown = Composer.Compose(new MinutesRecord("Leeg", new DateOnly(2026, 1, 5), null, Anonymity.Named, [], [], [new ThemeRecord("Thema", null, [])]));

        Assert.Contains("_Er hebben geen deelnemers meegedaan._", markdown, StringComparison.Ordinal);
        Assert.Contains("_Bij dit thema is niets ingebracht._", markdown, StringComparison.Ordinal);
        Assert.Contains("Dit is een concept: de dialoog loopt nog.", markdown, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
