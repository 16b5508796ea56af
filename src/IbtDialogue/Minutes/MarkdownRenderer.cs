using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using IbtDialogue.Resources;
using Markdig;

namespace IbtDialogue.Minutes;

/// <summary>
/// The one way Markdown becomes HTML in this app: Markdig with raw HTML disabled, then a sanitizer that
/// keeps only harmless tags and links to http, https and mailto. Built once; safe to share between threads.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    public MarkdownPipeline Pipeline => pipeline;

    public string ToHtml(string markdown) => sanitizer.Sanitize(Markdown.ToHtml(markdown, pipeline));

    /// <summary>
    /// The HTML for a page of the site: as <see cref="ToHtml"/>, with every table in a region of its own that
    /// scrolls sideways on a narrow screen instead of the page (WCAG 1.4.10). The region can be focused, to
    /// scroll it with the keyboard, and is named after the headings above the table.
    /// </summary>
    public string ToPageHtml(string markdown)
    {
        var html = ToHtml(markdown);
        if (!html.Contains("<table", StringComparison.Ordinal))
        {
            return html;
        }

        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var table in document.QuerySelectorAll("table").ToList())
        {
            var region = document.CreateElement("div");
            region.ClassName = "table-region";
            region.SetAttribute("role", "region");
            region.SetAttribute("tabindex", "0");
            region.SetAttribute("aria-label", TableLabel(table));
            table.Parent!.ReplaceChild(region, table);
            region.AppendChild(table);
        }

        return document.Body!.InnerHtml;
    }

    /// <summary>"Tabel: Risico's, Handhaving": the nearest heading before the table, and the section heading above that.</summary>
    private static string TableLabel(IElement table)
    {
        var headings = new List<string>();
        var level = int.MaxValue;
        for (var element = table.PreviousElementSibling; element is not null && level > 2; element = element.PreviousElementSibling)
        {
            if (element.LocalName is ['h', >= '1' and <= '6'] && element.LocalName[1] - '0' < level)
            {
                level = element.LocalName[1] - '0';
                headings.Add(element.TextContent.Trim());
            }
        }

        return headings.Count == 0
            ? ServerTexts.TableRegion
            : string.Format(ServerTexts.Culture, ServerTexts.TableRegionLabel, string.Join(", ", headings));
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedTags.Remove("img"); // Minutes carry no pictures; an image URL would leak readers to third parties.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        return sanitizer;
    }
}
