using IbtDialogue.Tests.Security;
using IbtDialogue.Tests.Support;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// Outside Development every cookie is Secure with the __Host- prefix (issue 10, finding 5). A trial with
/// <c>dotnet run</c> is plain http on localhost, which Chromium counts as secure: signing in and joining work there.
/// </summary>
public sealed class SecureCookieBrowserTests : BrowserTest
{
    public override ValueTask InitializeAsync()
    {
        App.HostEnvironment = "Production";
        return base.InitializeAsync();
    }

    [Fact]
    public async Task On_plain_http_localhost_outside_development_the_secure_host_cookies_sign_in_and_join()
    {
        var facilitator = await Browser.NewPageAsync(App.BaseAddress);
        await facilitator.GotoAsync("/setup");
        await facilitator.GetByLabel("Je naam").FillAsync("Anna de Vries");
        await facilitator.GetByLabel("E-mailadres").FillAsync("anna@owinsp.example");
        await facilitator.GetByLabel("Wachtwoord", new() { Exact = true }).FillAsync(AppHost.Password);
        await facilitator.GetByLabel("Herhaal het wachtwoord").FillAsync(AppHost.Password);
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Account aanmaken" }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Heading, new() { Name = "Mijn dialogen" })).ToBeVisibleAsync();

        var annaId = await App.QueryAsync(db => Task.FromResult(db.Users.Single().Id));
        var (dialogue, code) = await App.CreateDialogueAsync(annaId);
        await App.OpenAsync(dialogue, annaId);
        var participant = await Browser.NewPageAsync(App.BaseAddress);
        await participant.GotoAsync($"/deelnemen/{code}");
        await participant.GetByLabel("Je naam").FillAsync("Piet Jansen");
        await participant.GetByLabel("Gemeente").FillAsync("Aa en Hunze");
        await participant.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
        await BrowserSession.RoomIsLiveAsync(participant);
        await Assertions.Expect(participant.Locator(".live-room h1")).ToHaveTextAsync("Lerende dialoog handhaving");

        var cookies = (await facilitator.Context.CookiesAsync()).Concat(await participant.Context.CookiesAsync()).ToList();
        Assert.Contains(cookies, c => c.Name == "__Host-ibt.facilitator");
        Assert.Contains(cookies, c => c.Name == $"__Host-ibt.participant.{dialogue}");
        Assert.All(cookies, c =>
        {
            Assert.StartsWith("__Host-", c.Name, StringComparison.Ordinal);
            Assert.True(c.Secure, c.Name);
            Assert.Equal("/", c.Path);
        });
    }
}
