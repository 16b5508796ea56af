using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>A whole first dialogue in Chromium: set-up, preparing, joining, posting live, closing, minutes.</summary>
public sealed class FirstDialogueTests : BrowserTest
{
    [Fact]
    public async Task A_facilitator_runs_a_dialogue_in_which_a_participant_posts_and_the_minutes_show_it()
    {
        var facilitator = await Browser.NewPageAsync(App.BaseAddress);

        // First run: the home page offers the set-up of the first facilitator.
        await facilitator.GotoAsync("/");
        await BrowserSession.AssertAccessibleAsync(facilitator);
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Eerste facilitator aanmaken" }).ClickAsync();
        await BrowserSession.AssertAccessibleAsync(facilitator);
        await facilitator.GetByLabel("Je naam").FillAsync("Anna de Vries");
        await facilitator.GetByLabel("E-mailadres").FillAsync("anna@owinsp.example");
        await facilitator.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(AppHost.Password);
        await facilitator.GetByLabel("Herhaal het wachtwoord").FillAsync(AppHost.Password);
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();

        // Prepare a dialogue.
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Heading, new() { Name = "Mijn dialogen" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(facilitator);
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Nieuwe dialoog" }).ClickAsync();
        await BrowserSession.AssertAccessibleAsync(facilitator);
        await facilitator.GetByLabel("Titel").FillAsync("Handhaving kinderopvang regio Noord");
        await facilitator.GetByLabel("Datum").FillAsync("2026-03-12");
        await facilitator.GetByLabel("Geen sjabloon").CheckAsync();
        await facilitator.GetByLabel("Thema's", new() { Exact = true }).FillAsync("Handhaving bij overtredingen\nHet LRK op orde");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Dialoog aanmaken" }).ClickAsync();

        // The console: the live room in WebAssembly, with the join code.
        await Assertions.Expect(facilitator.Locator(".live-room h1")).ToHaveTextAsync("Handhaving kinderopvang regio Noord");
        await BrowserSession.AssertAccessibleAsync(facilitator);
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Dialoog openen" }).ClickAsync();
        await Assertions.Expect(facilitator.Locator(".live-room .status")).ToHaveTextAsync("Open");
        var code = (await facilitator.GetByTestId("join-code").TextContentAsync())!.Trim();

        // A participant joins with the code on the home page, in a browser of their own.
        var participant = await Browser.NewPageAsync(App.BaseAddress);
        await participant.GotoAsync("/");
        await participant.GetByLabel("Deelnamecode").FillAsync(code.ToLowerInvariant());
        await participant.GetByRole(AriaRole.Button, new() { Name = "Deelnemen" }).ClickAsync();
        await Assertions.Expect(participant.GetByRole(AriaRole.Heading, new() { Name = "Deelnemen: Handhaving kinderopvang regio Noord" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(participant);
        await participant.GetByLabel("Je naam").FillAsync("Piet Jansen");
        await participant.GetByLabel("Gemeente").FillAsync("Aa en Hunze");
        await participant.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
        await BrowserSession.RoomIsLiveAsync(participant);

        await Assertions.Expect(participant.Locator(".live-room h1")).ToHaveTextAsync("Handhaving kinderopvang regio Noord");
        await Assertions.Expect(participant.Locator("#theme-title")).ToContainTextAsync("Handhaving bij overtredingen");
        await BrowserSession.AssertAccessibleAsync(participant);
        await participant.GetByLabel("Knelpunt").CheckAsync();
        await participant.GetByLabel("Jouw bijdrage").FillAsync("Te weinig capaciteit voor herhaalonderzoek");
        await participant.GetByRole(AriaRole.Button, new() { Name = "Plaatsen" }).ClickAsync();
        await Assertions.Expect(participant.GetByTestId("contribution")).ToContainTextAsync("Te weinig capaciteit voor herhaalonderzoek");

        // The facilitator sees it arrive, without reloading, and a screen reader hears it.
        await Assertions.Expect(facilitator.GetByTestId("contribution")).ToContainTextAsync("Te weinig capaciteit voor herhaalonderzoek");
        await Assertions.Expect(facilitator.GetByTestId("contribution")).ToContainTextAsync("Piet Jansen, Aa en Hunze");
        await Assertions.Expect(facilitator.GetByTestId("announcer")).ToHaveTextAsync("Nieuwe bijdrage (Knelpunt) van Piet Jansen, Aa en Hunze: Te weinig capaciteit voor herhaalonderzoek");
        await Assertions.Expect(facilitator.GetByTestId("presence-summary")).ToHaveTextAsync("1 deelnemer uit 1 organisatie");
        await BrowserSession.AssertAccessibleAsync(facilitator);

        // Closing, after confirming, makes the minutes.
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Dialoog afsluiten" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Ja, dialoog afsluiten" }).ClickAsync();
        await Assertions.Expect(participant.Locator(".live-room .status")).ToHaveTextAsync("Gesloten");
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Notulen bekijken" }).ClickAsync();

        await Assertions.Expect(facilitator.GetByTestId("minutes").Locator("h1")).ToHaveTextAsync("Handhaving kinderopvang regio Noord");
        await Assertions.Expect(facilitator.GetByTestId("minutes")).ToContainTextAsync("Te weinig capaciteit voor herhaalonderzoek — Piet Jansen (Aa en Hunze)");
        await BrowserSession.AssertAccessibleAsync(facilitator);
        Assert.Equal(1, await App.QueryAsync(db => db.MinutesVersions.CountAsync()));
    }
}
