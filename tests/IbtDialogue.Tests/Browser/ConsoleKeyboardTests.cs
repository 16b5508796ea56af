using IbtDialogue.Protocol;
using IbtDialogue.Tests.Hub;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static IbtDialogue.Tests.Browser.KeyboardOnly;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// A facilitator runs a dialogue from the control bar with the keyboard only, on a 1366×768 laptop: open, move
/// on, lock, timer, risks, a matrix vote opened with the method chosen on its form, the reveal, the close.
/// Participants act over the hub, as their rooms do. Leaves screenshots of the console (1366×768) and the
/// presentation screen (1920×1080) in tests/artifacts/screenshots for review.
/// </summary>
public sealed class ConsoleKeyboardTests : BrowserTest
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Screenshots => Path.Combine(RepositoryRoot.Path, "tests", "artifacts", "screenshots");

    private static async Task PressAsync(IPage page, ILocator target)
    {
        await TabToAsync(page, target);
        await page.Keyboard.PressAsync("Enter");
    }

    [Fact]
    public async Task A_facilitator_runs_a_dialogue_from_the_control_bar_with_the_keyboard_only()
    {
        var anna = await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        var (dialogue, code) = await App.CreateDialogueAsync(anna, "Handhaving bij overtredingen", "LRK op orde");
        var themes = await App.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).OrderBy(t => t.Position).Select(t => t.Id).ToListAsync(Ct));
        var page = await Browser.NewPageAsync(App.BaseAddress, new ViewportSize { Width = 1366, Height = 768 });

        await page.GotoAsync("/account/login");
        await TabToAsync(page, page.GetByLabel("E-mailadres"));
        await page.Keyboard.TypeAsync("anna@owinsp.example");
        await TabToAsync(page, page.GetByLabel("Wachtwoord"));
        await page.Keyboard.TypeAsync(AppHost.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync($"/dialogen/{dialogue}");
        await BrowserSession.RoomIsLiveAsync(page);

        // A draft: the agenda and the settings come first, unfolded; the bar offers opening.
        await Assertions.Expect(page.Locator("details.agenda-editor[open]")).ToContainTextAsync("LRK op orde");
        await Assertions.Expect(page.Locator("details.settings[open]")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Dialoog openen" }));
        await Assertions.Expect(page.GetByTestId("now")).ToContainTextAsync("1. Handhaving bij overtredingen — Delen");
        var next = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Volgende") });
        await AssertFocusAsync(page, next); // The opening button made way for the way on.

        await using var piet = await Tab.OpenAsync(App.ParticipantClient(await App.JoinAsync(code, "Piet Jansen", "Zwolle")), dialogue);
        Assert.True((await piet.Hub.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, themes[0], ContributionKind.SuccessFactor, "Vaste contactpersoon bij de GGD"), Ct)).Ok);
        await Assertions.Expect(page.GetByTestId("counts")).ToContainTextAsync("Aanwezig: 1");
        await Assertions.Expect(page.GetByTestId("contribution")).ToContainTextAsync("Vaste contactpersoon bij de GGD");

        // On, lock, timer: all from the bar.
        await PressAsync(page, next);
        await Assertions.Expect(page.GetByTestId("now")).ToContainTextAsync("— Goede voorbeelden");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Invoer sluiten" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Invoer openen" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Eventually.TrueAsync(() => piet.State.Stage.InputLocked, "the participant's input is locked");
        await TabToAsync(page, page.GetByLabel("Minuten"));
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("3");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Timer starten" }));
        await Assertions.Expect(page.Locator("[data-testid=control-bar] [role=timer]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"Nog [23]:\d\d"));
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Invoer openen" }));
        await PressAsync(page, next);
        await Assertions.Expect(page.GetByTestId("now")).ToContainTextAsync("— Risico's wegen");

        // Before risks, the vote cannot open and says why.
        var openVote = page.GetByRole(AriaRole.Button, new() { Name = "Stemming openen" });
        await Assertions.Expect(openVote).ToHaveAttributeAsync("aria-disabled", "true");
        await Assertions.Expect(openVote).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("minstens één risico"));

        foreach (var risk in new[] { "Handhaving blijft uit", "LRK niet op orde" })
        {
            await TabToAsync(page, page.GetByLabel("Risico toevoegen"));
            await page.Keyboard.TypeAsync(risk);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByTestId("risk-edit").Filter(new() { HasText = risk })).ToHaveCountAsync(1);
        }

        // The matrix, chosen with the arrow keys, is what opens: no separate save.
        await TabToAsync(page, page.Locator("#method-dots"));
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator("#method-matrix")).ToBeCheckedAsync();
        await PressAsync(page, openVote);
        await Assertions.Expect(page.GetByTestId("vote-progress")).ToHaveTextAsync("0 van de 1 aanwezige deelnemers hebben gestemd.");
        await Eventually.TrueAsync(() => piet.State.Votings.SingleOrDefault(v => v.ThemeId == themes[0]) is { State: VoteState.Open, Method: VoteMethod.Matrix }, "the participant votes with the matrix");

        foreach (var (risk, likelihood) in piet.State.Risks.Where(r => r.ThemeId == themes[0]).Select((r, i) => (r.Id, 4 - i)))
        {
            Assert.True((await piet.Hub.RateRiskAsync(new RateRisk(Guid.NewGuid(), dialogue, themes[0], risk, likelihood, 3), Ct)).Ok);
        }

        await Assertions.Expect(page.GetByTestId("counts")).ToContainTextAsync("Gestemd: 1");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Stemming sluiten" }));
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Uitslag tonen" }));
        var results = page.Locator(".stage [data-testid=results]");
        await Assertions.Expect(results.GetByTestId("result-row")).ToHaveCountAsync(2);
        await Assertions.Expect(results.GetByTestId("result-row").First).ToContainTextAsync("Handhaving blijft uit");
        await Assertions.Expect(page.Locator(".voting-controls").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Naar het presentatiescherm") })).ToBeVisibleAsync();

        // With the results on screen the bar is still in view, at the top of the window.
        await results.ScrollIntoViewIfNeededAsync();
        var bar = await page.GetByTestId("control-bar").BoundingBoxAsync();
        Assert.NotNull(bar);
        Assert.InRange(bar.Y, -1, 1);
        Assert.True(bar.Height < 768 / 2, $"The control bar takes {bar.Height} of 768 pixels.");
        await BrowserSession.AssertAccessibleAsync(page);
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "console-1366x768.png") });

        var presenter = await page.Context.NewPageAsync();
        await presenter.SetViewportSizeAsync(1920, 1080);
        await presenter.GotoAsync($"/dialogen/{dialogue}/presentatie");
        await Assertions.Expect(presenter.GetByTestId("result-row")).ToHaveCountAsync(2);
        await BrowserSession.AssertAccessibleAsync(presenter);
        await presenter.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "presenter-1920x1080.png") });
        await presenter.CloseAsync();

        // On to the agreements: the result stays at hand in the console.
        await PressAsync(page, next);
        await Assertions.Expect(page.GetByTestId("now")).ToContainTextAsync("— Afspraken");
        await Assertions.Expect(page.Locator(".kept-results").GetByTestId("result-row")).ToHaveCountAsync(2);

        // Closing asks first; focus goes to the answer, then to the minutes.
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Dialoog afsluiten" }));
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Ja, dialoog afsluiten" });
        await AssertFocusAsync(page, confirm);
        await page.Keyboard.PressAsync("Enter");
        var minutes = page.GetByRole(AriaRole.Link, new() { Name = "Notulen bekijken" });
        await AssertFocusAsync(page, minutes);
        await Eventually.TrueAsync(() => piet.State.Stage.Status == DialogueStatus.Closed, "the participant's room is closed");
    }
}
