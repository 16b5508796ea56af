using System.Globalization;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using IbtDialogue.Protocol;
using IbtDialogue.Minutes;

namespace IbtDialogue.Tests.Minutes;

/// <summary>Known ways to smuggle active content into a page, thrown at every way text becomes output.</summary>
public sealed class XssCorpusTests
{
    private static readonly MinutesComposer Composer = new(CultureInfo.GetCultureInfo("nl-NL"));
    private static readonly MarkdownRenderer Renderer = new();
    private static readonly MinutesExports Exports = new(Renderer, new WordExport(Renderer));

    public static TheoryData<string> Payloads =>
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle r=10></svg>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://kwaad.example\"></iframe>",
        "<a href=\"javascript:alert(1)\">klik</a>",
        "<a href=javascript:alert(1)>klik</a>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "\"><script>alert(1)</script>",
        "[klik](javascript:alert(1))",
        "[klik](JAVASCRIPT:alert(1))",
        "[klik]( javascript:alert(1) )",
        "[klik](<javascript:alert(1)>)",
        "[klik](javascript&#58;alert(1))",
        "[klik](&#106;avascript:alert(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klik](vbscript:msgbox(1))",
        "![plaatje](javascript:alert(1))",
        "![x](https://x.example/p.png\" onerror=\"alert(1))",
        "<javascript:alert(1)>",
        "<https://kwaad.example/\"onmouseover=\"alert(1)>",
        "[a][ref]\n\n[ref]: javascript:alert(1)",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "<details open ontoggle=alert(1)>",
        "<form action=javascript:alert(1)><button>x</button></form>",
    ];

    private static MinutesRecord RecordWith(string payload) => new(
        payload,
        new DateOnly(2026, 5, 1),
        new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc),
        Anonymity.Named,
        [payload],
        [new OrganisationCount(payload, 1)],
        [
            new ThemeRecord(payload, payload,
                [new ContributionRecord(ContributionKind.Bottleneck, payload, payload, payload, 1)],
                [new PracticeRecord(payload, payload, payload, payload, CycleStep.Act, payload, payload, new ContributionRecord(ContributionKind.GoodPractice, "", payload, payload), [new ContributionRecord(ContributionKind.Question, payload, payload, payload)])],
                new VoteRecord(VoteMethod.Dots, VoteState.Closed, [new RiskLine(payload, new RiskResult(1, 1, 3, 1))]),
                [new AgreementRecord(payload, payload, null)]),
        ]);

    /// <summary>No element or attribute that can run code or load something from elsewhere.</summary>
    private static void AssertInert(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, style, svg, math, img, form, input, button, details, link, meta, base"));
        foreach (var element in document.All)
        {
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            foreach (var attribute in element.Attributes.Where(a => a.Name is "href" or "src" or "xlink:href" or "action" or "formaction"))
            {
                Assert.Matches("^(https?:|mailto:)", attribute.Value.Trim().ToLowerInvariant());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Typed_by_participants_it_stays_text_in_the_minutes_and_the_public_summary(string payload)
    {
        AssertInert(Renderer.ToHtml(Composer.Compose(RecordWith(payload))));
        AssertInert(Renderer.ToHtml(Composer.ComposePublic(RecordWith(payload))));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Typed_by_a_facilitator_into_the_markdown_it_renders_inert(string payload)
    {
        AssertInert(Renderer.ToHtml(payload));
        AssertInert(Renderer.ToHtml($"# Kop\n\n- {payload}\n\n| a | b |\n| --- | --- |\n| {payload} | x |\n"));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void The_word_file_gets_no_link_to_anything_but_web_and_mail(string payload)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(Exports.Docx($"{payload}\n\n{Composer.Compose(RecordWith(payload))}", "x")), false);
        Assert.All(doc.MainDocumentPart!.HyperlinkRelationships, r => Assert.Matches("^(https?|mailto)$", r.Uri.Scheme));
        Assert.Empty(doc.MainDocumentPart.ExternalRelationships);
        Assert.Empty(doc.MainDocumentPart.ImageParts);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void The_feed_carries_it_only_as_inert_html(string payload)
    {
        var summaries = new[] { new PublicSummary(1, 1, payload, new DateOnly(2026, 5, 1), $"{payload}\n\n{Composer.ComposePublic(RecordWith(payload))}", payload, DateTime.UnixEpoch, DateTime.UnixEpoch) };
        var feed = XDocument.Parse(AtomFeed.Create(new Uri("https://dialoog.example/"), summaries, Renderer));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var content = feed.Descendants(atom + "content").Single();
        Assert.Equal("html", content.Attribute("type")!.Value);
        AssertInert(content.Value);
        Assert.All(feed.Descendants(atom + "link"), l => Assert.StartsWith("https://dialoog.example/", l.Attribute("href")!.Value, StringComparison.Ordinal));
    }
}
