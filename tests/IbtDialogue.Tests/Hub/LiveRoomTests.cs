using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Hub;

/// <summary>The hub over real WebSockets: a facilitator and participants in one room, each with the typed client.</summary>
public sealed class LiveRoomTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Dialogue, string Code, Tab Facilitator)> OpenRoomAsync()
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var userId = await app.CreateFacilitatorAsync(email, "Anna de Vries");
        var (dialogue, code) = await app.CreateDialogueAsync(userId);
        var facilitator = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync(email)), dialogue);
        var opened = await facilitator.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        Assert.True(opened.Ok, opened.Error);
        await Eventually.TrueAsync(() => facilitator.State.Version >= opened.Version, "the console shows the dialogue open");
        return (dialogue, code, facilitator);
    }

    [Fact]
    public async Task A_contribution_reaches_the_facilitator_and_every_participant_and_they_agree_on_the_room()
    {
        var (dialogue, code, facilitator) = await OpenRoomAsync();
        await using var _ = facilitator;
        var participants = new List<Tab>();
        foreach (var (name, organisation) in new[] { ("Piet", "Aa en Hunze"), ("Kees", "Zwolle"), ("Fatima", "GGD Drenthe") })
        {
            participants.Add(await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, name, organisation)), dialogue));
        }

        var theme = facilitator.State.Stage.ThemeId!.Value;
        var posted = await participants[0].Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, "Vaste contactpersoon bij de GGD"), Ct);
        Assert.True(posted.Ok, posted.Error);

        var everyone = participants.Append(facilitator).ToList();
        await Eventually.TrueAsync(() => everyone.All(t => t.Room.State?.Version >= posted.Version), "everyone has the new version");
        foreach (var tab in everyone)
        {
            var item = Assert.Single(tab.State.Contributions);
            Assert.Equal("Vaste contactpersoon bij de GGD", item.Text);
            Assert.Equal("Piet", item.AuthorName);
            Assert.Equal("Aa en Hunze", item.Organisation);
        }

        await Eventually.TrueAsync(() => everyone.All(t => t.Shared() == facilitator.Shared()), "all tabs show the same room");
        await Eventually.TrueAsync(
            () => facilitator.State.Presence is { Participants: 3, Facilitators: 1 }, "presence counts three participants and one facilitator");
        foreach (var tab in participants)
        {
            await tab.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_late_joiner_gets_everything_posted_so_far()
    {
        var (dialogue, code, facilitator) = await OpenRoomAsync();
        await using var _ = facilitator;
        await using var early = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, "Piet", "Assen")), dialogue);
        var theme = early.State.Stage.ThemeId!.Value;
        for (var i = 1; i <= 5; i++)
        {
            var r = await early.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, $"Knelpunt {i}"), Ct);
            Assert.True(r.Ok);
        }

        await using var late = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, "Kees", "Zwolle")), dialogue);

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"Knelpunt {i}"), late.State.Contributions.Select(c => c.Text));
        await Eventually.TrueAsync(() => early.Shared() == late.Shared() && facilitator.Shared() == late.Shared(), "late joiner sees the same room");
    }

    [Fact]
    public async Task A_participant_whose_network_drops_comes_back_to_the_same_room_without_losing_anything()
    {
        var (dialogue, code, facilitator) = await OpenRoomAsync();
        await using var _ = facilitator;
        await using var proxy = new TcpProxy(app.BaseAddress);
        await using var steady = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, "Kees", "Zwolle")), dialogue);
        await using var flaky = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, "Piet", "Assen"), proxy.Address("/hubs/dialogue")), dialogue);
        var theme = steady.State.Stage.ThemeId!.Value;

        proxy.Cut(refuseNew: true);
        await Eventually.TrueAsync(() => flaky.Room.Connection != Client.Live.LiveConnectionState.Connected, "the client notices the drop");
        for (var i = 1; i <= 3; i++)
        {
            await steady.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, $"Terwijl Piet weg is {i}"), Ct);
        }

        // Piet posts while offline: the client holds the command and sends it once the network is back.
        var whileOffline = flaky.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, "Vanuit de trein"), Ct);
        await Eventually.TrueAsync(() => flaky.Hub.CommandsWaiting == 1, "the post waits for the connection");
        proxy.Heal();

        var result = await whileOffline;
        Assert.True(result.Ok, result.Error);
        await Eventually.TrueAsync(() => flaky.Room.Connection == Client.Live.LiveConnectionState.Connected, "the client reconnects");
        await Eventually.TrueAsync(
            () => new[] { flaky, steady, facilitator }.All(t => t.State.Version >= result.Version) && flaky.Shared() == facilitator.Shared() && steady.Shared() == facilitator.Shared(),
            "the dropped client shows the same room as the others");
        Assert.Equal(4, flaky.State.Contributions.Count);
        Assert.Equal(1, await app.QueryAsync(db => db.Contributions.CountAsync(c => c.DialogueId == dialogue && c.Text == "Vanuit de trein")));
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_error_stores_nothing_and_the_connection_stays_usable()
    {
        var (dialogue, code, facilitator) = await OpenRoomAsync();
        await using var _ = facilitator;
        var token = await app.JoinAsync(code, "Piet", "Assen");
        await using var piet = await Tab.OpenAsync(app.ParticipantClient(token), dialogue);
        await using var raw = await RawHub.ConnectAsync(app.HubUrl, await app.HubTokenAsync(token));
        var theme = piet.State.Stage.ThemeId!.Value;
        var versionBefore = await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Version).SingleAsync());

        var empty = await piet.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "   "), Ct);
        var tooLong = await piet.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, new string('a', 1001)), Ct);
        var wrongTheme = await piet.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, -5, ContributionKind.Question, "Hallo"), Ct);
        var close = await piet.Hub.CloseDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        var open = await piet.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        var malformed = await raw.InvokeAsync("PostContribution", [42]);
        var wrongShape = await raw.InvokeAsync("PostContribution", ["geen object", 1, 2]);
        var badEnum = await raw.InvokeAsync("PostContribution", [new { commandId = Guid.NewGuid(), dialogueId = dialogue, themeId = theme, kind = "gossip", text = "x" }]);
        var noSuchMethod = await raw.InvokeAsync("DropAllTables", []);
        var missing = await raw.InvokeAsync<CommandResult>("PostContribution", [null]);
        var notAFacilitator = await raw.InvokeAsync<CommandResult>("CloseDialogue", new DialogueCommand(Guid.NewGuid(), dialogue));
        var notAFacilitatorPresenter = await raw.InvokeAsync<SnapshotResult>("EnterPresenter", dialogue);
        var otherRoom = await piet.Hub.GetSnapshotAsync(dialogue + 1000, Ct);

        Assert.Equal(ErrorCodes.TextEmpty, empty.Error);
        Assert.Equal(ErrorCodes.TextTooLong, tooLong.Error);
        Assert.Equal(ErrorCodes.NotFound, wrongTheme.Error);
        Assert.Equal(ErrorCodes.Forbidden, close.Error);
        Assert.Equal(ErrorCodes.Forbidden, open.Error);
        Assert.Equal(ErrorCodes.BadRequest, missing.Error); // Answered by the hub's front door, not thrown.
        Assert.Equal(ErrorCodes.Forbidden, notAFacilitator.Error);
        Assert.Equal(ErrorCodes.Forbidden, notAFacilitatorPresenter.Error);
        Assert.False(malformed.Ok);
        Assert.False(wrongShape.Ok);
        Assert.False(badEnum.Ok);
        Assert.False(noSuchMethod.Ok);
        Assert.Equal(ErrorCodes.NotFound, otherRoom.Error);
        Assert.Equal(0, await app.QueryAsync(db => db.Contributions.CountAsync(c => c.DialogueId == dialogue)));
        Assert.Equal(versionBefore, await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Version).SingleAsync()));
        Assert.Equal(DialogueStatus.Open, await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Status).SingleAsync()));

        var fine = await piet.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Werkt het nog?"), Ct);
        Assert.True(fine.Ok, fine.Error);
    }

    [Fact]
    public async Task After_closing_nobody_can_add_anything_and_everyone_sees_the_dialogue_closed()
    {
        var (dialogue, code, facilitator) = await OpenRoomAsync();
        await using var _ = facilitator;
        await using var piet = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, "Piet", "Assen")), dialogue);

        var closed = await facilitator.Hub.CloseDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        Assert.True(closed.Ok, closed.Error);
        await Eventually.TrueAsync(() => piet.Room.State?.Stage.Status == DialogueStatus.Closed, "the participant sees the dialogue closed");

        var late = await piet.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, piet.State.Stage.ThemeId!.Value, ContributionKind.Question, "Te laat"), Ct);
        Assert.Equal(ErrorCodes.DialogueClosed, late.Error);
        Assert.Equal(1, await app.QueryAsync(db => db.MinutesVersions.CountAsync(m => m.DialogueId == dialogue)));
    }

    [Fact]
    public async Task An_unknown_participant_token_cannot_connect()
    {
        await using var stranger = new DialogueHubClient(app.HubUrl, o => o.AccessTokenProvider = () => Task.FromResult<string?>("not-a-token"));
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => stranger.StartAsync(Ct));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
