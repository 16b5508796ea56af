using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using IbtDialogue.Tests.Support;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright; never Playwright's own browser download.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        Playwright = playwright;
        Browser = browser;
    }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    /// <summary>What the pages wrote to their consoles; printed when a test fails, to see why.</summary>
    public List<string> Log { get; } = [];

    /// <summary>Every Content-Security-Policy violation any page of this session reported; a test fails on any.</summary>
    public List<string> CspViolations { get; } = [];

    // Runs before any script of the page (and outside its policy): keeps the page's violations for the checks.
    private const string ViolationRecorder =
        "window.__ibtCsp = []; document.addEventListener('securitypolicyviolation', e => window.__ibtCsp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.documentURI));";

    public static async Task<BrowserSession> StartAsync()
    {
        ExternalTool.Require(ChromiumPath, "apt-get install chromium (tests/run.sh does this)");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <param name="viewport">The window's size in CSS pixels (a phone: 320 or 390 wide); Playwright's default when null.</param>
    /// <param name="locale">The browser's language (its Accept-Language and navigator.language).</param>
    public async Task<IPage> NewPageAsync(Uri baseAddress, ViewportSize? viewport = null, string locale = "nl-NL")
    {
        var options = new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), Locale = locale };
        if (viewport is not null)
        {
            options.ViewportSize = viewport;
        }

        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(20_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        await context.AddInitScriptAsync(ViolationRecorder);
        context.Page += (_, page) => Watch(page);
        var page = await context.NewPageAsync();
        return page;
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            Log.Add($"[{message.Type}] {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Log.Add($"[pageerror] {error}");
    }

    /// <summary>
    /// Waits until the room works: the page arrives with the room rendered by the server (readable, its controls
    /// disabled), and the WebAssembly client marks it once it has entered the room over the hub. A test that acts
    /// on the room from outside the page (the hub, the network, the server) waits for this first.
    /// </summary>
    public static Task RoomIsLiveAsync(IPage page) => Assertions.Expect(page.Locator(".live-room[data-interactive]")).ToBeAttachedAsync();

    /// <summary>
    /// Runs axe-core in the page and fails on any serious or critical violation, naming each; fails too when the
    /// page broke its Content-Security-Policy.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var blocked = await page.EvaluateAsync<string[]>("() => window.__ibtCsp || []");
        Assert.True(blocked.Length == 0, $"Content-Security-Policy violations on {page.Url}:\n" + string.Join("\n", blocked));
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe-core on {page.Url}:\n" + string.Join("\n", bad.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"- {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}";

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
    }
}
