using IbtDialogue.Tests.Support;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// The Rijksoverheid look (NL Design System) in Chromium: the brand in the header, the accessibility statement from
/// the footer with its sections, focus frames for the keyboard but not on a heading focused by script, axe-core on
/// each page. Screenshots of the home page and a form page go to the test's artefacts (for review).
/// </summary>
public sealed class LookBrowserTests : BrowserTest
{
    [Fact]
    public async Task The_header_shows_the_brand_and_the_footer_leads_to_the_accessibility_statement()
    {
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Lerende dialogen — Inspectie van het Onderwijs");
        Assert.DoesNotContain("IbtDialogue", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("IbtDialogue", await page.TitleAsync(), StringComparison.Ordinal);
        await Screenshot(page, "home");
        await BrowserSession.AssertAccessibleAsync(page);

        await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Toegankelijkheidsverklaring" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(App.BaseAddress, "toegankelijkheid").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Toegankelijkheidsverklaring", Level = 1 })).ToBeVisibleAsync();
        foreach (var heading in new[] { "Nalevingsstatus", "Hoe we dit hebben onderzocht", "Wat nog niet goed is", "Een probleem melden", "Over deze verklaring" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 2 })).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByTestId("a11y-status")).ToContainTextAsync("voldoet gedeeltelijk");
        await Assertions.Expect(page.GetByTestId("a11y-status")).ToContainTextAsync("WCAG");
        await Assertions.Expect(page.GetByTestId("a11y-status")).ToContainTextAsync("EN 301 549");
        await Assertions.Expect(page.GetByTestId("a11y-tested")).ToContainTextAsync("axe-core");
        await Assertions.Expect(page.GetByTestId("a11y-tested")).ToContainTextAsync("320");
        await Assertions.Expect(page.GetByTestId("a11y-gaps").Locator("li")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("a11y-contact")).ToContainTextAsync("onderwijsinspectie.nl");
        await Assertions.Expect(page.GetByTestId("a11y-date")).ToContainTextAsync("opgesteld op");
        await BrowserSession.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task The_h1_focused_on_load_has_no_frame_and_keyboard_focus_has_one()
    {
        var page = await Browser.NewPageAsync(App.BaseAddress);
        await page.GotoAsync("/account/login");
        await Screenshot(page, "login");

        // The page's h1 has focus after loading (for screen readers), without a frame.
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.tagName === 'H1'");
        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        // From there the keyboard reaches the fields, each with a visible frame.
        await page.Locator("#email").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("password", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        Assert.NotEqual("0px", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineWidth"));
        await BrowserSession.AssertAccessibleAsync(page);
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "tests", "IbtDialogue.Tests", "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"look-{name}.png"), FullPage = true });
    }
}
