using System.Text.Json;
using IbtDialogue.Minutes;
using IbtDialogue.NationalPicture;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Hub;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// Reflow (WCAG 1.4.10) on a phone: at 320 and 390 CSS pixels wide no participant or public page scrolls
/// sideways, and no element is wider than the window (a wide table scrolls inside its own focusable region,
/// which is allowed). Every state of the participant's room is visited with content that used to widen it — a
/// good practice with a long contact e-mail address, long risk titles and long words, the tables and charts of
/// revealed results — and axe-core checks each.
/// </summary>
public sealed class ReflowBrowserTests : BrowserTest
{
    private const string LongWord = "Kinderopvangtoeslagherstelregelingsuitvoeringsproblematiek";
    private const string LongEmail = "marleen.vandenbergdevries.beleidsmedewerkerkinderopvang@noardeast-fryslan.example.nl";
    private const string PracticeTitle = "Maandelijks handhavingsoverleg van gemeente en GGD over openstaande overtredingen";
    private const string Question = "Wie zit dat overleg voor?";

    private static readonly ViewportSize[] Phones = [new() { Width = 320, Height = 640 }, new() { Width = 390, Height = 844 }];

    private string annaId = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_state_of_the_participants_room_fits_a_phone_without_scrolling_sideways()
    {
        var (live, code, risks) = await PrepareAsync();

        // Two phones join through the join form, typing their municipality.
        var phones = new List<IPage>();
        foreach (var (viewport, municipality) in Phones.Zip(["Súdwest-Fryslân", "Zwolle"]))
        {
            var phone = await Browser.NewPageAsync(App.BaseAddress, viewport);
            await phone.GotoAsync($"/deelnemen/{code}");
            await AssertFitsAsync(phone, "the join form");
            await phone.GetByLabel("Je naam").FillAsync($"Deelnemer op {viewport.Width} pixels breed");
            await phone.GetByLabel("Gemeente").FillAsync(municipality);
            await phone.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
            await BrowserSession.RoomIsLiveAsync(phone);
            await Assertions.Expect(phone.GetByTestId("phase")).ToContainTextAsync("Delen");
            // A participant is not offered to sign in.
            await Assertions.Expect(phone.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Inloggen" })).ToHaveCountAsync(0);
            phones.Add(phone);
        }

        async Task AtAsync(string state, Func<IPage, Task> ready)
        {
            foreach (var phone in phones)
            {
                await ready(phone);
                await AssertFitsAsync(phone, state);
            }
        }

        await RunDialogueAsync(live, code, risks, AtAsync, askFromPhone: phones[0]);

        // After closing: the results next to the national picture, and one's own data.
        var first = phones[0];
        await first.GetByTestId("results-link").GetByRole(AriaRole.Link).ClickAsync();
        await first.WaitForURLAsync(url => url.Contains("/uitslag/", StringComparison.Ordinal));
        await Assertions.Expect(first.GetByTestId("dialogue-results").First).ToBeVisibleAsync();
        await AssertFitsAsync(first, "the results page");
        await first.GotoAsync($"/d/{code}/mijn-gegevens");
        await Assertions.Expect(first.GetByTestId("data-participant")).ToBeVisibleAsync();
        await Assertions.Expect(first.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Inloggen" })).ToHaveCountAsync(0);
        await AssertFitsAsync(first, "one's own data");
    }

    [Fact]
    public async Task The_public_pages_fit_a_phone_without_scrolling_sideways()
    {
        var (live, code, risks) = await PrepareAsync();
        await RunDialogueAsync(live, code, risks, (_, _) => Task.CompletedTask, askFromPhone: null);
        Assert.True(await App.Services.GetRequiredService<NationalPictureCounter>().CountAsync(live, Ct));
        var publications = App.Services.GetRequiredService<PublicationService>();
        var draft = await publications.DraftAsync(live, annaId, Ct);
        var admin = await App.CreateAccountAsync("beheer@owinsp.example", "Beheer", IbtDialogue.Accounts.Roles.Administrator);
        var published = await publications.PublishApprovedAsync(live, annaId, admin, draft!.Markdown);
        Assert.Equal(PublishOutcome.Published, published.Outcome);
        var (other, otherCode) = await App.CreateDialogueAsync(annaId);
        await using (var console = await FacilitatorAsync(other))
        {
            Assert.True((await console.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), other), Ct)).Ok);
        }

