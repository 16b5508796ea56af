using IbtDialogue.Tests.Support;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// One whole dialogue in English: a facilitator whose browser asks for English, a participant who switches to it
/// in the header; the server pages, the WebAssembly room and console, the announcements and the minutes all speak
/// English, every page says so with <c>&lt;html lang="en"&gt;</c>, and axe-core finds nothing serious on any of them.
/// </summary>
public sealed class EnglishJourneyTests : BrowserTest
{
    private static Task IsEnglishAsync(IPage page) => Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

    [Fact]
    public async Task A_facilitator_and_a_participant_run_a_dialogue_in_English_up_to_the_minutes()
    {
        await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");

        // The facilitator's browser asks for British English: the first page is English without a choice made.
        var facilitator = await Browser.NewPageAsync(App.BaseAddress, locale: "en-GB");
        await facilitator.GotoAsync("/account/login");
        await IsEnglishAsync(facilitator);
        await BrowserSession.AssertAccessibleAsync(facilitator);
        await facilitator.GetByLabel("E-mail address").FillAsync("anna@owinsp.example");
        await facilitator.GetByLabel("Password", new() { Exact = true }).FillAsync(AppHost.Password);
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(facilitator.GetByRole(AriaRole.Heading, new() { Name = "My dialogues" })).ToBeVisibleAsync();
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "New dialogue" }).ClickAsync();
        await IsEnglishAsync(facilitator);
        await BrowserSession.AssertAccessibleAsync(facilitator);
        await facilitator.GetByLabel("Title", new() { Exact = true }).FillAsync("Childcare supervision, region North");
        await facilitator.GetByLabel("Date", new() { Exact = true }).FillAsync("2026-04-16");
        await facilitator.GetByLabel("No template").CheckAsync();
        await facilitator.GetByLabel("Themes", new() { Exact = true }).FillAsync("Enforcement after violations\nThe register in order");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Create dialogue" }).ClickAsync();

        // The console runs in WebAssembly, in English too.
        await Assertions.Expect(facilitator.Locator(".live-room h1")).ToHaveTextAsync("Childcare supervision, region North");
        await IsEnglishAsync(facilitator);
        await BrowserSession.AssertAccessibleAsync(facilitator);
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Open the dialogue" }).ClickAsync();
        await Assertions.Expect(facilitator.Locator(".live-room .status")).ToHaveTextAsync("Open");
        var code = (await facilitator.GetByTestId("join-code").TextContentAsync())!.Trim();

        // The participant's browser is Dutch; they switch in the header, and the choice stays.
        var participant = await Browser.NewPageAsync(App.BaseAddress);
        await participant.GotoAsync($"/deelnemen/{code}");
        await Assertions.Expect(participant.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await participant.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(participant.GetByRole(AriaRole.Heading, new() { Name = "Join: Childcare supervision, region North" })).ToBeVisibleAsync();
        await IsEnglishAsync(participant);
        await BrowserSession.AssertAccessibleAsync(participant);
        await participant.GetByLabel("Your name").FillAsync("Piet Jansen");
        await participant.GetByLabel("Municipality", new() { Exact = true }).FillAsync("Aa en Hunze");
        await participant.GetByRole(AriaRole.Button, new() { Name = "Go to the dialogue" }).ClickAsync();
        await BrowserSession.RoomIsLiveAsync(participant);

        await IsEnglishAsync(participant);
        await Assertions.Expect(participant.GetByTestId("phase")).ToContainTextAsync("Sharing");
        await Assertions.Expect(participant.Locator("#theme-title")).ToContainTextAsync("Enforcement after violations");
        await BrowserSession.AssertAccessibleAsync(participant);
        await participant.GetByLabel("Bottleneck").CheckAsync();
        await participant.GetByLabel("Your contribution").FillAsync("Too little capacity for follow-up inspections");
        await participant.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await Assertions.Expect(participant.GetByTestId("contribution")).ToContainTextAsync("Too little capacity for follow-up inspections");

        // The facilitator's WebAssembly console announces it in English.
        await Assertions.Expect(facilitator.GetByTestId("announcer")).ToHaveTextAsync("New contribution (Bottleneck) from Piet Jansen, Aa en Hunze: Too little capacity for follow-up inspections");
        await Assertions.Expect(facilitator.GetByTestId("presence-summary")).ToHaveTextAsync("1 participant from 1 organisation");
        await BrowserSession.AssertAccessibleAsync(facilitator);

        // Closing makes the minutes, with English headings and dates.
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Close the dialogue" }).ClickAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Yes, close the dialogue" }).ClickAsync();
        await Assertions.Expect(participant.Locator(".live-room .status")).ToHaveTextAsync("Closed");
        await Assertions.Expect(participant.GetByRole(AriaRole.Heading, new() { Name = "The dialogue has been closed" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(participant);
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "View the minutes" }).ClickAsync();

        var minutes = facilitator.GetByTestId("minutes");
        await Assertions.Expect(minutes.Locator("h1")).ToHaveTextAsync("Childcare supervision, region North");
        await Assertions.Expect(minutes).ToContainTextAsync("Report of the learning dialogue of 16 April 2026.");
        await Assertions.Expect(minutes.GetByRole(AriaRole.Heading, new() { Name = "Bottlenecks" })).ToBeVisibleAsync();
        await Assertions.Expect(minutes.GetByRole(AriaRole.Heading, new() { Name = "Closing" })).ToBeVisibleAsync();
        await Assertions.Expect(minutes).ToContainTextAsync("Too little capacity for follow-up inspections — Piet Jansen (Aa en Hunze)");
        await IsEnglishAsync(facilitator);
        await BrowserSession.AssertAccessibleAsync(facilitator);
    }
}
