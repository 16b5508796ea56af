using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// A full dialogue in Chromium: two themes through all four phases, moderation, spotlight, agreements and
/// the projector view, with axe-core on every page.
/// </summary>
public sealed class FullDialogueTests : BrowserTest
{
    /// <summary>The contribution whose own text is this (not one that only mentions it, like a merge list).</summary>
    private static ILocator Item(IPage page, string text) =>
        page.GetByTestId("contribution").Filter(new() { Has = page.Locator("p.text").GetByText(text, new() { Exact = true }) });

    /// <summary>A button that does something to one item: its name is the action, then (for screen readers) the item.</summary>
    private static ILocator ActionButton(IPage page, string action, string item) =>
        page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(action)}\\s*:\\s*{System.Text.RegularExpressions.Regex.Escape(item)}$") });

    private static async Task ToPhaseAsync(IPage console, string phase)
    {
        // Any theme and phase are under a disclosure of the control bar ("Volgende" is the usual way on).
        var jump = console.Locator(".control-bar details.jump");
        if (await jump.GetAttributeAsync("open") is null)
        {
            await jump.Locator("summary").ClickAsync();
        }

        await console.GetByLabel("Fase", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = phase });
        await console.GetByRole(AriaRole.Button, new() { Name = "Naar deze fase" }).ClickAsync();
    }

    [Fact]
    public async Task Two_themes_through_all_phases_with_moderation_spotlight_agreements_and_the_projector()
    {
        await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        var console = await Browser.NewPageAsync(App.BaseAddress);
        await console.GotoAsync("/account/login");
        await BrowserSession.AssertAccessibleAsync(console);
        await console.GetByLabel("E-mailadres").FillAsync("anna@owinsp.example");
        await console.GetByLabel("Wachtwoord").FillAsync(AppHost.Password);
        await console.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        // From the Kinderopvang template.
        await console.GetByRole(AriaRole.Link, new() { Name = "Nieuwe dialoog" }).ClickAsync();
        await console.GetByLabel("Titel").FillAsync("Toezicht kinderopvang regio Oost");
        await console.GetByLabel("Datum").FillAsync("2026-04-16");
        await console.GetByLabel("Kinderopvang — toezicht en handhaving").CheckAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Dialoog aanmaken" }).ClickAsync();
        await Assertions.Expect(console.Locator(".live-room h1")).ToHaveTextAsync("Toezicht kinderopvang regio Oost");
        await BrowserSession.AssertAccessibleAsync(console);
        await console.GetByRole(AriaRole.Button, new() { Name = "Dialoog openen" }).ClickAsync();
        await Assertions.Expect(console.Locator(".live-room .status")).ToHaveTextAsync("Open");
        await Assertions.Expect(console.Locator(".goal")).ToContainTextAsync("Kinderen zijn veilig en gezond");
        var code = (await console.GetByTestId("join-code").TextContentAsync())!.Trim();

        var piet = await Browser.NewPageAsync(App.BaseAddress);
        await piet.GotoAsync($"/deelnemen/{code}");
        await piet.GetByLabel("Je naam").FillAsync("Piet Jansen");
        await piet.GetByLabel("Gemeente").FillAsync("Zwolle");
        await piet.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
        await BrowserSession.RoomIsLiveAsync(piet);
        await Assertions.Expect(piet.GetByTestId("phase")).ToContainTextAsync("Delen");

        // Theme 1, Delen: two posts, one hidden by the facilitator, the other +1'd and in the spotlight.
        foreach (var text in new[] { "Vaste afspraken met de GGD", "Dit hoort hier niet" })
        {
            await piet.GetByLabel("Jouw bijdrage").FillAsync(text);
            await piet.GetByRole(AriaRole.Button, new() { Name = "Plaatsen" }).ClickAsync();
            await Assertions.Expect(Item(console, text)).ToBeVisibleAsync();
        }

        await ActionButton(console, "Verbergen", "Dit hoort hier niet").ClickAsync();
        await Assertions.Expect(Item(piet, "Dit hoort hier niet")).ToHaveCountAsync(0);
        await Assertions.Expect(Item(console, "Dit hoort hier niet")).ToContainTextAsync("Verborgen");
        await console.GetByRole(AriaRole.Button, new() { Name = "Eens (0) bij: Vaste afspraken met de GGD" }).ClickAsync();
        await Assertions.Expect(piet.GetByTestId("react")).ToContainTextAsync("1");
        await ActionButton(console, "In de schijnwerper", "Vaste afspraken met de GGD").ClickAsync();
        await Assertions.Expect(piet.GetByTestId("spotlight")).ToContainTextAsync("Vaste afspraken met de GGD");
        await BrowserSession.AssertAccessibleAsync(piet);
        await BrowserSession.AssertAccessibleAsync(console);

        // The projector view, in a tab of its own.
        var projector = await console.Context.NewPageAsync();
        await projector.GotoAsync($"{console.Url}/presentatie");
        await Assertions.Expect(projector.GetByTestId("presenter-stage")).ToContainTextAsync("Delen");
        await Assertions.Expect(projector.GetByTestId("presenter-item")).ToContainTextAsync("Vaste afspraken met de GGD");
        await Assertions.Expect(projector.GetByTestId("presenter-code")).ToHaveTextAsync(code);
        await Assertions.Expect(projector.Locator(".qr svg")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(projector);

        // The timer, then the other phases of theme 1.
        await console.GetByLabel("Minuten").FillAsync("5");
        await console.GetByRole(AriaRole.Button, new() { Name = "Timer starten" }).ClickAsync();
        await Assertions.Expect(piet.GetByTestId("timer")).ToContainTextAsync("Nog 4:");
        await Assertions.Expect(projector.GetByTestId("timer")).ToContainTextAsync("Nog 4:");

        await ToPhaseAsync(console, "Goede voorbeelden");
        await Assertions.Expect(piet.GetByTestId("phase")).ToContainTextAsync("Goede voorbeelden");
        await Assertions.Expect(piet.GetByTestId("timer")).ToHaveCountAsync(0);

        // Goede voorbeelden: Piet records one, with a contact who agreed to be approached.
        await piet.GetByLabel("Titel").FillAsync("Volledige inspectie na herhaald laag risico");
        await piet.GetByLabel("Wat is er gedaan?").FillAsync("De GGD doet een volledige inspectie als een locatie drie keer laag risico had.");
        await piet.GetByLabel("Waarom werkt het?").FillAsync("Zo blijven verborgen risico's niet onopgemerkt.");
        await piet.GetByLabel("Controleren (volgen en meten)").CheckAsync();
        await piet.GetByLabel("Naam", new() { Exact = true }).FillAsync("Fatima Bakker");
        await piet.GetByLabel("E-mailadres of telefoonnummer").FillAsync("f.bakker@zwolle.example");
        await piet.GetByRole(AriaRole.Button, new() { Name = "Goed voorbeeld delen" }).ClickAsync();
        await Assertions.Expect(piet.GetByText("Vermeld een contactpersoon alleen als die toestemming heeft gegeven")).ToBeVisibleAsync();
        await piet.GetByLabel("Deze persoon heeft toestemming gegeven om hierover benaderd te worden").CheckAsync();
        await piet.GetByRole(AriaRole.Button, new() { Name = "Goed voorbeeld delen" }).ClickAsync();
        await Assertions.Expect(console.Locator(".practice-title")).ToHaveTextAsync("Volledige inspectie na herhaald laag risico");
        await Assertions.Expect(console.GetByTestId("practice-contact")).ToHaveTextAsync("Fatima Bakker — f.bakker@zwolle.example");
        await Assertions.Expect(projector.GetByTestId("presenter-item")).ToContainTextAsync("Volledige inspectie na herhaald laag risico");
        await BrowserSession.AssertAccessibleAsync(piet);

        // Risico's wegen: the template's risk is on the list; the facilitator adds one, the vote runs and is revealed.
        await ToPhaseAsync(console, "Risico's wegen");
        await Assertions.Expect(piet.GetByTestId("phase")).ToContainTextAsync("Risico's wegen");
        await Assertions.Expect(piet.GetByTestId("vote-state")).ToHaveTextAsync("De stemming is nog niet geopend.");
        await console.GetByLabel("Risico toevoegen").FillAsync("Signalen uit de praktijk worden niet gebruikt");
        await console.GetByRole(AriaRole.Button, new() { Name = "Toevoegen", Exact = true }).ClickAsync();
        await Assertions.Expect(piet.GetByTestId("risk")).ToHaveCountAsync(1);
        await console.GetByRole(AriaRole.Button, new() { Name = "Stemming openen" }).ClickAsync();
        await Assertions.Expect(piet.GetByTestId("budget-left")).ToHaveTextAsync("Je hebt nog 5 van de 5 punten.");
        await BrowserSession.AssertAccessibleAsync(piet);
        var risk = piet.GetByTestId("ballot-risk").Filter(new() { HasText = "Signalen uit de praktijk" });
        for (var i = 0; i < 3; i++)
        {
            await risk.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^\\+") }).ClickAsync();
            await Assertions.Expect(piet.GetByTestId("budget-left")).ToHaveTextAsync($"Je hebt nog {4 - i} van de 5 punten.");
        }

        await Assertions.Expect(risk.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^\\+") })).ToBeDisabledAsync(); // The cap is 3.
        await Assertions.Expect(console.GetByTestId("vote-progress")).ToHaveTextAsync("1 van de 1 aanwezige deelnemers hebben gestemd.");
        await console.GetByRole(AriaRole.Button, new() { Name = "Stemming sluiten" }).ClickAsync();
        await Assertions.Expect(piet.GetByTestId("vote-state")).ToContainTextAsync("De stemming is gesloten");
        await Assertions.Expect(piet.GetByTestId("results")).ToHaveCountAsync(0);
        await console.GetByRole(AriaRole.Button, new() { Name = "Uitslag tonen" }).ClickAsync();
        await Assertions.Expect(piet.GetByTestId("result-row").First).ToContainTextAsync("Signalen uit de praktijk worden niet gebruikt");
        await Assertions.Expect(piet.GetByTestId("result-row").First).ToContainTextAsync("3");
        await Assertions.Expect(projector.GetByTestId("results")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(piet);
        await BrowserSession.AssertAccessibleAsync(projector);

        await ToPhaseAsync(console, "Afspraken");
        await Assertions.Expect(projector.GetByTestId("presenter-stage")).ToContainTextAsync("Afspraken");
        await console.GetByLabel("Wat", new() { Exact = true }).FillAsync("Handhavingsbeleid actualiseren");
        await console.GetByLabel("Wie", new() { Exact = true }).FillAsync("Gemeente Zwolle");
        var due = TimeProvider.System.GetUtcNow().Year + 1; // 1 June next year: a date in the past is refused
        await console.GetByLabel("Wanneer").FillAsync($"{due}-06-01");
        await console.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await Assertions.Expect(piet.GetByTestId("agreement")).ToContainTextAsync("Handhavingsbeleid actualiseren");
        await Assertions.Expect(piet.GetByTestId("agreement")).ToContainTextAsync($"1 juni {due}");
        await BrowserSession.AssertAccessibleAsync(piet);

        // On to theme 2 with "Volgende", and lock input there.
        await console.GetByRole(AriaRole.Button, new() { Name = "Volgende: Risicogestuurd toezicht door de GGD en de opdracht van de gemeente — Delen" }).ClickAsync();
        await Assertions.Expect(piet.Locator("#theme-title")).ToContainTextAsync("Risicogestuurd toezicht");
        await piet.GetByLabel("Jouw bijdrage").FillAsync("Risicoprofielen worden niet gedeeld");
        await piet.GetByRole(AriaRole.Button, new() { Name = "Plaatsen" }).ClickAsync();
        await Assertions.Expect(projector.GetByTestId("presenter-item")).ToContainTextAsync("Risicoprofielen worden niet gedeeld");
        await console.GetByRole(AriaRole.Button, new() { Name = "Invoer sluiten" }).ClickAsync();
        await Assertions.Expect(piet.Locator(".stage .notice")).ToContainTextAsync("heeft de invoer voor deze fase gesloten");
        await Assertions.Expect(piet.GetByTestId("announcer")).ToHaveTextAsync("De facilitator heeft de invoer gesloten.");

        // Close; the minutes hold both themes, without the hidden item.
        await console.GetByRole(AriaRole.Button, new() { Name = "Dialoog afsluiten" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Ja, dialoog afsluiten" }).ClickAsync();
        await console.GetByRole(AriaRole.Link, new() { Name = "Notulen bekijken" }).ClickAsync();
        var minutes = console.GetByTestId("minutes");
        await Assertions.Expect(minutes).ToContainTextAsync("Vaste afspraken met de GGD");
        await Assertions.Expect(minutes).ToContainTextAsync("Risicoprofielen worden niet gedeeld");
        await Assertions.Expect(minutes).Not.ToContainTextAsync("Dit hoort hier niet");
        await BrowserSession.AssertAccessibleAsync(console);
        Assert.Equal(["hide"], await App.QueryAsync(db => db.ModerationRecords.Select(m => m.Action).ToListAsync()));
    }
}
