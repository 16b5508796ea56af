using IbtDialogue.Agreements;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// The yearly cycle in Chromium: last year's LEA consultation is put in a new series, this year's is prepared from
/// it, its "Terugblik" shows the agreements still open in the console and in a participant's room, the owner's
/// contact updates one through a follow-up link, and the series page shows where every agreement stands; then the
/// series is renamed and deleted, its dialogues kept; axe-core on every page on the way.
/// </summary>
public sealed class SeriesJourneyTests : BrowserTest
{
    private const string Series = "LEA-overleg regio Twente";
    private const string Open = "Aanpak thuiszitters vastleggen";
    private const string Busy = "Voorschoolse educatie uitbreiden";
    private const string Done = "Overleg met de kinderopvang plannen";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task This_years_dialogue_is_prepared_from_last_years_and_looks_back_on_its_open_agreements()
    {
        // Last year's dialogue, held before the series existed: three agreements, one already done.
        var annaId = await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        var anna = new Actor(annaId, null, null);
        var (earlier, _) = await App.CreateDialogueAsync(annaId, "Onderwijsachterstanden", "Thuiszitters");
        await App.QueryAsync(db => db.Dialogues.Where(d => d.Id == earlier).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.Title, $"{Series} 2026").SetProperty(d => d.Domain, IbtDialogue.Dialogues.Domain.LeaConsultation), Ct));
        var engine = App.Services.GetRequiredService<RoomEngine>();
        Assert.True((await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), earlier), anna, Ct)).Result.Ok);
        var theme = await App.QueryAsync(db => db.Themes.Where(t => t.DialogueId == earlier).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync(Ct));
        Assert.True((await engine.SetStageAsync(new SetStage(Guid.NewGuid(), earlier, theme, Phase.Agreements), anna, Ct)).Result.Ok);
        var agreements = App.Services.GetRequiredService<AgreementCommands>();
        async Task<int> AgreeAsync(string what, string who) =>
            (await agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), earlier, null, theme, what, who, new DateOnly(2027, 6, 30)), anna, Ct)).Result.EntityId!.Value;
        var open = await AgreeAsync(Open, "Gemeente Enschede");
        var busy = await AgreeAsync(Busy, "Gemeente Hengelo");
        var done = await AgreeAsync(Done, "Gemeente Almelo");
        var followUp = App.Services.GetRequiredService<AgreementFollowUp>();
        Assert.Empty(await followUp.ChangeAsync(earlier, busy, annaId, "InProgress", "Pilot gestart", Ct));
        Assert.Empty(await followUp.ChangeAsync(earlier, done, annaId, "Done", "Overleg gevoerd", Ct));
        Assert.True((await engine.CloseAsync(new DialogueCommand(Guid.NewGuid(), earlier), anna, Ct)).Result.Ok);

        // 1. Anna makes the series.
        var console = await Browser.NewPageAsync(App.BaseAddress);
        await console.GotoAsync("/account/login");
        await console.GetByLabel("E-mailadres").FillAsync("anna@owinsp.example");
        await console.GetByLabel("Wachtwoord").FillAsync(AppHost.Password);
        await console.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await console.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await console.GetByRole(AriaRole.Link, new() { Name = "Reeksen" }).ClickAsync();
        await Assertions.Expect(console.GetByTestId("series-none")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(console);
        await console.GetByRole(AriaRole.Button, new() { Name = "Reeks maken" }).ClickAsync();
        await Assertions.Expect(console.Locator("#name-error")).ToHaveTextAsync("Geef de reeks een naam.");
        await BrowserSession.AssertAccessibleAsync(console);
        await console.GetByLabel("Naam van de reeks").FillAsync(Series);
        await console.GetByLabel("Domein").SelectOptionAsync(new SelectOptionValue { Label = "LEA-overleg" });
        await console.GetByLabel("Regio").SelectOptionAsync("GGD Twente");
        await console.GetByRole(AriaRole.Button, new() { Name = "Reeks maken" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = Series, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(console.GetByTestId("series-dialogues-none")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(console);

        // 2. Last year's dialogue joins the series on its details page (closed, but it may).
        await console.GotoAsync($"/dialogen/{earlier}/gegevens");
        await console.Locator("#series").SelectOptionAsync(new SelectOptionValue { Label = $"{Series} (LEA-overleg)" });
        await console.GetByRole(AriaRole.Button, new() { Name = "Reeks opslaan" }).ClickAsync();
        await Assertions.Expect(console.GetByText("De reeks is opgeslagen.")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(console);
        await console.GetByTestId("current-series").GetByRole(AriaRole.Link, new() { Name = Series }).ClickAsync();

        // 3. The series page: last year's agreements with their status; this year's dialogue prepared from it.
        var rows = console.GetByTestId("series-agreement");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Filter(new() { HasText = Busy })).ToContainTextAsync("bezig");
        await Assertions.Expect(rows.Filter(new() { HasText = Done })).ToContainTextAsync("gedaan");
        await BrowserSession.AssertAccessibleAsync(console);
        await Assertions.Expect(console.GetByLabel("Titel")).ToHaveValueAsync($"{Series} 2027");
        await console.GetByRole(AriaRole.Button, new() { Name = "Volgende dialoog voorbereiden" }).ClickAsync();

        // 4. The new draft's console: the look-back first on the agenda; opened, it is on the stage with the two unfinished agreements.
        await Assertions.Expect(console.Locator(".live-room h1")).ToHaveTextAsync($"{Series} 2027");
        await BrowserSession.RoomIsLiveAsync(console);
        await console.GetByRole(AriaRole.Button, new() { Name = "Dialoog openen" }).ClickAsync();
        await Assertions.Expect(console.Locator("#theme-title")).ToContainTextAsync("Terugblik");
        var consoleLookBack = console.GetByTestId("look-back-item");
        await Assertions.Expect(consoleLookBack).ToHaveCountAsync(2);
        await Assertions.Expect(consoleLookBack.Filter(new() { HasText = Open })).ToContainTextAsync("open");
        await Assertions.Expect(consoleLookBack.Filter(new() { HasText = Busy })).ToContainTextAsync("bezig");
        await Assertions.Expect(console.GetByTestId("look-back")).Not.ToContainTextAsync(Done);
        await BrowserSession.AssertAccessibleAsync(console);
        var next = await App.QueryAsync(db => db.Dialogues.Where(d => d.Title == $"{Series} 2027").Select(d => new { d.Id, d.JoinCode }).SingleAsync(Ct));

        // 5. A participant sees the look-back in the room.
        var participant = await Browser.NewPageAsync(App.BaseAddress);
        await participant.GotoAsync($"/deelnemen/{next.JoinCode}");
        await participant.GetByLabel("Je naam").FillAsync("Els Brink");
        await participant.GetByLabel("Gemeente").FillAsync("Enschede");
        await participant.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
        await BrowserSession.RoomIsLiveAsync(participant);
        var roomLookBack = participant.GetByTestId("look-back-item");
        await Assertions.Expect(roomLookBack).ToHaveCountAsync(2);
        await Assertions.Expect(roomLookBack.Filter(new() { HasText = Open })).ToContainTextAsync($"{Series} 2026");
        await BrowserSession.AssertAccessibleAsync(participant);

        // 6. Enschede's contact reports by the follow-up link that the agreement is done.
        var link = (await followUp.IssueLinkAsync(earlier, open, annaId, Ct))!;
        var contact = await Browser.NewPageAsync(App.BaseAddress);
        await contact.GotoAsync($"/afspraak/{link.Secret}");
        await Assertions.Expect(contact.GetByText(Open).First).ToBeVisibleAsync();
        await contact.GetByLabel("Je naam").FillAsync("Jan Smit");
        await contact.GetByLabel("Nieuwe status").SelectOptionAsync(new SelectOptionValue { Label = "gedaan" });
        await contact.GetByLabel("Toelichting").FillAsync("Vastgesteld door de raad");
        await contact.GetByRole(AriaRole.Button, new() { Name = "Status opslaan" }).ClickAsync();
        await Assertions.Expect(contact.GetByText("De status is opgeslagen.")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(contact);

        // The room shows it when it loads again; the series page shows it and where it was looked back on.
        await participant.ReloadAsync();
        await BrowserSession.RoomIsLiveAsync(participant);
        await Assertions.Expect(participant.GetByTestId("look-back-item").Filter(new() { HasText = Open })).ToContainTextAsync("gedaan");
        await console.GotoAsync("/reeksen");
        await Assertions.Expect(console.GetByTestId("series-row")).ToContainTextAsync("2");
        await console.GetByRole(AriaRole.Link, new() { Name = Series }).ClickAsync();
        await Assertions.Expect(console.GetByTestId("series-dialogue")).ToHaveCountAsync(2);
        var openRow = console.GetByTestId("series-agreement").Filter(new() { HasText = Open });
        await Assertions.Expect(openRow.GetByTestId("series-agreement-status")).ToContainTextAsync("gedaan");
        await Assertions.Expect(openRow).ToContainTextAsync($"{Series} 2027");
        await BrowserSession.AssertAccessibleAsync(console);

        // 7. The series is renamed, then deleted after confirming: its two dialogues stay, in no series.
        await console.GetByLabel("Naam van de reeks").FillAsync($"{Series} (LEA)");
        await console.GetByRole(AriaRole.Button, new() { Name = "Wijzigingen opslaan" }).ClickAsync();
        await Assertions.Expect(console.GetByTestId("series-saved")).ToBeVisibleAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = $"{Series} (LEA)", Level = 1 })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(console);
        await console.GetByTestId("series-delete").ClickAsync();
        await Assertions.Expect(console.GetByTestId("series-delete-count")).ToHaveTextAsync("Er staan 2 dialogen in deze reeks.");
        await BrowserSession.AssertAccessibleAsync(console);
        await console.GetByRole(AriaRole.Button, new() { Name = "Reeks verwijderen" }).ClickAsync();
        await Assertions.Expect(console.Locator("#confirm-error")).ToContainTextAsync("Vink aan dat je de reeks wilt verwijderen.");
        await BrowserSession.AssertAccessibleAsync(console);
        await console.Locator("#confirm").CheckAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Reeks verwijderen" }).ClickAsync();
        await Assertions.Expect(console.GetByTestId("series-deleted")).ToBeVisibleAsync();
        await Assertions.Expect(console.GetByTestId("series-none")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(console);
        Assert.Equal(
            [(int?)null, null],
            await App.QueryAsync(db => db.Dialogues.Where(d => d.Id == earlier || d.Id == next.Id).Select(d => d.SeriesId).ToListAsync(Ct)));
    }
}
