using Ganss.Xss;
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
