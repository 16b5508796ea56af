using System.Net;
using IbtDialogue.Accounts;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OtpNet;

namespace IbtDialogue.Tests.Browser;

/// <summary>The team in Chromium: an administrator invites a colleague, who signs up with a second factor and runs a dialogue as co-facilitator.</summary>
public sealed class TeamJourneyTests : BrowserTest
{
    private static string CodeFor(string key) => new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    [Fact]
    public async Task An_invited_colleague_signs_up_with_two_factors_and_runs_the_console_as_co_facilitator()
    {
        var adminId = await App.CreateAccountAsync("beheer@owinsp.example", "Bea Beheer", Roles.Administrator, Roles.Facilitator);
        var (dialogue, _) = await App.CreateDialogueAsync(adminId);

        // The administrator invites Kees as a facilitator; without a mail server the page gives the link to pass on.
        var admin = await Browser.NewPageAsync(App.BaseAddress);
        await admin.GotoAsync("/account/login");
        await admin.GetByLabel("E-mailadres").FillAsync("beheer@owinsp.example");
        await admin.GetByLabel("Wachtwoord").FillAsync(AppHost.Password);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Beheer" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Accounts" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Collega uitnodigen" }).ClickAsync();
        await BrowserSession.AssertAccessibleAsync(admin);
        await admin.GetByLabel("E-mailadres").FillAsync("kees@owinsp.example");
        await admin.Locator("#role-Facilitator").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Uitnodiging maken" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "De uitnodiging is klaar" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(admin);
        var link = await admin.GetByLabel("Uitnodigingslink (kopieer en stuur hem door)").InputValueAsync();

        // Kees, in a browser of his own, makes his account and sets up the authenticator.
        var kees = await Browser.NewPageAsync(App.BaseAddress);
        await kees.GotoAsync(link);
        await Assertions.Expect(kees.GetByRole(AriaRole.Heading, new() { Name = "Je account maken" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(kees);
        await kees.GetByLabel("Je naam").FillAsync("Kees de Boer");
        await kees.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync("het wachtwoord van Kees");
        await kees.GetByLabel("Herhaal het wachtwoord").FillAsync("het wachtwoord van Kees");
        await kees.GetByRole(AriaRole.Button, new() { Name = "Account maken" }).ClickAsync();
        await Assertions.Expect(kees.GetByRole(AriaRole.Heading, new() { Name = "Tweestapsverificatie" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(kees);
        var key = (await kees.GetByTestId("authenticator-key").TextContentAsync())!;
        await kees.GetByLabel("Code", new() { Exact = true }).FillAsync("000000");
        await kees.GetByRole(AriaRole.Button, new() { Name = "Aanzetten" }).ClickAsync();
        await Assertions.Expect(kees.Locator("#code-error")).ToContainTextAsync("Deze code klopt niet.");
        await BrowserSession.AssertAccessibleAsync(kees);
        await kees.GetByLabel("Code", new() { Exact = true }).FillAsync(CodeFor(key));
        await kees.GetByRole(AriaRole.Button, new() { Name = "Aanzetten" }).ClickAsync();
        await Assertions.Expect(kees.GetByRole(AriaRole.Heading, new() { Name = "Je herstelcodes" })).ToBeVisibleAsync();
        Assert.Equal(10, await kees.GetByTestId("recovery-codes").Locator("li").CountAsync());
        await BrowserSession.AssertAccessibleAsync(kees);
        await kees.GotoAsync("/account");
        await BrowserSession.AssertAccessibleAsync(kees);

        // The administrator finds Kees by name and adds him to the dialogue; the team page shows his second factor.
        await admin.GotoAsync($"/dialogen/{dialogue}/facilitatoren");
        await BrowserSession.AssertAccessibleAsync(admin);
        await admin.GetByLabel("Naam of e-mailadres").FillAsync("Kees");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 collega('s) gevonden.");
        await BrowserSession.AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Toevoegen als co-facilitator" }).ClickAsync();
        await Assertions.Expect(admin.Locator("ul.people").First).ToContainTextAsync("Kees de Boer");
        await admin.GotoAsync("/beheer/accounts");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Kees de Boer" }).ClickAsync();
        await Assertions.Expect(admin.Locator("dl.facts")).ToContainTextAsync("ja");
        await BrowserSession.AssertAccessibleAsync(admin);

        // Kees signs in again — password, then the code — and opens the dialogue from the console.
        await kees.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await kees.GotoAsync("/account/login");
        await kees.GetByLabel("E-mailadres").FillAsync("kees@owinsp.example");
        await kees.GetByLabel("Wachtwoord").FillAsync("het wachtwoord van Kees");
        await kees.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(kees.GetByRole(AriaRole.Heading, new() { Name = "Inloggen: tweede stap" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(kees);
        await kees.GetByLabel("Code", new() { Exact = true }).FillAsync(CodeFor(key));
        await kees.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(kees.GetByRole(AriaRole.Heading, new() { Name = "Mijn dialogen" })).ToBeVisibleAsync();
        await kees.GotoAsync($"/dialogen/{dialogue}");
        await kees.GetByRole(AriaRole.Button, new() { Name = "Dialoog openen" }).ClickAsync();
        await Assertions.Expect(kees.Locator(".live-room .status")).ToHaveTextAsync("Open");
        await BrowserSession.AssertAccessibleAsync(kees);
        Assert.Equal(Protocol.DialogueStatus.Open, await App.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_pages_for_forgotten_passwords_and_refused_access_are_accessible()
    {
        await App.CreateAccountAsync("carla@owinsp.example", "Carla", Roles.Analyst);
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/account/wachtwoord-vergeten");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wachtwoord vergeten" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GotoAsync("/account/uitnodiging?code=vervalst");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze link is niet geldig.");
        await BrowserSession.AssertAccessibleAsync(page);

        // An analyst who tries a facilitator's page is told why not.
        await page.GotoAsync("/account/login");
        await page.GetByLabel("E-mailadres").FillAsync("carla@owinsp.example");
        await page.GetByLabel("Wachtwoord").FillAsync(AppHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Landelijk beeld (intern)" })).ToBeVisibleAsync(); // an analyst's own start
        await page.GotoAsync("/dialogen");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Geen toegang" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Gesloten dialogen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gesloten dialogen" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);
    }
}

/// <summary>Sign-in with the organisation's identity provider, in Chromium.</summary>
public sealed class OrganisationSignInBrowserTests : BrowserTest
{
    private TestIdentityProvider provider = default!;

    public override async ValueTask InitializeAsync()
    {
        provider = await TestIdentityProvider.StartAsync();
        foreach (var (key, value) in provider.AppSettings())
        {
            App.Settings[key] = value;
        }

        await base.InitializeAsync();
        await provider.RegisterAppAsync(App.BaseAddress);
        await WarmUpAsync();
    }

    /// <summary>
    /// Goes the first half of the way once outside the browser: the app reads the provider's discovery document
    /// and keys, and the provider compiles its first queries. Cold, on a loaded 2-core machine, that took longer
    /// than a browser click waits for its navigation; the browser then measures the flow, not the first start.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var app = App.CreateBrowserClient();
        using var toProvider = await app.GetAsync(new Uri("account/login/organisatie?returnUrl=%2F", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        using var idp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var answer = await idp.GetAsync(toProvider.Headers.Location, TestContext.Current.CancellationToken);
        Assert.True((int)answer.StatusCode < 400, $"The provider answered {answer.StatusCode}.");
    }

    [Fact]
    public async Task The_sign_in_button_goes_to_the_provider_and_comes_back_signed_in()
    {
        await App.CreateFacilitatorAsync("anna@owinsp.example", "Anna"); // Someone exists: no first-run set-up.
        provider.NextUser = new("sub-fatima", "fatima@owinsp.example", "Fatima Bakker", ["ibt-facilitators"]);
        var page = await Browser.NewPageAsync(App.BaseAddress);

        await page.GotoAsync("/account/login");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Inloggen met Inspectie-account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn dialogen" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" })).ToContainTextAsync("fatima@owinsp.example");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await provider.DisposeAsync();
    }
}
