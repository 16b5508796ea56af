using System.Collections.Concurrent;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Hub;

/// <summary>The events of one dialogue reach every client in version order, with no gap, however many commands race (issue 16).</summary>
public sealed class BroadcastOrderTests(AppHost app) : IClassFixture<AppHost>
{
    private const int Posters = 4;
    private const int PostsEach = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A raw client that keeps every version it hears, in the order it hears them (no resync logic in between).</summary>
    private sealed class Listener(DialogueHubClient hub) : IAsyncDisposable
    {
        public DialogueHubClient Hub => hub;

        public ConcurrentQueue<long> Versions { get; } = new();

        public long Entered { get; private set; }

        public async Task EnterAsync(int dialogueId)
        {
            hub.RoomUpdated += e =>
            {
                Versions.Enqueue(e.Version);
                return Task.CompletedTask;
            };
            await hub.StartAsync(Ct);
            var entered = await hub.EnterAsync(dialogueId, cancellationToken: Ct);
            Assert.True(entered.Ok, entered.Error);
            Entered = entered.Snapshot!.Version;
        }

        public ValueTask DisposeAsync() => hub.DisposeAsync();
    }

    [Fact]
    public async Task Racing_commands_reach_both_audiences_in_version_order_without_a_gap()
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var userId = await app.CreateFacilitatorAsync(email, "Anna de Vries");
        var (dialogue, code) = await app.CreateDialogueAsync(userId);
        await using var facilitator = new Listener(app.FacilitatorClient(await app.LoginAsync(email)));
        await facilitator.EnterAsync(dialogue);
        var opened = await facilitator.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        Assert.True(opened.Ok, opened.Error);

        await using var listener = new Listener(app.ParticipantClient(await app.JoinAsync(code, "Luisteraar", "Zwolle")));
        await listener.EnterAsync(dialogue);
        var posters = new List<Listener>();
        for (var i = 0; i < Posters; i++)
        {
            var poster = new Listener(app.ParticipantClient(await app.JoinAsync(code, $"Deelnemer {i}", "Assen")));
            await poster.EnterAsync(dialogue);
            posters.Add(poster);
        }

        var start = listener.Entered;
        Assert.Equal(opened.Version, start);
        var theme = (await listener.Hub.GetSnapshotAsync(dialogue, Ct)).Snapshot!.Stage.ThemeId!.Value;

        // Every poster sends all its posts at once, without waiting for the answers: they race in the writer.
        var sends = posters.SelectMany((poster, p) => Enumerable.Range(0, PostsEach).Select(i => poster.Hub.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, $"Bijdrage {p}-{i}"), Ct))).ToList();
        var answers = await Task.WhenAll(sends);
        Assert.All(answers, a => Assert.True(a.Ok, a.Error));
        Assert.Equal(Enumerable.Range(1, Posters * PostsEach).Select(i => start + i), answers.Select(a => a.Version).Order());

        var expected = Enumerable.Range(1, Posters * PostsEach).Select(i => start + i).ToList();
        foreach (var client in posters.Append(listener))
        {
            await Eventually.TrueAsync(() => client.Versions.Count(v => v > start) >= expected.Count, "every event arrives");
            Assert.Equal(expected, client.Versions.Where(v => v > start).ToList());
        }

        await Eventually.TrueAsync(() => facilitator.Versions.Count(v => v > start) >= expected.Count, "every event reaches the facilitator");
        Assert.Equal(expected, facilitator.Versions.Where(v => v > start).ToList());

        foreach (var poster in posters)
        {
            await poster.DisposeAsync();
        }
    }
}