        foreach (var viewport in Phones)
        {
            var page = await Browser.NewPageAsync(App.BaseAddress, viewport);
            foreach (var (path, what) in new[]
            {
                ("/", "the home page"),
                ("/deelnemen", "the join code form"),
                ("/deelnemen?code=QQQ-QQQ-QQQ", "the join code form with its error"),
                ($"/deelnemen/{otherCode}", "the join form"),
                ("/privacy", "the privacy statement"),
                ("/toegankelijkheid", "the accessibility statement"),
                ("/gesprekken", "the published summaries"),
                ($"/gesprekken/{published.SummaryId}", "a published summary"),
                ("/landelijk-beeld?jaar=2025", "the national picture"),
                ("/landelijk-beeld?jaar=2026", "the national picture of the live dialogue's year"),
                ("/landelijk-beeld/goede-voorbeelden", "the good-practice library"),
            })
            {
                var response = await page.GotoAsync(path);
                Assert.True(response!.Status is 200 or 404, $"{path}: {response.Status}");
                await AssertFitsAsync(page, what);
            }

            await Assertions.Expect(page.GetByTestId("library-entry")).ToContainTextAsync(PracticeTitle);

            // The join form with an unknown municipality: the error and what may have been meant, still fitting.
            await page.GotoAsync($"/deelnemen/{otherCode}");
            await Assertions.Expect(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Inloggen" })).ToHaveCountAsync(0);
            await page.GetByLabel("Je naam").FillAsync("Piet Jansen");
            await page.GetByLabel("Gemeente").FillAsync("Zwole");
            await page.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
            await Assertions.Expect(page.Locator("#municipality-error")).ToHaveTextAsync(
                "‘Zwole’ staat niet in de lijst van gemeenten. Kies je gemeente uit de lijst, of laat het veld leeg als je niet bij een gemeente werkt. Bedoel je: Zwolle?");
            await Assertions.Expect(page.GetByLabel("Gemeente")).ToHaveValueAsync("Zwole");
            await AssertFitsAsync(page, "the join form with an error");
        }
    }

    /// <summary>
    /// National figures for 2025 (so the room's results get their national columns) and an open dialogue of 2026
    /// on the theme, with three catalogue risks of which one has a very long word in its title.
    /// </summary>
    private async Task<(int Dialogue, string Code, int[] Risks)> PrepareAsync()
    {
        annaId = await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        var world = new NationalWorld(App.Services, annaId);
        int[] risks =
        [
            await world.CatalogueRiskAsync("Opgelegde lasten onder dwangsom worden in de praktijk lang niet altijd ingevorderd", "De gemeente legt een last onder dwangsom op maar int die niet.", "Landelijk beeld 2025, §3"),
            await world.CatalogueRiskAsync("Overtredingen worden niet hersteld"),
            await world.CatalogueRiskAsync($"{LongWord} bij gastouders"),
        ];
        foreach (var municipality in new[] { "Assen", "Utrecht", "Groningen", "Deventer", "Amersfoort" })
        {
            await world.ClosedDotDialogueAsync(2025, [municipality], new Dictionary<int, int> { [risks[0]] = 3, [risks[1]] = 1, [risks[2]] = 1 });
        }

        var (live, _, _) = await world.OpenDialogueAsync(2026, risks);
        var code = await App.QueryAsync(db => db.Dialogues.Where(d => d.Id == live).Select(d => d.JoinCode).SingleAsync(Ct));
        return (live, code, risks);
    }

    private async Task<Tab> FacilitatorAsync(int dialogue) => await Tab.OpenAsync(App.FacilitatorClient(await App.LoginAsync("anna@owinsp.example")), dialogue);

