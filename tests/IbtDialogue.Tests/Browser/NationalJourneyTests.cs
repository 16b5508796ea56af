using System.Text.RegularExpressions;
using IbtDialogue.Accounts;
using IbtDialogue.Contributions;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// The national picture in Chromium, from the analyst's catalogue to the public page: a catalogue risk is
/// made, weighed in enough dialogues to be shared, brought into a live dialogue with one click, put on
/// everyone's screen next to a featured good practice, and compared with the room's own vote; axe-core on
/// every page on the way.
/// </summary>
public sealed class NationalJourneyTests : BrowserTest
{
    private const string Handhaving = "Toezicht en handhaving kinderopvang — Handhaving bij overtredingen (van aanwijzing tot last onder dwangsom)";
    private const string Shared = "Opgelegde dwangsommen worden niet ingevorderd";
    private const string Other = "Overtredingen worden niet hersteld";
    private const string Thin = "Te weinig handhavingscapaciteit";
    private const string Featured = "Handhavingsoverleg elke maand";
    private const string Published = "Samen op controle met de GGD";
    private const string OwnRisk = "Ouders horen niets over de handhaving";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Regex Percent(int value) => new($"{value}\\s?%");

    /// <summary>A button whose name is the action, then (for screen readers) the item.</summary>
    private static ILocator ActionButton(IPage page, string action, string item) =>
        page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(action)}\\s*:\\s*{Regex.Escape(item)}$") });

    private async Task<IPage> LoginAsync(string email)
    {
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync(email);
        await page.GetByLabel("Wachtwoord").FillAsync(AppHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

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
    public async Task A_catalogue_risk_goes_from_the_analyst_through_a_live_dialogue_to_the_public_national_picture()
    {
        await App.CreateAccountAsync("carla@owinsp.example", "Carla Analist", Roles.Analyst);
        var annaId = await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        var world = new NationalWorld(App.Services, annaId);

        // 1. The analyst adds a risk to the catalogue; without a title it is refused with the reason.
        var analyst = await LoginAsync("carla@owinsp.example");
        await analyst.GotoAsync("/landelijk-beeld/catalogus");
        await Assertions.Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = "Landelijke risicocatalogus" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(analyst);
        await analyst.GetByLabel("Thema").SelectOptionAsync("ko-handhaving");
        await analyst.GetByLabel("Toelichting").FillAsync("De gemeente legt een last onder dwangsom op maar int die niet.");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(analyst.Locator("#title-error")).ToHaveTextAsync("Vul het risico in.");
        await Assertions.Expect(analyst.Locator(".error-summary")).ToContainTextAsync("Vul het risico in.");
        await BrowserSession.AssertAccessibleAsync(analyst);
        await analyst.GetByLabel("Risico", new() { Exact = true }).FillAsync(Shared);
        await analyst.GetByLabel("Bron", new() { Exact = true }).FillAsync("Landelijk beeld 2025, §3");
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(analyst.GetByRole(AriaRole.Status)).ToHaveTextAsync("Het risico is opgeslagen.");
        var handhavingGroup = analyst.GetByRole(AriaRole.Region, new() { Name = Handhaving });
        await Assertions.Expect(handhavingGroup.GetByRole(AriaRole.Row, new() { Name = Shared })).ToContainTextAsync("Landelijk beeld 2025, §3");
        await BrowserSession.AssertAccessibleAsync(analyst);
        var shared = await App.QueryAsync(db => db.CatalogueRisks.Where(c => c.Title == Shared).Select(c => c.Id).SingleAsync(Ct));

        // 2. History: seven closed dialogues of 2025 from seven municipalities weighed the new risk and another;
        // a third risk was weighed in only two of them, too few to be shown outside the Inspectie.
        var other = await world.CatalogueRiskAsync(Other);
        var thin = await world.CatalogueRiskAsync(Thin);
        var featuredDialogue = await ClosedDialogueWithPracticeAsync(world, "Zwolle", Featured, shared, other);
        var publishedDialogue = await ClosedDialogueWithPracticeAsync(world, "Breda", Published, shared, other);
        foreach (var municipality in new[] { "Assen", "Utrecht", "Groningen" })
        {
            await world.ClosedDotDialogueAsync(2025, [municipality], new Dictionary<int, int> { [shared] = 3, [other] = 2 });
        }

        foreach (var municipality in new[] { "Deventer", "Amersfoort" })
        {
            await world.ClosedDotDialogueAsync(2025, [municipality], new Dictionary<int, int> { [shared] = 2, [other] = 1, [thin] = 2 });
        }

        // Published as four eyes requires: Anna proposes, an administrator approves.
        var administrator = await App.CreateAccountAsync($"beheer-{Guid.NewGuid():N}@owinsp.example", "Beheerder", IbtDialogue.Accounts.Roles.Administrator);
        var publication = await App.Services.GetRequiredService<PublicationService>().PublishApprovedAsync(publishedDialogue, annaId, administrator, "# Samenvatting\n\nEen goed gesprek over handhaving.");
        Assert.Equal(PublishOutcome.Published, publication.Outcome);
        Assert.NotEqual(featuredDialogue, publishedDialogue);

        // The internal picture shows every figure, the thin one marked; the analyst features a practice.
        await analyst.GotoAsync("/landelijk-beeld/intern");
        await Assertions.Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = "Landelijk beeld (intern)" })).ToBeVisibleAsync();
        var internalRows = analyst.GetByTestId("risk-row");
        // Cells: rank, mean share, spread, dialogues, municipalities, change.
        await Assertions.Expect(internalRows.Filter(new() { HasText = Shared }).Locator("td").Nth(3)).ToHaveTextAsync("7");
        await Assertions.Expect(internalRows.Filter(new() { HasText = Shared }).Locator("td").Nth(4)).ToHaveTextAsync("7");
        await Assertions.Expect(internalRows.Filter(new() { HasText = Shared })).Not.ToContainTextAsync("minder dan 5");
        await Assertions.Expect(internalRows.Filter(new() { HasText = Thin }).Locator("td").Nth(3)).ToHaveTextAsync("2");
        await Assertions.Expect(internalRows.Filter(new() { HasText = Thin })).ToContainTextAsync("minder dan 5");
        await BrowserSession.AssertAccessibleAsync(analyst);

        await analyst.GetByRole(AriaRole.Link, new() { Name = "Bibliotheek van goede voorbeelden" }).ClickAsync();
        await Assertions.Expect(analyst.GetByTestId("library-count")).ToHaveTextAsync("2 goed(e) voorbeeld(en) gevonden.");
        await BrowserSession.AssertAccessibleAsync(analyst);
        var featuredEntry = analyst.GetByTestId("library-entry").Filter(new() { HasText = Featured });
        await Assertions.Expect(featuredEntry).Not.ToContainTextAsync("uitgelicht");
        await ActionButton(analyst, "Uitlichten", Featured).ClickAsync();
        await Assertions.Expect(featuredEntry.Locator(".badge")).ToHaveTextAsync("uitgelicht");
        await Assertions.Expect(ActionButton(analyst, "Niet meer uitlichten", Featured)).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByTestId("library-entry").Filter(new() { HasText = Published }).Locator(".badge")).ToHaveCountAsync(0);
        await BrowserSession.AssertAccessibleAsync(analyst);

        // 3. A facilitator's dialogue of 2026 on "Handhaving": its national settings, then the console.
        var (live, liveTheme, _) = await world.OpenDialogueAsync(2026);
        var code = await App.QueryAsync(db => db.Dialogues.Where(d => d.Id == live).Select(d => d.JoinCode).SingleAsync(Ct));
        var console = await LoginAsync("anna@owinsp.example");
        await console.GotoAsync($"/dialogen/{live}/landelijk");
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Landelijk beeld: domein en thema's" })).ToBeVisibleAsync();
        await Assertions.Expect(console.GetByLabel("Handhaving bij overtredingen", new() { Exact = true })).ToHaveValueAsync("ko-handhaving");
        await Assertions.Expect(console.GetByLabel("Jaar in het landelijk beeld")).ToHaveValueAsync("2026");
        await BrowserSession.AssertAccessibleAsync(console);
        await console.GetByRole(AriaRole.Link, new() { Name = "Terug naar de dialoog" }).ClickAsync();

        var panel = console.GetByTestId("national-panel");
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Landelijk beeld: Handhaving bij overtredingen" })).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Landelijke rangorde van de risico's (2025)" })).ToBeVisibleAsync();
        var nationalRisks = panel.GetByTestId("national-risk");
        await Assertions.Expect(nationalRisks).ToHaveCountAsync(2); // The thin risk is not shown, not even here.
        await Assertions.Expect(nationalRisks.Nth(0)).ToContainTextAsync(Shared);
        await Assertions.Expect(nationalRisks.Nth(0).Locator("td").First).ToHaveTextAsync("1");
        await Assertions.Expect(nationalRisks.Nth(1)).ToContainTextAsync(Other);
        await Assertions.Expect(nationalRisks.Nth(1).Locator("td").First).ToHaveTextAsync("2");
        await Assertions.Expect(panel.GetByTestId("national-practice")).ToHaveCountAsync(1);
        await Assertions.Expect(panel.GetByTestId("national-practice")).ToContainTextAsync(Featured);

        // Risico's wegen: the two catalogue risks with one click each, and one of the room's own.
        await ToPhaseAsync(console, "Risico's wegen");
        await Assertions.Expect(console.GetByTestId("vote-state")).ToHaveTextAsync("De stemming is nog niet geopend.");
        foreach (var title in new[] { Shared, Other })
        {
            await ActionButton(console, "Toevoegen aan de stemming", title).ClickAsync();
            await Assertions.Expect(panel.GetByTestId("catalogue-risk").Filter(new() { HasText = title })).ToContainTextAsync("staat op de lijst");
        }

        await Assertions.Expect(console.GetByTestId("risk-edit")).ToHaveCountAsync(2);
        await console.GetByLabel("Risico toevoegen").FillAsync(OwnRisk);
        await console.GetByRole(AriaRole.Button, new() { Name = "Toevoegen", Exact = true }).ClickAsync();
        await Assertions.Expect(console.GetByTestId("risk-edit")).ToHaveCountAsync(3);
        await BrowserSession.AssertAccessibleAsync(console);

        // 4. A participant joins with the code and sees the risks.
        var piet = await Browser.NewPageAsync(App.BaseAddress);
        await piet.GotoAsync($"/deelnemen/{code}");
        await piet.GetByLabel("Je naam").FillAsync("Piet Jansen");
        await piet.GetByLabel("Gemeente").FillAsync("Zwolle");
        await piet.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
        await BrowserSession.RoomIsLiveAsync(piet);
        await Assertions.Expect(piet.GetByTestId("phase")).ToContainTextAsync("Risico's wegen");
        await Assertions.Expect(piet.GetByTestId("risk")).ToHaveCountAsync(3);
        await Assertions.Expect(piet.GetByTestId("national-card")).ToHaveCountAsync(0);

        // The national risk on everyone's screen: its explanation, its national figures and its source.
        await ActionButton(console, "Op het scherm", Shared).ClickAsync();
        await Assertions.Expect(panel.Locator(".notice")).ToContainTextAsync($"Op het scherm: „{Shared}”.");
        var card = piet.GetByTestId("national-card");
        await Assertions.Expect(card.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Landelijk risico {Shared}");
        await Assertions.Expect(card).ToContainTextAsync("De gemeente legt een last onder dwangsom op maar int die niet.");
        await Assertions.Expect(card).ToContainTextAsync(new Regex("Landelijk 2025: plaats 1 · gemiddeld 54\\s?% van de punten · 7 dialogen, 7 gemeenten"));
        await Assertions.Expect(card).ToContainTextAsync("Bron: Landelijk beeld 2025, §3");
        await BrowserSession.AssertAccessibleAsync(piet);
        await BrowserSession.AssertAccessibleAsync(console);

        var projector = await console.Context.NewPageAsync();
        await projector.GotoAsync($"/dialogen/{live}/presentatie");
        await Assertions.Expect(projector.GetByTestId("national-card")).ToContainTextAsync(Shared);
        await BrowserSession.AssertAccessibleAsync(projector);

        // Then the featured good practice, in place of the risk; then off the screen.
        await ActionButton(console, "Op het scherm", Featured).ClickAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Heading)).ToHaveTextAsync($"Goed voorbeeld uit het land {Featured}");
        await Assertions.Expect(card).ToContainTextAsync("Waarom het werkt: Zo blijft geen overtreding liggen.");
        await Assertions.Expect(card).ToContainTextAsync("Bron: Goed voorbeeld van Zwolle (2025)");
        await Assertions.Expect(projector.GetByTestId("national-card")).ToContainTextAsync(Featured);
        await BrowserSession.AssertAccessibleAsync(piet);
        await BrowserSession.AssertAccessibleAsync(projector);
        await console.GetByRole(AriaRole.Button, new() { Name = "Van het scherm halen" }).ClickAsync();
        await Assertions.Expect(card).ToHaveCountAsync(0);
        await Assertions.Expect(projector.GetByTestId("national-card")).ToHaveCountAsync(0);

        // The dot vote: Piet weighs the other risk heavier than the country does.
        await console.GetByRole(AriaRole.Button, new() { Name = "Stemming openen" }).ClickAsync();
        await Assertions.Expect(piet.GetByTestId("budget-left")).ToHaveTextAsync("Je hebt nog 5 van de 5 punten.");
        foreach (var (title, points) in new[] { (Other, 3), (Shared, 2) })
        {
            var more = piet.GetByTestId("ballot-risk").Filter(new() { HasText = title }).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^\\+") });
            for (var i = 0; i < points; i++)
            {
                await more.ClickAsync();
                await Assertions.Expect(piet.GetByTestId("ballot-risk").Filter(new() { HasText = title }).GetByRole(AriaRole.Spinbutton)).ToHaveValueAsync($"{i + 1}");
            }
        }

        await Assertions.Expect(piet.GetByTestId("budget-left")).ToHaveTextAsync("Je hebt nog 0 van de 5 punten.");
        await Assertions.Expect(console.GetByTestId("vote-progress")).ToHaveTextAsync("1 van de 1 aanwezige deelnemers hebben gestemd.");
        await console.GetByRole(AriaRole.Button, new() { Name = "Stemming sluiten" }).ClickAsync();
        await Assertions.Expect(piet.GetByTestId("vote-state")).ToContainTextAsync("De stemming is gesloten");
        await console.GetByRole(AriaRole.Button, new() { Name = "Uitslag tonen" }).ClickAsync();

        // The room's ranking beside the national one: own rank 1 is national rank 2, and the other way round.
        var rows = piet.GetByTestId("result-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(Other);
        await Assertions.Expect(rows.Nth(0).GetByTestId("national-rank")).ToHaveTextAsync("2");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(Percent(34));
        await Assertions.Expect(rows.Nth(1).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(Shared);
        await Assertions.Expect(rows.Nth(1).GetByTestId("national-rank")).ToHaveTextAsync("1");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(Percent(54));
        var own = rows.Filter(new() { HasText = OwnRisk });
        await Assertions.Expect(own.GetByTestId("national-rank")).ToHaveCountAsync(0);
        await Assertions.Expect(own).ToContainTextAsync("—");
        await Assertions.Expect(piet.GetByRole(AriaRole.Columnheader, new() { Name = "Landelijke plaats" })).ToBeVisibleAsync();
        await Assertions.Expect(piet.GetByTestId("national-note")).ToHaveTextAsync("Landelijk: de cijfers van 2025, uit alle dialogen samen. Een risico staat er alleen bij als minstens 5 dialogen en 5 gemeenten het hebben gewogen.");
        await Assertions.Expect(projector.GetByTestId("results").GetByTestId("national-rank")).ToHaveCountAsync(2);
        await BrowserSession.AssertAccessibleAsync(piet);
        await BrowserSession.AssertAccessibleAsync(console);

        // 5. The facilitator closes; the participant's room offers the results page, with both rankings.
        await console.GetByRole(AriaRole.Button, new() { Name = "Dialoog afsluiten" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Ja, dialoog afsluiten" }).ClickAsync();
        await Assertions.Expect(console.Locator(".live-room .status")).ToHaveTextAsync("Gesloten");
        var resultsLink = piet.GetByTestId("results-link").GetByRole(AriaRole.Link, new() { Name = "Bekijk de uitslag van deze dialoog naast het landelijk beeld" });
        await Assertions.Expect(resultsLink).ToBeVisibleAsync();
        await resultsLink.ClickAsync();
        await piet.WaitForURLAsync(new Regex("/uitslag/[^/]+$"));
        await Assertions.Expect(piet.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Handhaving 2026");
        var resultRows = piet.GetByTestId("dialogue-results").Locator("tbody tr");
        await Assertions.Expect(resultRows).ToHaveCountAsync(3);
        await Assertions.Expect(resultRows.Nth(0).Locator("th")).ToHaveTextAsync(Other);
        await Assertions.Expect(resultRows.Nth(0).Locator("td")).ToHaveTextAsync([new Regex("^1$"), Percent(60), new Regex("^2$"), Percent(34)]);
        await Assertions.Expect(resultRows.Nth(1).Locator("th")).ToHaveTextAsync(Shared);
        await Assertions.Expect(resultRows.Nth(1).Locator("td")).ToHaveTextAsync([new Regex("^2$"), Percent(40), new Regex("^1$"), Percent(54)]);
        await Assertions.Expect(resultRows.Nth(2).Locator("th")).ToHaveTextAsync(OwnRisk);
        await Assertions.Expect(resultRows.Nth(2).Locator("td").Nth(2)).ToHaveTextAsync("—");
        await BrowserSession.AssertAccessibleAsync(piet);

        // The risk of the room's own is waiting to be linked by an analyst.
        await analyst.GotoAsync("/landelijk-beeld/koppelen");
        await Assertions.Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = "Risico's koppelen" })).ToBeVisibleAsync();
        await Assertions.Expect(analyst.GetByTestId("unlinked").GetByRole(AriaRole.Row, new() { Name = OwnRisk })).ToContainTextAsync("Handhaving 2026 (2026)");
        await BrowserSession.AssertAccessibleAsync(analyst);

        // 6. Anyone: the public picture of 2025 holds only the figures on at least 5 dialogues and 5 municipalities,
        // ranked among themselves, and the public library only the practices of published dialogues.
        var reader = await Browser.NewPageAsync(App.BaseAddress);
        await reader.GotoAsync("/landelijk-beeld");
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Het landelijk beeld", Level = 1 })).ToBeVisibleAsync();
        await reader.GetByLabel("Jaar", new() { Exact = true }).SelectOptionAsync("2025");
        await reader.GetByRole(AriaRole.Button, new() { Name = "Tonen" }).ClickAsync();
        await reader.WaitForURLAsync(url => url.Contains("jaar=2025", StringComparison.Ordinal));
        var publicHandhaving = reader.GetByRole(AriaRole.Region, new() { Name = "Handhaving bij overtredingen (van aanwijzing tot last onder dwangsom)", Exact = true });
        var publicRows = publicHandhaving.GetByTestId("risk-row");
        await Assertions.Expect(publicRows).ToHaveCountAsync(2);
        await Assertions.Expect(publicRows.Nth(0).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(Shared);
        await Assertions.Expect(publicRows.Nth(0).Locator("td").First).ToHaveTextAsync("1");
        await Assertions.Expect(publicRows.Nth(1).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(Other);
        await Assertions.Expect(publicRows.Nth(1).Locator("td").First).ToHaveTextAsync("2");
        await Assertions.Expect(reader.Locator("main")).Not.ToContainTextAsync(Thin);
        await BrowserSession.AssertAccessibleAsync(reader);

        await reader.GetByRole(AriaRole.Link, new() { Name = "Goede voorbeelden uit de dialogen" }).ClickAsync();
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Goede voorbeelden uit de lerende dialogen" })).ToBeVisibleAsync();
        await Assertions.Expect(reader.GetByTestId("library-count")).ToHaveTextAsync("1 goed(e) voorbeeld(en) gevonden.");
        await Assertions.Expect(reader.GetByTestId("library-entry")).ToContainTextAsync(Published);
        await Assertions.Expect(reader.Locator("main")).Not.ToContainTextAsync(Featured);
        await BrowserSession.AssertAccessibleAsync(reader);
    }

    /// <summary>A closed dialogue of 2025 in which one municipality shared a good practice and weighed the two risks 3 and 2.</summary>
    private async Task<int> ClosedDialogueWithPracticeAsync(NationalWorld world, string municipality, string practice, int heavier, int lighter)
    {
        var (dialogue, theme, riskOf) = await world.OpenDialogueAsync(2025, heavier, lighter);
        var participant = await world.JoinAsync(dialogue, municipality);
        var stage = await App.Services.GetRequiredService<RoomEngine>().SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), world.Facilitator, Ct);
        Assert.True(stage.Result.Ok, stage.Result.Error);
        var saved = await App.Services.GetRequiredService<ContributionCommands>().SaveGoodPracticeAsync(
            new SaveGoodPractice(Guid.NewGuid(), dialogue, theme, null, practice, "Gemeente en GGD bespreken elke maand de openstaande overtredingen.", "Zo blijft geen overtreding liggen.", municipality, CycleStep.Check, null, null, false),
            participant,
            Ct);
        Assert.True(saved.Result.Ok, saved.Result.Error);
        await world.OpenDotVoteAsync(dialogue, theme);
        await world.CastAsync(participant, dialogue, theme, riskOf[heavier], 3);
        await world.CastAsync(participant, dialogue, theme, riskOf[lighter], 2);
        await world.EndVoteAsync(dialogue, theme);
        await world.CloseAndCountAsync(dialogue);
        return dialogue;
    }
}
