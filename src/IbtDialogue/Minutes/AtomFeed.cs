using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Minutes;

/// <summary>
/// The published summaries as an Atom feed: the same sanitized HTML as the public page, nothing else. An entry's
/// updated time is when its text last changed (its first publication, or the latest correction), so a reader's
/// feed shows a correction as such; withdrawing and republishing the same text changes nothing.
/// </summary>
public static class AtomFeed
{
    public static string Create(Uri site, IReadOnlyList<PublicSummary> summaries, MarkdownRenderer renderer)
    {
        var list = new Uri(site, "gesprekken");
        var feed = new SyndicationFeed(Texts.PublicTitle, Texts.PublicIntro, list, list.ToString(), summaries.Select(s => s.ChangedAt).DefaultIfEmpty(DateTime.UnixEpoch).Max())
        {
            Language = System.Globalization.CultureInfo.CurrentCulture.Name,
            Items =
            [
                .. summaries.Select(s =>
                {
                    var link = new Uri(site, s.Path);
                    var item = new SyndicationItem(s.Title, SyndicationContent.CreateHtmlContent(renderer.ToHtml(s.Markdown)), link, link.ToString(), new DateTimeOffset(s.ChangedAt, TimeSpan.Zero))
                    {
                        PublishDate = new DateTimeOffset(s.FirstPublishedAt, TimeSpan.Zero),
                        Summary = new TextSyndicationContent(string.Format(Texts.Culture, Texts.PublicFeedSummary, s.Date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture))),
                    };
                    item.Authors.Add(new SyndicationPerson { Name = Texts.InspectorateName });
                    return item;
                }),
            ],
        };
        feed.Authors.Add(new SyndicationPerson { Name = Texts.InspectorateName });

        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
