using System.Collections.Concurrent;
using IbtDialogue.Client.Live;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static IbtDialogue.Tests.Security.HubSecurityFixture;

namespace IbtDialogue.Tests.Security;

/// <summary>
/// Issue 10, finding 3 — one participant could slow every dialogue (100 connections, 300 posts in 4.7 s).
/// Now a participant has at most a few connections, and every hub call takes a token from its connection's
/// and its participant's bucket; beyond them a call is answered <c>rate_limited</c>, stores nothing, and the
/// connection stays open. The buckets' clock is a test clock here, so the counts are exact and nothing is
/// timed: how fast the room stays under load is the benchmark's business.
/// </summary>
public sealed class HubFloodTests : IAsyncLifetime
{
    private const int Burst = 20;
    private const int Cap = 3;

    private readonly FakeTimeProvider bucketClock = new();
    private readonly AppHost app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        app.Settings["Security:HubConnectionsPerParticipant"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Security:HubCallLimits:Participant:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Security:HubCallLimits:Participant:PerMinute"] = "30";
        app.TestServices = services => services.AddSingleton(provider => new HubLimits(provider.GetRequiredService<IOptions<HubSecurityOptions>>(), bucketClock));
        await app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_flooding_participant_is_refused_after_its_bucket_while_another_gets_every_command_and_every_broadcast()
    {
        var (_, _, dialogue, code, theme) = await OpenDialogueAsync(app);
        var flooder = await app.JoinAsync(code, "Vloed", "Zwolle");
        var neighbour = await app.JoinAsync(code, "Kees", "Assen");

        // The flooder in as many tabs as allowed; each Enter takes a token from its bucket too.
        var tabs = new List<DialogueHubClient>();
        for (var i = 0; i < Cap; i++)
        {
            tabs.Add(await EnteredAsync(flooder, dialogue));
        }

        var kees = app.ParticipantClient(neighbour);
        var keesSaw = new ConcurrentBag<long>();
        kees.RoomUpdated += e =>
        {
            keesSaw.Add(e.Version);
            return Task.CompletedTask;
        };
        await kees.StartAsync(Ct);
        var keesEntered = await kees.EnterAsync(dialogue, cancellationToken: Ct);
        Assert.True(keesEntered.Ok, keesEntered.Error);
        var firstVersion = keesEntered.Snapshot!.Version;
        var lastTabSaw = new ConcurrentBag<long>();
        tabs[^1].RoomUpdated += e =>
        {
            lastTabSaw.Add(e.Version);
            return Task.CompletedTask;
        };

        // Three hundred posts over the flooder's tabs, all at once, while Kees posts and reacts as usual.
        var flood = Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            tabs[i % Cap].PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, $"Vloed {i}"), Ct)));
        var keesResults = new List<CommandResult>();
        for (var i = 0; i < 10; i++)
        {
            keesResults.Add(await kees.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, $"Kees {i}"), Ct));
        }

        keesResults.Add(await kees.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, keesResults[0].EntityId!.Value), Ct));
        var floodResults = await flood;

        // The flooder: its bucket and not one more (Burst less its Enters), the rest refused as rate_limited, stored nowhere.
        var accepted = floodResults.Count(r => r.Ok);
        Assert.Equal(Burst - Cap, accepted);
        Assert.All(floodResults.Where(r => !r.Ok), r => Assert.Equal(ErrorCodes.RateLimited, r.Error));
        Assert.Equal(accepted, await app.QueryAsync(db => db.Contributions.CountAsync(c => c.DialogueId == dialogue && c.Text.StartsWith("Vloed"), Ct)));

        // Kees: every command accepted, and every change of the room reached him, in full.
        Assert.All(keesResults, r => Assert.True(r.Ok, r.Error));
        var lastVersion = await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Version).SingleAsync(Ct));
        Assert.Equal(firstVersion + accepted + 11, lastVersion);
        await Eventually.TrueAsync(() => keesSaw.Count >= lastVersion - firstVersion, "every broadcast reached Kees");
        Assert.Equal(Range(firstVersion + 1, lastVersion), keesSaw.Order());

        // The flooder's connections stay open and usable: they hear the room, and once the bucket refills they act again.
        Assert.All(tabs, tab => Assert.Equal(LiveConnectionState.Connected, tab.State));
        await Eventually.TrueAsync(() => lastTabSaw.Contains(lastVersion), "the flooder's tab still hears the room");
        Assert.Equal(ErrorCodes.RateLimited, (await tabs[0].PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "Nog een"), Ct)).Error);
        bucketClock.Advance(TimeSpan.FromSeconds(2)); // One token back at 30 a minute.
        var later = await tabs[0].PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "Rustig aan"), Ct);
        Assert.True(later.Ok, later.Error);

        await kees.DisposeAsync();
        foreach (var tab in tabs)
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_connection_beyond_the_cap_is_refused_with_a_clear_answer_and_closing_a_tab_makes_room()
    {
        var (_, _, dialogue, code, _) = await OpenDialogueAsync(app);
        var token = await app.JoinAsync(code, "Piet", "Zwolle");
        var tabs = new List<DialogueHubClient>();
        for (var i = 0; i < Cap; i++)
        {
            tabs.Add(await EnteredAsync(token, dialogue));
        }

        await using (var extra = app.ParticipantClient(token))
        {
            await extra.StartAsync(Ct);
            var refused = await extra.EnterAsync(dialogue, cancellationToken: Ct);
            Assert.Equal(ErrorCodes.TooManyConnections, refused.Error);
            await Eventually.TrueAsync(() => extra.State == LiveConnectionState.Disconnected, "the server closed the extra connection");
            Assert.Equal(ErrorCodes.TooManyConnections, (await extra.GetSnapshotAsync(dialogue, Ct)).Error);
        }

        // The tabs that were open are untouched; one closes, and a new one may come in.
        Assert.All(tabs, tab => Assert.Equal(LiveConnectionState.Connected, tab.State));
        await tabs[0].StopAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await EnterOnceMoreAsync(token, dialogue))
        {
            Assert.True(DateTime.UtcNow < deadline, "a closed tab makes room for a new one");
            await Task.Delay(100, Ct);
        }

        foreach (var tab in tabs)
        {
            await tab.DisposeAsync();
        }
    }

    private async Task<DialogueHubClient> EnteredAsync(string token, int dialogue)
    {
        var client = app.ParticipantClient(token);
        await client.StartAsync(Ct);
        var entered = await client.EnterAsync(dialogue, cancellationToken: Ct);
        Assert.True(entered.Ok, entered.Error);
        return client;
    }

    private async Task<bool> EnterOnceMoreAsync(string token, int dialogue)
    {
        await using var client = app.ParticipantClient(token);
        await client.StartAsync(Ct);
        return (await client.EnterAsync(dialogue, cancellationToken: Ct)).Ok;
    }

    private static IEnumerable<long> Range(long from, long to)
    {
        for (var v = from; v <= to; v++)
        {
            yield return v;
        }
    }
}
