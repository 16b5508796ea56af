using System.Net;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Localization;

/// <summary>
/// The interface language: the browser's Accept-Language on a first visit, the switch in the header after that
/// (remembered in a cookie), <c>&lt;html lang&gt;</c> following it, and a switch that only ever sends the visitor
/// back to a page of this site.
/// </summary>
public sealed class LanguageTests : IAsyncLifetime
{
    private readonly AppHost app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await app.InitializeAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("en-US,en;q=0.9", "en", "Conversations")]
    [InlineData("en-GB", "en", "Conversations")]
    [InlineData("fr-FR,en;q=0.8,nl;q=0.5", "en", "Conversations")]
    [InlineData("nl-BE,en;q=0.5", "nl", "Gesprekken")]
    [InlineData("fr-FR,de;q=0.5", "nl", "Gesprekken")]
    [InlineData(null, "nl", "Gesprekken")]
    public async Task A_first_visit_follows_the_browsers_language(string? acceptLanguage, string lang, string navigation)
    {
        using var browser = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "gesprekken");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await browser.SendAsync(request, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
        Assert.Contains($">{navigation}</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_is_remembered_over_the_browsers_language_and_can_be_undone()
    {
        var cookies = new CookieContainer();
        using var browser = app.CreateBrowserClient(cookies);
        browser.DefaultRequestHeaders.Add("Accept-Language", "nl-NL");

        var dutch = await browser.GetStringAsync("gesprekken?jaar=2026", Ct);
        Assert.Contains("<html lang=\"nl\">", dutch, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(dutch, "<a [^>]*href=\"(taal\\?[^\"]+)\" lang=\"en\" hreflang=\"en\">English</a>");
        Assert.True(link.Success, "the Dutch page offers English in the header");

        using (var switched = await browser.GetAsync(WebUtility.HtmlDecode(link.Groups[1].Value), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            Assert.Equal("/gesprekken?jaar=2026", switched.Headers.Location?.OriginalString);
            var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"));
            Assert.StartsWith("ibt.culture=c%3Den-GB%7Cuic%3Den-GB;", cookie, StringComparison.Ordinal);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        }

        var english = await browser.GetStringAsync("gesprekken", Ct);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("View the conversations of the learning dialogues", english, StringComparison.Ordinal);
        Assert.Contains("lang=\"nl\" hreflang=\"nl\">Nederlands</a>", english, StringComparison.Ordinal);

        using (await browser.GetAsync("taal?taal=nl&terug=%2Fgesprekken", Ct))
        {
        }

        var back = await browser.GetStringAsync("gesprekken", Ct);
        Assert.Contains("<html lang=\"nl\">", back, StringComparison.Ordinal);
        Assert.Contains("Bekijk de gesprekken van de lerende dialogen", back, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("evil.example")]
    [InlineData("")]
    public async Task The_switch_sends_back_to_this_site_only(string returnUrl)
    {
        using var browser = app.CreateBrowserClient();

        using var response = await browser.GetAsync($"taal?taal=en&terug={Uri.EscapeDataString(returnUrl)}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_language_changes_nothing()
    {
        using var browser = app.CreateBrowserClient();

        using var response = await browser.GetAsync("taal?taal=fr&terug=%2Fgesprekken", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
