using IbtDialogue.Protocol;
using IbtDialogue.Tests.Hub;
using IbtDialogue.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IbtDialogue.Tests.Browser;

/// <summary>
/// The server goes down for longer than a command may wait (30 s), with the app as its own process killed the
/// hard way and started again on the same address and database, and a participant in Chromium.
/// </summary>
public sealed class OutageBrowserTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ibt-tests", Guid.NewGuid().ToString("N"));
    private BrowserSession browser = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        browser = await BrowserSession.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var line in browser.Log)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }

        var violations = browser.CspViolations;
        await browser.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task A_post_sent_during_a_long_outage_keeps_its_text_and_goes_through_once_when_sent_again()
    {
        var database = Path.Combine(folder, "app.db");
        string code;
        await using (var setup = AppHost.OnFolder(folder))
        {
            await setup.InitializeAsync();
            var anna = await setup.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
            (var dialogue, code) = await setup.CreateDialogueAsync(anna);
            await using var console = await Tab.OpenAsync(setup.FacilitatorClient(await setup.LoginAsync("anna@owinsp.example")), dialogue);
            Assert.True((await console.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct)).Ok);
        }

        var port = AppProcess.FreePort();
        var server = await AppProcess.StartAsync(database, folder, port, "Development");
        try
        {
            var page = await browser.NewPageAsync(server.Address);
            await page.GotoAsync($"/deelnemen/{code}");
            await page.GetByLabel("Je naam").FillAsync("Piet Jansen");
            await page.GetByLabel("Gemeente").FocusAsync();
            await page.Keyboard.TypeAsync("Zwolle"); // Picks it from the list, as a person typing would.
            await page.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
            await BrowserSession.RoomIsLiveAsync(page);

            // The server dies. The post waits for the connection, then says it was not sent and keeps the text.
            await server.KillAsync();
            await Assertions.Expect(page.GetByTestId("connection")).ToContainTextAsync("De verbinding is even weg");
            await page.GetByLabel("Jouw bijdrage").FillAsync("Geschreven tijdens de storing");
            await page.GetByRole(AriaRole.Button, new() { Name = "Plaatsen" }).ClickAsync();
            await Assertions.Expect(page.Locator("form.contribution-form button[type=submit]")).ToHaveTextAsync("Wordt verstuurd…");
            await Assertions.Expect(page.GetByTestId("undelivered")).ToContainTextAsync("Niet verstuurd: er is geen verbinding.", new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByLabel("Jouw bijdrage")).ToHaveValueAsync("Geschreven tijdens de storing");
            await BrowserSession.AssertAccessibleAsync(page);

            // The server is back on the same address: the banner goes, the post is offered again, one press sends it.
            await server.DisposeAsync();
            server = await AppProcess.StartAsync(database, folder, port, "Development");
            await Assertions.Expect(page.GetByTestId("undelivered")).ToContainTextAsync("De verbinding is terug.", new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("connection")).Not.ToContainTextAsync("De verbinding is even weg");
            await page.GetByTestId("undelivered").GetByRole(AriaRole.Button, new() { Name = "Opnieuw versturen" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("contribution")).ToContainTextAsync("Geschreven tijdens de storing");
            await Assertions.Expect(page.GetByTestId("undelivered")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".contribution-form .error")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByLabel("Jouw bijdrage")).ToHaveValueAsync("");
            await BrowserSession.AssertAccessibleAsync(page);
        }
        finally
        {
            await server.DisposeAsync();
        }

        await using var db = new Persistence.DialogueDb(new DbContextOptionsBuilder<Persistence.DialogueDb>().UseSqlite($"Data Source={database}").Options);
        Assert.Equal(1, await db.Contributions.CountAsync(c => c.Text == "Geschreven tijdens de storing", Ct));
    }
}
