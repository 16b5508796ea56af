using IbtDialogue.Minutes;

namespace IbtDialogue.Tests.Minutes;

public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("[x]( javascript:alert(1) )")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    public void Hostile_markdown_renders_to_nothing_active(string markdown)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{Renderer.ToHtml(markdown)}</body>");

        Assert.Empty(document.QuerySelectorAll("script, svg, img, iframe, object, embed, style, form, input"));
        Assert.All(document.All, element => Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.All(document.QuerySelectorAll("[href], [src]"), element =>
        {
            var url = (element.GetAttribute("href") ?? element.GetAttribute("src"))!.Trim();
            Assert.Matches("^(https?:|mailto:)", url.ToLowerInvariant());
        });
    }

    [Theory]
    [InlineData("[site](https://www.onderwijsinspectie.nl)", "href=\"https://www.onderwijsinspectie.nl\"")]
    [InlineData("[mail](mailto:ibt@owinsp.nl)", "href=\"mailto:ibt@owinsp.nl\"")]
    [InlineData("[oud](http://example.org)", "href=\"http://example.org\"")]
    public void Web_and_mail_links_stay(string markdown, string expected)
    {
        Assert.Contains(expected, Renderer.ToHtml(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_lists_tables_and_emphasis_become_html()
    {
        var html = Renderer.ToHtml("# Kop\n\n- een\n- twee\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n**vet** en _schuin_\n");

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("<li>een</li>", html, StringComparison.Ordinal);
        Assert.Contains("<td>1</td>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>vet</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>schuin</em>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_page_each_table_scrolls_in_a_focusable_region_named_after_the_headings_above_it()
    {
        var html = Renderer.ToPageHtml("## Handhaving\n\n### Risico's\n\nGewogen met punten.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n| c |\n| --- |\n| 3 |\n");
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{html}</body>");

        var regions = document.QuerySelectorAll("div.table-region");
        Assert.Equal(2, regions.Length);
        Assert.All(regions, region =>
        {
            Assert.Equal("region", region.GetAttribute("role"));
            Assert.Equal("0", region.GetAttribute("tabindex"));
            Assert.Single(region.Children, c => c.LocalName == "table");
        });
        Assert.Equal("Tabel: Risico's, Handhaving", regions[0].GetAttribute("aria-label"));
        Assert.Contains("<p>Gewogen met punten.</p>", html, StringComparison.Ordinal);
        Assert.Equal(Renderer.ToHtml("Geen tabel."), Renderer.ToPageHtml("Geen tabel."));
    }
}
