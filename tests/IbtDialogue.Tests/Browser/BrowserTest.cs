using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Browser;

/// <summary>A test in Chromium against its own app; the browser's console is written to the test output at the end.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected AppHost App { get; } = new();

    protected BrowserSession Browser { get; private set; } = default!;

    public virtual async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        Browser = await BrowserSession.StartAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        List<string> violations = [];
        if (Browser is not null)
        {
            foreach (var line in Browser.Log)
            {
                TestContext.Current.TestOutputHelper?.WriteLine(line);
            }

            violations = Browser.CspViolations;
            await Browser.DisposeAsync();
        }

        await App.DisposeAsync();
        GC.SuppressFinalize(this);

        // Any page of the test, checked by axe or not, that broke the site's Content-Security-Policy fails it.
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }
}
