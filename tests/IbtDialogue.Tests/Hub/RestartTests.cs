using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Hub;

/// <summary>The server process is killed in the middle of a dialogue and started again on the same database.</summary>
public sealed class RestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_the_server_mid_dialogue_loses_no_acknowledged_command_and_clients_carry_on()
    {
        const int participants = 20;
        const int postsEach = 6;
        var folder = Path.Combine(Path.GetTempPath(), "ibt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "app.db");

        // Prepare with an in-process host: an account, an open dialogue, twenty joined participants.
        int dialogue;
        string email = "anna@owinsp.example";
        var tokens = new List<string>();
        await using (var setup = AppHost.OnFolder(folder))
        {
            await setup.InitializeAsync();
            var userId = await setup.CreateFacilitatorAsync(email, "Anna");
            (dialogue, var code) = await setup.CreateDialogueAsync(userId);
            await using (var console = await Tab.OpenAsync(setup.FacilitatorClient(await setup.LoginAsync(email)), dialogue))
            {
                Assert.True((await console.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct)).Ok);
            }

            for (var i = 0; i < participants; i++)
            {
                tokens.Add(await setup.JoinAsync(code, $"Deelnemer {i}", "Zwolle"));
            }
        }

        var first = await AppProcess.StartAsync(database, folder);
        await using var proxy = new TcpProxy(first.Address);
        var hubUrl = proxy.Address("/hubs/dialogue");
        var tabs = await Task.WhenAll(tokens.Select(t => Tab.OpenAsync(new DialogueHubClient(hubUrl, o => o.AccessTokenProvider = HubTokenSource.ForParticipantToken(proxy.Address("/"), dialogue, t).GetAsync), dialogue)));
        var facilitator = await Tab.OpenAsync(AppHost.FacilitatorClientFor(hubUrl, await AppHost.LoginAsync(first.Address, email)), dialogue);
        var theme = facilitator.State.Stage.ThemeId!.Value;

        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<int>();
        var allPosted = Task.WhenAll(tabs.Select((tab, p) => Task.Run(async () =>
        {
            for (var n = 0; n < postsEach; n++)
            {
                var result = await tab.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, $"Deelnemer {p}, bijdrage {n}"),
                    Ct);
                Assert.True(result.Ok, result.Error);
                acknowledged.Add(result.EntityId!.Value);
                await Task.Delay(40, Ct);
            }
        }, Ct)));

        // Kill the server while the posts are flowing, then start it again on the same database.
        await Eventually.TrueAsync(() => acknowledged.Count >= participants, "some posts were acknowledged before the crash");
        await first.KillAsync();
        var countAtCrash = acknowledged.Count;
        await using var second = await AppProcess.StartAsync(database, folder);
        proxy.Retarget(second.Address);
        proxy.Cut(refuseNew: false); // Connections still half-open to the dead process go too.

        await allPosted.WaitAsync(TimeSpan.FromMinutes(3), Ct);
        Assert.True(countAtCrash < participants * postsEach, "the crash happened while posts were still being sent");

        // Nothing acknowledged is lost, nothing is stored twice.
        var stored = await StoredIdsAsync(database, dialogue);
        Assert.Equal(participants * postsEach, acknowledged.Count);
        Assert.Equal(participants * postsEach, stored.Count);
        Assert.Empty(acknowledged.Except(stored));

        // Every client carries on and shows the same room, which is what the database holds.
        var everyone = tabs.Append(facilitator).ToList();
        await Eventually.TrueAsync(() => everyone.All(t => t.Room.Connection == LiveConnectionState.Connected), "all clients reconnected", seconds: 60);
        await Eventually.TrueAsync(() => everyone.All(t => t.Room.State!.Contributions.Count == participants * postsEach && t.Shared() == facilitator.Shared()), "all clients show every contribution", seconds: 60);

        foreach (var tab in everyone)
        {
            await tab.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task<List<int>> StoredIdsAsync(string database, int dialogue)
    {
        await using var test = await TestDatabaseReader.OpenAsync(database);
        return await test.Db.Contributions.Where(c => c.DialogueId == dialogue).Select(c => c.Id).ToListAsync(Ct);
    }
}

/// <summary>Reads an app database file directly, the way an auditor would after a crash.</summary>
internal sealed class TestDatabaseReader : IAsyncDisposable
{
    private TestDatabaseReader(Persistence.DialogueDb db) => Db = db;

    public Persistence.DialogueDb Db { get; }

    public static Task<TestDatabaseReader> OpenAsync(string path) =>
        Task.FromResult(new TestDatabaseReader(new Persistence.DialogueDb(
            new DbContextOptionsBuilder<Persistence.DialogueDb>().UseSqlite($"Data Source={path}").Options)));

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
