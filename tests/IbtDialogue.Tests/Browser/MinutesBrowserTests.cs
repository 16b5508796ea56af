using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// From the minutes to the public page in Chromium: edit with live preview, propose the summary, a second
/// facilitator approves it (four eyes), read, with axe-core on every page.
/// </summary>
public sealed class MinutesBrowserTests : BrowserTest
{
    private int dialogue;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var anna = new Actor(await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries"), null, null);
        var (id, code) = await App.CreateDialogueAsync(anna.UserId!, "Handhaving bij overtredingen");
        dialogue = id;
        var bert = await App.CreateFacilitatorAsync("bert@owinsp.example", "Bert Bakker");
        Assert.Null(await App.Services.GetRequiredService<IbtDialogue.Dialogues.DialogueService>().AddFacilitatorAsync(id, anna.UserId!, bert, Ct));
        var engine = App.Services.GetRequiredService<IbtDialogue.Room.RoomEngine>();
        var contributions = App.Services.GetRequiredService<IbtDialogue.Contributions.ContributionCommands>();
        await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), id), anna, Ct);
        var hash = ParticipantTokens.Hash(await App.JoinAsync(code, "Piet Jansen", "Zwolle"));
        var piet = new Actor(null, await App.QueryAsync(db => db.Participants.Where(p => p.TokenHash == hash).Select(p => p.Id).SingleAsync()), id);
        var theme = await App.QueryAsync(db => db.Themes.Where(t => t.DialogueId == id).Select(t => t.Id).SingleAsync());
        await contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), id, theme, ContributionKind.Bottleneck, "Te weinig capaciteit bij de GGD"), piet, Ct);
        await engine.CloseAsync(new DialogueCommand(Guid.NewGuid(), id), anna, Ct);
    }

    [Fact]
    public async Task A_facilitator_edits_with_live_preview_proposes_a_second_facilitator_approves_and_the_public_reads_it_without_names()
    {
        var page = await SignInAsync("anna@owinsp.example");

        await page.GotoAsync($"/dialogen/{dialogue}/notulen");
        await Assertions.Expect(page.GetByTestId("minutes")).ToContainTextAsync("Te weinig capaciteit bij de GGD — Piet Jansen (Zwolle)");
        await BrowserSession.AssertAccessibleAsync(page);

        // Edit: the preview follows the typing (WebAssembly asks the server's renderer).
        await page.GetByRole(AriaRole.Link, new() { Name = "Notulen bewerken" }).ClickAsync();
        var field = page.GetByLabel("Notulen (Markdown)");
        await Assertions.Expect(page.GetByTestId("preview")).ToContainTextAsync("Te weinig capaciteit bij de GGD");
        await BrowserSession.AssertAccessibleAsync(page);
        // Typing waits for WebAssembly: until it runs, the prerendered field is replaced when it starts.
        await Assertions.Expect(page.Locator(".editor[data-interactive]")).ToBeVisibleAsync();
        var text = await field.InputValueAsync();
        await field.FillAsync(text + "\n## Nabespreking\n\nDe **inspectie** stuurt een [verslag](https://www.onderwijsinspectie.nl).\n");
        await Assertions.Expect(page.GetByTestId("preview").Locator("h2", new() { HasText = "Nabespreking" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("preview").Locator("strong", new() { HasText = "inspectie" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan als nieuwe versie" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("minutes-version")).ToContainTextAsync("Versie 2");
        await Assertions.Expect(page.GetByTestId("minutes").Locator("h2", new() { HasText = "Nabespreking" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Versies" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("versions")).ToContainTextAsync("Anna de Vries");
        await BrowserSession.AssertAccessibleAsync(page);

        // Publish: the preview is exactly what will be public; a name is refused.
        await page.GotoAsync($"/dialogen/{dialogue}/publiceren");
        await Assertions.Expect(page.GetByTestId("preview")).ToContainTextAsync("Te weinig capaciteit bij de GGD — Zwolle");
        await Assertions.Expect(page.GetByTestId("preview")).Not.ToContainTextAsync("Piet Jansen");
        await BrowserSession.AssertAccessibleAsync(page);
        await Assertions.Expect(page.Locator(".editor[data-interactive]")).ToBeVisibleAsync();
        var summaryField = page.GetByLabel("Tekst van de samenvatting (Markdown)");
        var summary = await summaryField.InputValueAsync();
        await summaryField.FillAsync(summary + "\nMet dank aan Piet Jansen.\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ter goedkeuring voorleggen" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Piet Jansen");
        await BrowserSession.AssertAccessibleAsync(page);
        // The refusal was a new page: wait for its editor to run, or WebAssembly replaces what was typed when it starts.
        await Assertions.Expect(page.Locator(".editor[data-interactive]")).ToBeVisibleAsync();
        await page.GetByLabel("Tekst van de samenvatting (Markdown)").FillAsync(summary + "\nMet dank aan alle deelnemers.\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ter goedkeuring voorleggen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("proposed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("pending")).ToContainTextAsync("Anna de Vries");
        await Assertions.Expect(page.GetByTestId("published")).ToHaveCountAsync(0);
        await BrowserSession.AssertAccessibleAsync(page);

        // Four eyes: Bert, the other facilitator, is told on his list, reads the text, and approves exactly it.
        var bert = await SignInAsync("bert@owinsp.example");
        await bert.GetByTestId("approvals-waiting").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(bert.GetByRole(AriaRole.Heading, new() { Name = "Samenvattingen ter goedkeuring" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(bert);
        await bert.GetByTestId("awaiting").GetByRole(AriaRole.Link, new() { Name = "Lerende dialoog handhaving" }).ClickAsync();
        await Assertions.Expect(bert.GetByTestId("proposal")).ToContainTextAsync("Met dank aan alle deelnemers.");
        await BrowserSession.AssertAccessibleAsync(bert);
        await bert.GetByRole(AriaRole.Button, new() { Name = "Afwijzen" }).ClickAsync(); // without a reason
        await Assertions.Expect(bert.Locator(".error-summary")).ToContainTextAsync("Geef een reden van afwijzing");
        await BrowserSession.AssertAccessibleAsync(bert);
        await bert.GetByRole(AriaRole.Button, new() { Name = "Goedkeuren en publiceren" }).ClickAsync();
        await Assertions.Expect(bert.GetByTestId("decision")).ToContainTextAsync("goedgekeurd");
        await BrowserSession.AssertAccessibleAsync(bert);

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("published")).ToContainTextAsync("De samenvatting is openbaar op:");

        // The public page, as anyone sees it.
        var reader = await Browser.NewPageAsync(App.BaseAddress);
        await reader.GotoAsync("/gesprekken");
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Bekijk de gesprekken van de lerende dialogen" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(reader);
        await reader.GetByRole(AriaRole.Link, new() { Name = "Lerende dialoog handhaving" }).ClickAsync();
        await Assertions.Expect(reader.GetByTestId("public-minutes")).ToContainTextAsync("Met dank aan alle deelnemers.");
        await Assertions.Expect(reader.GetByTestId("public-minutes")).Not.ToContainTextAsync("Piet Jansen");
        await Assertions.Expect(reader.GetByTestId("public-minutes")).Not.ToContainTextAsync("Anna de Vries");
        await BrowserSession.AssertAccessibleAsync(reader);

        await reader.GotoAsync("/gesprekken?q=segregatie");
        await Assertions.Expect(reader.GetByTestId("public-count")).ToHaveTextAsync("0 gesprekken gevonden.");
        await reader.GotoAsync("/gesprekken?q=handhaving");
        await Assertions.Expect(reader.GetByTestId("public-count")).ToHaveTextAsync("1 gesprek gevonden.");
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync(AppHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn dialogen" })).ToBeVisibleAsync();
        return page;
    }
}
