using IbtDialogue.Tests.Accounts;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// axe-core on every page the app maps, in Dutch and in English, each as a persona who may see it: the list comes from the app's own
/// routing (as the authorization matrix's), so a new page is checked without anyone adding it here.
/// </summary>
public sealed class EveryPageAxeTests : BrowserTest
{
    // Who looks at a page: the first of these the authorization matrix gives the page to (200).
    private static readonly string[] Lookers = ["facilitator A", "administrator", "analyst", "participant", "anonymous"];

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Every_page_has_no_serious_or_critical_accessibility_violations_in_either_language(string language)
    {
        var world = await AuthorizationMatrixTests.WorldAsync(App);
        var pages = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && !AuthorizationMatrixTests.IsStaticFile(e))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(pages.Count > 40, $"Only {pages.Count} pages found.");

        var failures = new List<string>();
        foreach (var pattern in pages)
        {
            var answers = AuthorizationMatrixTests.Expected[$"GET {pattern}"].Split(' ');
            var looker = Lookers.FirstOrDefault(l => answers[Array.IndexOf(AuthorizationMatrixTests.Personas, l)] == "200") ?? "anonymous";
            // The browser asks for the language (Accept-Language), as on a first visit.
            var page = await Browser.NewPageAsync(App.BaseAddress, locale: language == "en" ? "en-GB" : "nl-NL");
            await page.Context.AddCookiesAsync(world.Cookies[looker].GetAllCookies().Select(c => new Cookie
            {
                Name = c.Name,
                Value = c.Value,
                Domain = App.BaseAddress.Host,
                Path = c.Path,
            }));
            var url = AuthorizationMatrixTests.Url(world, pattern);
            await page.GotoAsync(url);
            var lang = await page.Locator("html").GetAttributeAsync("lang");
            if (lang != language)
            {
                failures.Add($"{url} as {looker}: <html lang=\"{lang}\">, not {language}");
            }

            if (await page.Locator(".live-room").CountAsync() > 0)
            {
                await BrowserSession.RoomIsLiveAsync(page);
            }

            try
            {
                await BrowserSession.AssertAccessibleAsync(page);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add($"{url} as {looker}: {e.Message}");
            }

            await page.Context.CloseAsync();
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
