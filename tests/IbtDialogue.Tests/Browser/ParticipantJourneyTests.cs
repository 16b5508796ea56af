using IbtDialogue.Protocol;
using IbtDialogue.Tests.Hub;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static IbtDialogue.Tests.Browser.KeyboardOnly;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// A participant's whole journey in Chromium with the keyboard only (Tab, Shift+Tab, Enter, typing), checking
/// where focus is after each step; going offline; coming back with the join link; the closing message.
/// The facilitator drives the room over the hub, as the console does.
/// </summary>
public sealed class ParticipantJourneyTests : BrowserTest
{

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Dialogue, string Code, Tab Console)> OpenDialogueAsync()
    {
        var anna = await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        var (dialogue, code) = await App.CreateDialogueAsync(anna, "Handhaving bij overtredingen");
        var console = await Tab.OpenAsync(App.FacilitatorClient(await App.LoginAsync("anna@owinsp.example")), dialogue);
        Assert.True((await console.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct)).Ok);
        return (dialogue, code, console);
    }

    private static async Task JoinWithKeyboardAsync(IPage page, string code, string name)
    {
        await page.GotoAsync($"/deelnemen/{code}");
        await TabToAsync(page, "#displayName");
        await page.Keyboard.TypeAsync(name);
        await TabToAsync(page, "#municipality");
        await page.Keyboard.TypeAsync("Zwolle");
        await TabToAsync(page, "form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await BrowserSession.RoomIsLiveAsync(page);
    }

    [Fact]
    public async Task The_whole_journey_works_with_the_keyboard_and_focus_stays_where_the_participant_works()
    {
        var (dialogue, code, console) = await OpenDialogueAsync();
        await using var _ = console;
        var theme = await App.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync(Ct));
        var page = await Browser.NewPageAsync(App.BaseAddress);

        // Join.
        await JoinWithKeyboardAsync(page, code, "Piet Jansen");
        await BrowserSession.AssertAccessibleAsync(page);

        // Post: focus stays on the button that was used, the text is emptied.
        await TabToAsync(page, "#contribution-text");
        await page.Keyboard.TypeAsync("Vaste afspraken met de GGD");
        await TabToAsync(page, "form.contribution-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("contribution")).ToContainTextAsync("Vaste afspraken met de GGD");
        await AssertFocusAsync(page, "form.contribution-form button[type=submit]");
        await Assertions.Expect(page.Locator("#contribution-text")).ToHaveValueAsync("");

        // +1 on someone else's contribution: focus stays on it.
        await using (var kees = await Tab.OpenAsync(App.ParticipantClient(await App.JoinAsync(code, "Kees", "Aalten")), dialogue))
        {
            Assert.True((await kees.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "Te weinig toezichthouders"), Ct)).Ok);
        }

        var keesItem = page.GetByTestId("contribution").Filter(new() { HasText = "Te weinig toezichthouders" });
        await Assertions.Expect(keesItem).ToBeVisibleAsync();
        var react = keesItem.GetByTestId("react");
        await TabToAsync(page, react, backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(keesItem.GetByTestId("react")).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertFocusAsync(page, react);

        // The facilitator moves on: focus goes to the new phase's heading, and it is announced.
        Assert.True((await console.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), Ct)).Ok);
        await AssertFocusAsync(page, "#theme-title");
        await Assertions.Expect(page.GetByTestId("announcer")).ToContainTextAsync("Goede voorbeelden");

        // A good practice, field by field.
        await TabToAsync(page, "#practice-new-title");
        await page.Keyboard.TypeAsync("Volledige inspectie na herhaald laag risico");
        await TabToAsync(page, "#practice-new-what");
        await page.Keyboard.TypeAsync("De GGD inspecteert volledig na drie keer laag risico.");
        await TabToAsync(page, "#practice-new-why");
        await page.Keyboard.TypeAsync("Verborgen risico's blijven niet onopgemerkt.");
        await TabToAsync(page, "form.practice-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".practice-title")).ToHaveTextAsync("Volledige inspectie na herhaald laag risico");
        await BrowserSession.AssertAccessibleAsync(page);

        // Risks: propose one, then vote with "+" pressed twice quickly — both points count, focus stays.
        Assert.True((await console.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), Ct)).Ok);
        await AssertFocusAsync(page, "#theme-title");
        await TabToAsync(page, "#risk-proposal");
        await page.Keyboard.TypeAsync("Signalen uit de praktijk blijven liggen");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".risk-proposal [role=status]")).ToBeVisibleAsync();
        await AssertFocusAsync(page, "#risk-proposal");

        foreach (var title in new[] { "LRK-registratie niet op orde", "Handhaving blijft uit" })
        {
            Assert.True((await console.Hub.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, title, null), Ct)).Ok);
        }

        Assert.True((await console.Hub.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), Ct)).Ok);
        await AssertFocusAsync(page, "[data-testid=vote-state]");
        var plus = "[data-testid=ballot-risk]:first-child .dots button:last-of-type";
        await TabToAsync(page, plus);
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("budget-left")).ToHaveTextAsync("Je hebt nog 3 van de 5 punten.");
        await AssertFocusAsync(page, plus);
        await BrowserSession.AssertAccessibleAsync(page);

        // The results: focus moves to what happened, the table says the points.
        Assert.True((await console.Hub.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), Ct)).Ok);
        Assert.True((await console.Hub.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), Ct)).Ok);
        await Assertions.Expect(page.GetByTestId("results")).ToBeVisibleAsync();
        await AssertFocusAsync(page, "[data-testid=vote-state]");
        await Assertions.Expect(page.GetByTestId("results").Locator("tbody tr").First).ToContainTextAsync("2");
        await BrowserSession.AssertAccessibleAsync(page);

        // The close: focus on the closing message, which says what happens next.
        Assert.True((await console.Hub.CloseDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct)).Ok);
        await AssertFocusAsync(page, "#closing-title");
        await Assertions.Expect(page.GetByTestId("closing")).ToContainTextAsync("Wat gebeurt er nu?");
        await Assertions.Expect(page.GetByTestId("results-link")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Offline_is_shown_at_once_the_join_link_leads_back_to_the_same_place_and_another_device_continues()
    {
        var (dialogue, code, console) = await OpenDialogueAsync();
        await using var _ = console;
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await JoinWithKeyboardAsync(page, code, "Piet Jansen");

        // The device loses its network: the banner says so at once, and goes when the network is back.
        await page.Context.SetOfflineAsync(true);
        await Assertions.Expect(page.GetByTestId("connection")).ToContainTextAsync("Je bent offline.");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.GetByTestId("connection")).Not.ToContainTextAsync("offline");

        // The join link (or QR code) again: straight back to the room as the same person.
        await page.GotoAsync($"/deelnemen/{code}");
        await BrowserSession.RoomIsLiveAsync(page);
        Assert.Equal(1, await App.QueryAsync(db => db.Participants.CountAsync(p => p.DialogueId == dialogue, Ct)));

        // Another device, with the link the room offers.
        await page.GetByTestId("continue-elsewhere").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ga verder op een ander apparaat", Level = 1 })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);
        var link = await page.GetByTestId("continue-link").InputValueAsync();
        var laptop = await Browser.NewPageAsync(App.BaseAddress); // Another browser context: no cookies.
        await laptop.GotoAsync(link);
        await BrowserSession.RoomIsLiveAsync(laptop);
        Assert.Equal(1, await App.QueryAsync(db => db.Participants.CountAsync(p => p.DialogueId == dialogue, Ct)));
    }
}
