using IbtDialogue.Contributions;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Hub;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>The honest notices in Chromium: the privacy statement, the join form, the room, one's own data and the moderation trail, each with axe-core.</summary>
public sealed class PrivacyBrowserTests : BrowserTest
{
    [Fact]
    public async Task The_privacy_statement_the_join_notice_the_room_and_ones_own_data_say_what_is_kept_and_pass_axe()
    {
        var ct = TestContext.Current.CancellationToken;
        var annaId = await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        var anna = new Actor(annaId, null, null);
        var (dialogue, code) = await App.CreateDialogueAsync(annaId);
        var engine = App.Services.GetRequiredService<RoomEngine>();
        Assert.True((await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, ct)).Result.Ok);
        Assert.True((await engine.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.OrganisationOnly, false, true), anna, ct)).Result.Ok);

        // The privacy statement, from the footer of any page.
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/");
        await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Privacyverklaring" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Privacyverklaring", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Inspectie van het Onderwijs is verantwoordelijk");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("AVG, artikel 6, lid 1, onder e");
        await Assertions.Expect(page.GetByTestId("what-we-keep")).ToContainTextAsync("Je stem is geheim");
        await Assertions.Expect(page.GetByTestId("privacy-contact")).ToContainTextAsync("functionaris gegevensbescherming");
        await BrowserSession.AssertAccessibleAsync(page);

        // The join form says, before joining, what others will see and what is kept, for how long.
        await page.GotoAsync($"/deelnemen/{code}");
        await Assertions.Expect(page.GetByTestId("join-anonymity")).ToContainTextAsync("Bij wat je schrijft, staat alleen je organisatie.");
        await Assertions.Expect(page.GetByTestId("join-privacy")).ToContainTextAsync("Je naam, je organisatie en wanneer je meedeed.");
        await Assertions.Expect(page.GetByTestId("join-privacy")).ToContainTextAsync("Tot 12 maanden nadat de dialoog gesloten is.");
        await Assertions.Expect(page.GetByTestId("join-privacy").GetByRole(AriaRole.Link, new() { Name = "Lees de privacyverklaring" })).ToHaveAttributeAsync("href", "privacy");
        await BrowserSession.AssertAccessibleAsync(page);

        // In the room: what it shows of authors, and a change that applies from now on.
        await page.GetByLabel("Je naam").FillAsync("Piet Jansen");
        await page.GetByLabel("Gemeente").FillAsync("Zwolle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
        await BrowserSession.RoomIsLiveAsync(page);
        await Assertions.Expect(page.GetByTestId("anonymity")).ToContainTextAsync("alleen de organisatie van de schrijver");
        await BrowserSession.AssertAccessibleAsync(page);
        // Through the hub, as the console does: the change reaches the room as an event.
        await using (var console = await Tab.OpenAsync(App.FacilitatorClient(await App.LoginAsync("anna@owinsp.example")), dialogue))
        {
            Assert.True((await console.Hub.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Anonymous, false, true), ct)).Ok);
        }

        await Assertions.Expect(page.GetByTestId("anonymity")).ToContainTextAsync("bijdragen zijn anoniem");
        await Assertions.Expect(page.GetByTestId("anonymity-changed")).ToContainTextAsync("Het geldt voor wat vanaf nu geplaatst wordt.");
        await Assertions.Expect(page.GetByTestId("announcer")).ToContainTextAsync("Eerdere bijdragen blijven zoals ze geplaatst zijn.");

        // One's own data, from the room.
        var piet = await App.QueryAsync(db => db.Participants.Where(p => p.DialogueId == dialogue).Select(p => p.Id).SingleAsync(ct));
        var theme = await App.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync(ct));
        var contributions = App.Services.GetRequiredService<ContributionCommands>();
        var posted = await contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "Te weinig capaciteit"), new Actor(null, piet, dialogue), ct);
        await page.GetByTestId("my-data").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wat we van je bewaren", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("data-participant")).ToContainTextAsync("Piet Jansen");
        await Assertions.Expect(page.GetByTestId("data-contribution")).ToContainTextAsync("Te weinig capaciteit");
        await BrowserSession.AssertAccessibleAsync(page);

        // The facilitator reads the moderation trail.
        Assert.True((await contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, posted.Result.EntityId!.Value, ModerationAction.Hide), anna, ct)).Result.Ok);
        var facilitator = await Browser.NewPageAsync(App.BaseAddress);
        await facilitator.GotoAsync("/account/login");
        await facilitator.GetByLabel("E-mailadres").FillAsync("anna@owinsp.example");
        await facilitator.GetByLabel("Wachtwoord").FillAsync(AppHost.Password);
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await facilitator.WaitForURLAsync(url => !url.Contains("account/login", StringComparison.Ordinal));
        await facilitator.GotoAsync($"/dialogen/{dialogue}/moderatie");
        await Assertions.Expect(facilitator.GetByTestId("moderation-trail")).ToContainTextAsync("Anna de Vries");
        await Assertions.Expect(facilitator.GetByTestId("moderation-trail")).ToContainTextAsync("verborgen");
        await BrowserSession.AssertAccessibleAsync(facilitator);
    }
}