    /// <summary>
    /// The dialogue from sharing to closing, every change through the hub as the console and the participants'
    /// rooms make it; <paramref name="at"/> runs at each state, with what shows that the state has arrived.
    /// </summary>
    private async Task RunDialogueAsync(int dialogue, string code, int[] catalogueRisks, Func<string, Func<IPage, Task>, Task> at, IPage? askFromPhone)
    {
        await using var console = await FacilitatorAsync(dialogue);
        await using var kees = await Tab.OpenAsync(App.ParticipantClient(await App.JoinAsync(code, "Kees de Boer", "Noardeast-Fryslân")), dialogue);
        var theme = console.State.Stage.ThemeId!.Value;
        static void Ok(CommandResult result) => Assert.True(result.Ok, $"{result.Error}: {result.Detail}");

        // Delen: contributions with a long address and a long word, one in the spotlight, and the timer running.
        Ok(await kees.Hub.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor,
            "De handreiking staat op https://www.rijksoverheid.nl/onderwerpen/kinderopvang/documenten/publicaties/2025/handreiking-handhaving-kinderopvang-voor-gemeenten"), Ct));
        var bottleneck = await kees.Hub.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, $"De {LongWord} vraagt veel van de toezichthouders."), Ct);
        Ok(bottleneck);
        Ok(await console.Hub.SetSpotlightAsync(new SetSpotlight(Guid.NewGuid(), dialogue, bottleneck.EntityId), Ct));
        Ok(await console.Hub.ControlTimerAsync(new ControlTimer(Guid.NewGuid(), dialogue, TimerAction.Start, 600), Ct));
        await at("sharing", async page =>
        {
            await Assertions.Expect(page.GetByTestId("contribution")).ToHaveCountAsync(2);
            await Assertions.Expect(page.GetByTestId("spotlight")).ToContainTextAsync(LongWord);
            await Assertions.Expect(page.GetByTestId("timer")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("react").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Eens \\(0\\)"));
        });

        // Goede voorbeelden: one with a contact whose e-mail address is long, and a question under it.
        Ok(await console.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), Ct));
        var practice = await kees.Hub.SaveGoodPracticeAsync(new SaveGoodPractice(Guid.NewGuid(), dialogue, theme, null, PracticeTitle,
            "Gemeente en GGD bespreken elke maand alle openstaande overtredingen en wie wat doet.", "Zo blijft geen overtreding liggen en weet iedereen wat er gebeurt.",
            "Noardeast-Fryslân", CycleStep.Check, "Marleen van den Berg-de Vries", LongEmail, true), Ct);
        Ok(practice);
        Ok(await kees.Hub.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, $"Hoe houden jullie de {LongWord} bij?", practice.EntityId), Ct));
        await at("good practices", async page =>
        {
            await Assertions.Expect(page.GetByTestId("practice-contact")).ToContainTextAsync(LongEmail);
            await Assertions.Expect(page.Locator(".questions [data-testid=contribution]")).ToHaveCountAsync(1);
        });

        if (askFromPhone is not null)
        {
            // The button next to the question field is on the screen and can be tapped.
            await askFromPhone.GetByLabel($"Een vraag over '{PracticeTitle}'").FillAsync(Question);
            await askFromPhone.GetByRole(AriaRole.Button, new() { Name = "Vraag stellen" }).ClickAsync();
            await Assertions.Expect(askFromPhone.Locator(".questions [data-testid=contribution]")).ToHaveCountAsync(2);
        }

        // Risico's wegen with something of the national picture on everyone's screen; the dot vote open.
        Ok(await console.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), Ct));
        Ok(await console.Hub.ShowNationalAsync(new ShowNational(Guid.NewGuid(), dialogue, NationalItemKind.Risk, catalogueRisks[2]), Ct));
        Ok(await console.Hub.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), Ct));
        await at("a dot vote with the national card", async page =>
        {
            await Assertions.Expect(page.GetByTestId("national-card")).ToContainTextAsync(LongWord);
            await Assertions.Expect(page.GetByTestId("ballot-risk")).ToHaveCountAsync(3);
        });

        var dotRisks = console.State.Risks.Where(r => r.ThemeId == theme).OrderBy(r => r.Position).Select(r => r.Id).ToList();
        Ok(await kees.Hub.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, dotRisks[2], 3), Ct));
        Ok(await kees.Hub.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, dotRisks[0], 2), Ct));
        Ok(await console.Hub.ShowNationalAsync(new ShowNational(Guid.NewGuid(), dialogue, null, null), Ct));
        Ok(await console.Hub.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), Ct));
        Ok(await console.Hub.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, theme), Ct));
        await at("the dot vote's results", async page =>
        {
            await Assertions.Expect(page.GetByTestId("result-row")).ToHaveCountAsync(3);
            await Assertions.Expect(page.GetByTestId("national-rank")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator(".bar-label").Nth(0)).ToHaveTextAsync($"{LongWord} bij gastouders");
        });

        // A second theme weighed with the risk matrix.
        var added = await console.Hub.SaveThemeAsync(new SaveTheme(Guid.NewGuid(), dialogue, null, "Het Landelijk Register Kinderopvang (LRK) op orde en actueel", "Een juist en volledig register."), Ct);
        Ok(added);
        var matrixTheme = added.EntityId!.Value;
        foreach (var title in new[] { "Het register is niet actueel", $"{LongWord} in het register", "Locaties staan er nog in na het stoppen van de opvang" })
        {
            Ok(await console.Hub.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, matrixTheme, null, title, null), Ct));
        }

        Ok(await console.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, matrixTheme, Phase.RiskWeighing), Ct));
        Ok(await console.Hub.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, matrixTheme, VoteMethod.Matrix, 5, 3), Ct));
        await at("a matrix vote", async page =>
        {
            await Assertions.Expect(page.GetByTestId("ballot-risk")).ToHaveCountAsync(3);
            await Assertions.Expect(page.GetByLabel("Kans").First).ToBeVisibleAsync();
        });

        var matrixRisks = console.State.Risks.Where(r => r.ThemeId == matrixTheme).OrderBy(r => r.Position).Select(r => r.Id).ToList();
        foreach (var (risk, rating) in matrixRisks.Zip([4, 2, 5]))
        {
            Ok(await kees.Hub.RateRiskAsync(new RateRisk(Guid.NewGuid(), dialogue, matrixTheme, risk, rating, 6 - rating), Ct));
        }

        Ok(await console.Hub.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), dialogue, matrixTheme), Ct));
        Ok(await console.Hub.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, matrixTheme), Ct));
        await at("the matrix vote's results", async page =>
        {
            await Assertions.Expect(page.GetByTestId("result-row")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("[data-testid=results] svg circle")).ToHaveCountAsync(3);
        });

        // Afspraken, then closing.
        Ok(await console.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, matrixTheme, Phase.Agreements), Ct));
        Ok(await console.Hub.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, matrixTheme,
            "Alle gemeenten in de regio controleren het register voor de zomer", "Afdeling Vergunningverlening, Toezicht en Handhaving (VTH) van Noardeast-Fryslân",
            DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddMonths(3)), Ct)); // a date ahead: one in the past is refused
        await at("the agreements", page => Assertions.Expect(page.GetByTestId("agreement")).ToHaveCountAsync(1));

        Ok(await console.Hub.CloseDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct));
        await at("closed, with the closing message", async page =>
        {
            await Assertions.Expect(page.GetByTestId("closing")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("results-link")).ToBeVisibleAsync();
        });
    }

    // Whether the page is wider than the window, and which elements stick out of it. An element inside a
    // container that scrolls or clips sideways (a table in its region) does not count: the container does.
    private const string FitScript = """
        () => {
            const width = window.innerWidth;
            const clipped = el => {
                for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
                }
                return false;
            };
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + [...el.classList].map(c => '.' + c).join('')
                + ' "' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50) + '"';
            const wide = [];
            for (const el of document.body.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width === 0 || box.height === 0) continue;
                if ((box.right > width + 0.5 || box.left < -0.5) && !clipped(el)) {
                    wide.push(name(el) + ' from ' + Math.round(box.left) + ' to ' + Math.round(box.right));
                }
            }
            return JSON.stringify({ scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide: wide.slice(0, 12) });
        }
        """;

    private sealed record Fit(int ScrollWidth, int InnerWidth, string[] Wide);

    /// <summary>The page is no wider than the window, nothing in it sticks out, and axe-core finds nothing serious.</summary>
    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var fit = JsonSerializer.Deserialize<Fit>(await page.EvaluateAsync<string>(FitScript), JsonSerializerOptions.Web)!;
        Assert.True(
            fit.ScrollWidth <= fit.InnerWidth && fit.Wide.Length == 0,
            $"{what} ({page.Url}) at {fit.InnerWidth} px: the page is {fit.ScrollWidth} px wide; sticking out: {string.Join("; ", fit.Wide)}");
        await BrowserSession.AssertAccessibleAsync(page);
    }
}
