using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>Moving through a page as a keyboard user does (Tab and Shift+Tab), and checking where focus is.</summary>
public static class KeyboardOnly
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What has focus: its id, else its test id, else its text.</summary>
    public static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return !e || e === document.body ? '(page)' : (e.id || e.getAttribute('data-testid') || e.textContent.trim()); }");

    public static async Task<bool> FocusIsOnAsync(ILocator target) =>
        await target.CountAsync() == 1 && await target.EvaluateAsync<bool>("e => e === document.activeElement");

    /// <summary>Presses Tab (or Shift+Tab) until the element has focus; fails when it is never reached.</summary>
    public static async Task TabToAsync(IPage page, string selector, bool backwards = false) => await TabToAsync(page, page.Locator(selector), backwards);

    public static async Task TabToAsync(IPage page, ILocator target, bool backwards = false)
    {
        for (var presses = 0; presses < 120; presses++)
        {
            if (await FocusIsOnAsync(target))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        Assert.Fail($"The keyboard never reached {target}; focus is on {await FocusedAsync(page)}.");
    }

    /// <summary>Focus ends up on the element (it may move after the render that follows an event).</summary>
    public static async Task AssertFocusAsync(IPage page, string selector) => await AssertFocusAsync(page, page.Locator(selector));

    public static async Task AssertFocusAsync(IPage page, ILocator target)
    {
        for (var waited = 0; waited < 100 && !await FocusIsOnAsync(target); waited++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(await FocusIsOnAsync(target), $"Focus should be on {target}, but is on {await FocusedAsync(page)}.");
    }
}
