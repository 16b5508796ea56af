using System.Xml.Linq;
using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Minutes;

public sealed class PublicationTests() : OpenRoomTests("Handhaving regio Noord", "Handhaving bij overtredingen", "Het LRK op orde", facilitatorName: "Anna de Vries", pietName: "Piet Jansen")
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "Te weinig capaciteit"), piet, Ct);
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), anna, Ct);
        await h.Contributions.SaveGoodPracticeAsync(new SaveGoodPractice(Guid.NewGuid(), dialogue, theme, null, "Vaste GGD-contactpersoon", "Eén vast aanspreekpunt.", "Korte lijnen.", "Zwolle", CycleStep.Do, "Marleen Smit", "m.smit@zwolle.example", true), piet, Ct);
    }

    private Task CloseAsync() => h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);

    private static readonly string[] Names = ["Anna de Vries", "Piet Jansen", "Marleen Smit", "m.smit@zwolle.example"];

    [Fact]
    public async Task Only_a_closed_dialogue_is_published()
    {
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        Assert.False(draft!.Closed);
        Assert.Equal(PublishOutcome.NotClosed, (await h.Publications.PublishAsync(dialogue, anna.UserId!, draft.Markdown, Ct)).Outcome);
        Assert.Empty(await h.Publications.ListAsync(null, null, Ct));
    }

    [Fact]
    public async Task The_draft_has_no_personal_names_and_what_is_published_is_what_was_reviewed()
    {
        await CloseAsync();
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        Assert.Empty(PublicationService.PersonalNamesIn(draft!.Markdown, Names, h.Renderer));
        Assert.Contains("Te weinig capaciteit — Zwolle", draft.Markdown, StringComparison.Ordinal);

        var reviewed = draft.Markdown + "\nAangevuld door de facilitator.\n";
        var published = await h.Publications.PublishAsync(dialogue, anna.UserId!, reviewed, Ct);

        Assert.Equal(PublishOutcome.Published, published.Outcome);
        var summary = Assert.Single(await h.Publications.ListAsync(null, null, Ct));
        Assert.Equal(reviewed, summary.Markdown);
        Assert.Equal($"gesprekken/{summary.Id}/handhaving-regio-noord", summary.Path);
        Assert.Equal("Handhaving bij overtredingen\nHet LRK op orde", summary.Themes);
    }

    [Theory]
    [InlineData("Met dank aan Piet Jansen.", "Piet Jansen")]
    [InlineData("Bel marleen smit voor meer.", "Marleen Smit")]
    [InlineData("Mail m.smit@zwolle.example", "m.smit@zwolle.example")]
    [InlineData("Voorgezeten door Anna de Vries", "Anna de Vries")]
    [InlineData("Piet\\ Jansen", "Piet Jansen")]
    [InlineData("Piet **Jansen**", "Piet Jansen")]
    [InlineData("Piet\nJansen", "Piet Jansen")]
    public async Task A_text_that_still_names_someone_is_refused_and_nothing_is_published(string sentence, string name)
    {
        await CloseAsync();
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);

        var result = await h.Publications.PublishAsync(dialogue, anna.UserId!, draft!.Markdown + "\n" + sentence + "\n", Ct);

        Assert.Equal(PublishOutcome.HasPersonalNames, result.Outcome);
        Assert.Equal([name], result.Names);
        Assert.Empty(await h.Publications.ListAsync(null, null, Ct));
    }

    [Fact]
    public async Task A_word_that_merely_contains_a_name_is_no_name()
    {
        await CloseAsync();
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        var result = await h.Publications.PublishAsync(dialogue, anna.UserId!, draft!.Markdown + "\nPietjansenstraat is een straatnaam.\n", Ct);
        Assert.Equal(PublishOutcome.Published, result.Outcome);
    }

    [Fact]
    public async Task Unpublishing_removes_the_summary_from_the_list_the_page_and_the_feed_and_it_can_return()
    {
        await CloseAsync();
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        var first = await h.Publications.PublishAsync(dialogue, anna.UserId!, draft!.Markdown, Ct);
        var firstPublished = (await h.Publications.FindAsync(first.SummaryId!.Value, Ct))!.FirstPublishedAt;

        Assert.True(await h.Publications.UnpublishAsync(dialogue, anna.UserId!, Ct));
        Assert.Empty(await h.Publications.ListAsync(null, null, Ct));
        Assert.Null(await h.Publications.FindAsync(first.SummaryId.Value, Ct));
        var feed = XDocument.Parse(AtomFeed.Create(new Uri("https://dialoog.example/"), await h.Publications.ListAsync(null, null, Ct), h.Renderer));
        Assert.Empty(feed.Descendants(XName.Get("entry", "http://www.w3.org/2005/Atom")));

        var withdrawnDraft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        Assert.False(withdrawnDraft!.IsPublished);
        h.Clock.Advance(TimeSpan.FromDays(1));
        var again = await h.Publications.PublishAsync(dialogue, anna.UserId!, withdrawnDraft.Markdown, Ct);
        Assert.Equal(first.SummaryId, again.SummaryId); // Same address as before.
        Assert.Equal(firstPublished, (await h.Publications.FindAsync(again.SummaryId!.Value, Ct))!.FirstPublishedAt);
    }

    [Fact]
    public async Task The_public_list_searches_by_theme_or_title_and_by_year()
    {
        await CloseAsync();
        await h.Publications.PublishAsync(dialogue, anna.UserId!, (await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct))!.Markdown, Ct);
        var lea = await h.CreateOpenDialogueAsync(anna, "LEA Oost", "Voorkomen van segregatie");
        await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == lea).ExecuteUpdateAsync(s => s.SetProperty(d => d.Date, new DateOnly(2025, 10, 1))));
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), lea), anna, Ct);
        await h.Publications.PublishAsync(lea, anna.UserId!, (await h.Publications.DraftAsync(lea, anna.UserId!, Ct))!.Markdown, Ct);

        Assert.Equal(["Handhaving regio Noord", "LEA Oost"], (await h.Publications.ListAsync(null, null, Ct)).Select(s => s.Title));
        Assert.Equal(["LEA Oost"], (await h.Publications.ListAsync("segregatie", null, Ct)).Select(s => s.Title));
        Assert.Equal(["Handhaving regio Noord"], (await h.Publications.ListAsync("LRK", null, Ct)).Select(s => s.Title));
        Assert.Equal(["LEA Oost"], (await h.Publications.ListAsync(null, 2025, Ct)).Select(s => s.Title));
        Assert.Equal([2026, 2025], await h.Publications.YearsAsync(Ct));
    }

    [Fact]
    public async Task Only_its_facilitators_publish_or_withdraw_a_dialogue()
    {
        await CloseAsync();
        var stranger = await h.AddFacilitatorAsync("Carla");
        Assert.Null(await h.Publications.DraftAsync(dialogue, stranger.UserId!, Ct));
        Assert.Equal(PublishOutcome.NotFound, (await h.Publications.PublishAsync(dialogue, stranger.UserId!, "Tekst", Ct)).Outcome);
        Assert.False(await h.Publications.UnpublishAsync(dialogue, stranger.UserId!, Ct));
    }
}
