using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Hub;

/// <summary>A facilitator and twenty or more participants over real WebSockets, running a dialogue.</summary>
public sealed class FacilitationHubTests(AppHost app) : IClassFixture<AppHost>
{
    private const int Participants = 20;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Room(int Dialogue, string Code, string FacilitatorEmail, Tab Facilitator, List<Tab> Participants) : IAsyncDisposable
    {
        public IEnumerable<Tab> Everyone => Participants.Append(Facilitator);

        public async ValueTask DisposeAsync()
        {
            foreach (var tab in Everyone)
            {
                await tab.DisposeAsync();
            }
        }
    }

    private async Task<Room> OpenRoomAsync(int participants = Participants, TcpProxy? proxy = null)
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var userId = await app.CreateFacilitatorAsync(email, "Anna de Vries");
        var (dialogue, code) = await app.CreateDialogueAsync(userId, "Handhaving", "LRK op orde", "Gastouderopvang");
        var facilitator = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync(email)), dialogue);
        var opened = await facilitator.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        Assert.True(opened.Ok);
        await Eventually.TrueAsync(() => facilitator.State.Version >= opened.Version, "the console shows the dialogue open");
        var municipalities = IbtDialogue.Participants.Municipalities.All;
        var tabs = await Task.WhenAll(Enumerable.Range(0, participants).Select(async i =>
            await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, $"Deelnemer {i}", municipalities[i * 7]), proxy?.Address("/hubs/dialogue")), dialogue)));
        return new Room(dialogue, code, email, facilitator, [.. tabs]);
    }

    /// <summary>Waits until every tab has at least the given version and all show the same room.</summary>
    private static async Task EveryoneAgreesAsync(Room room, string because, long atLeast = 0)
    {
        await Eventually.TrueAsync(
            () => room.Everyone.All(t => t.Room.State is { } s && s.Version >= atLeast)
                && room.Participants.All(t => t.Shared() == room.Participants[0].Shared())
                && room.Facilitator.State.Version == room.Participants[0].State.Version,
            because);
    }


    [Fact]
    public async Task Every_participant_follows_the_facilitator_through_themes_phases_lock_timer_and_spotlight()
    {
        await using var room = await OpenRoomAsync();
        var f = room.Facilitator;
        var themes = f.State.Themes.Select(t => t.Id).ToList();

        var post = await room.Participants[3].Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), room.Dialogue, themes[0], ContributionKind.SuccessFactor, "Vaste contactpersoon"), Ct);
        Assert.True(post.Ok, post.Error);
        foreach (var (theme, phase) in new[] { (themes[0], Phase.GoodPractices), (themes[0], Phase.Agreements), (themes[1], Phase.Sharing), (themes[0], Phase.Sharing) })
        {
            Assert.True((await f.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), room.Dialogue, theme, phase), Ct)).Ok);
        }

        Assert.True((await f.Hub.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), room.Dialogue, true), Ct)).Ok);
        Assert.True((await f.Hub.ControlTimerAsync(new ControlTimer(Guid.NewGuid(), room.Dialogue, TimerAction.Start, 300), Ct)).Ok);
        var last = await f.Hub.SetSpotlightAsync(new SetSpotlight(Guid.NewGuid(), room.Dialogue, post.EntityId), Ct);
        Assert.True(last.Ok);

        await EveryoneAgreesAsync(room, "all participants show the facilitator's stage", last.Version);
        var stage = room.Participants[17].State.Stage;
        Assert.Equal((themes[0], Phase.Sharing, true, post.EntityId), (stage.ThemeId, stage.Phase, stage.InputLocked, stage.SpotlightId));
        Assert.Equal(300, stage.Timer!.DurationSeconds);
        Assert.Equal(f.State.Stage, stage);
        await Eventually.TrueAsync(() => f.State.Presence.Participants == Participants, "presence counts everyone");
    }

    [Fact]
    public async Task A_late_joiner_lands_in_the_current_phase_with_everything_that_is_visible()
    {
        await using var room = await OpenRoomAsync(participants: 3);
        var f = room.Facilitator;
        var theme = f.State.Stage.ThemeId!.Value;
        var kept = await room.Participants[0].Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), room.Dialogue, theme, ContributionKind.Bottleneck, "Blijft staan"), Ct);
        var hidden = await room.Participants[1].Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), room.Dialogue, theme, ContributionKind.Bottleneck, "Wordt verborgen"), Ct);
        await f.Hub.ModerateContributionAsync(new ModerateContribution(Guid.NewGuid(), room.Dialogue, hidden.EntityId!.Value, ModerationAction.Hide), Ct);
        await f.Hub.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), room.Dialogue, null, theme, "Beleid actualiseren", "Zwolle", null), Ct);
        await f.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), room.Dialogue, theme, Phase.Agreements), Ct);

        await using var late = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(room.Code, "Laatkomer", "Zwolle")), room.Dialogue);

        Assert.Equal(Phase.Agreements, late.State.Stage.Phase);
        Assert.Equal([kept.EntityId!.Value], late.State.Contributions.Select(c => c.Id));
        Assert.Equal("Beleid actualiseren", Assert.Single(late.State.Agreements).What);
        await Eventually.TrueAsync(() => late.Shared() == room.Participants[0].Shared(), "the late joiner sees what the others see");
    }

    [Fact]
    public async Task Twenty_participants_whose_network_drops_come_back_to_exactly_the_current_room()
    {
        await using var proxy = new TcpProxy(app.BaseAddress);
        await using var room = await OpenRoomAsync(proxy: proxy);
        var f = room.Facilitator;
        var theme = f.State.Stage.ThemeId!.Value;
        var doomed = await room.Participants[0].Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), room.Dialogue, theme, ContributionKind.Question, "Wordt verborgen"), Ct);

        proxy.Cut(refuseNew: true);
        await Eventually.TrueAsync(() => room.Participants.All(t => t.Room.Connection != LiveConnectionState.Connected), "every participant shows that the connection is gone");

        // While they are away: a hidden item, a new item, a new phase.
        await f.Hub.ModerateContributionAsync(new ModerateContribution(Guid.NewGuid(), room.Dialogue, doomed.EntityId!.Value, ModerationAction.Hide), Ct);
        await f.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), room.Dialogue, theme, ContributionKind.SuccessFactor, "Nieuw terwijl jullie weg waren"), Ct);
        var last = await f.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), room.Dialogue, theme, Phase.GoodPractices), Ct);
        await Eventually.TrueAsync(() => proxy.Refused >= room.Participants.Count, "the participants try to come back while the network is still down");
        proxy.Heal();

        await Eventually.TrueAsync(() => room.Participants.All(t => t.Room.Connection == LiveConnectionState.Connected), "every participant reconnects", seconds: 40);
        await EveryoneAgreesAsync(room, "every participant shows the current room after reconnecting", last.Version);
        var state = room.Participants[12].State;
        Assert.Equal(Phase.GoodPractices, state.Stage.Phase);
        Assert.Equal(["Nieuw terwijl jullie weg waren"], state.Contributions.Select(c => c.Text));
        await Eventually.TrueAsync(() => f.State.Presence.Participants == Participants, "presence counts everyone again");
    }

    [Fact]
    public async Task Two_facilitators_acting_at_the_same_moment_leave_one_state_that_every_client_agrees_on()
    {
        await using var room = await OpenRoomAsync();
        var coEmail = $"{Guid.NewGuid():N}@owinsp.example";
        var coId = await app.CreateFacilitatorAsync(coEmail, "Bert Bakker");
        await app.QueryAsync(async db =>
        {
            db.DialogueFacilitators.Add(new Dialogues.DialogueFacilitator { DialogueId = room.Dialogue, UserId = coId });
            return await db.SaveChangesAsync();
        });
        await using var bert = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync(coEmail)), room.Dialogue);
        var themes = room.Facilitator.State.Themes.Select(t => t.Id).ToList();

        var anna = Task.WhenAll(Enumerable.Range(0, 15).Select(i =>
            room.Facilitator.Hub.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), room.Dialogue, i % 2 == 0), Ct)));
        var bertMoves = Task.WhenAll(Enumerable.Range(0, 15).Select(i =>
            bert.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), room.Dialogue, themes[i % 3], (Phase)(i % 4)), Ct)));
        var results = (await anna).Concat(await bertMoves).ToList();

        Assert.All(results, r => Assert.True(r.Ok, r.Error));
        await EveryoneAgreesAsync(room, "every client shows the same stage", results.Max(r => r.Version));
        await Eventually.TrueAsync(() => bert.Shared() == room.Facilitator.Shared(), "both facilitators agree");
        var stored = await app.QueryAsync(db => db.Dialogues.SingleAsync(d => d.Id == room.Dialogue));
        var shown = room.Participants[9].State;
        Assert.Equal((stored.CurrentThemeId, stored.CurrentPhase, stored.InputLocked, stored.Version), (shown.Stage.ThemeId, shown.Stage.Phase, shown.Stage.InputLocked, shown.Version));
        Assert.Equal(results.Where(r => r.Ok).Select(r => r.Version).Distinct().Count(), results.Select(r => r.Version).Distinct().Count());
    }

    [Fact]
    public async Task Bad_facilitation_input_is_refused_changes_nothing_and_the_connection_stays_usable()
    {
        await using var room = await OpenRoomAsync(participants: 2);
        var f = room.Facilitator;
        var piet = room.Participants[0];
        var kees = room.Participants[1];
        var theme = f.State.Stage.ThemeId!.Value;
        var item = (await piet.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), room.Dialogue, theme, ContributionKind.Question, "Van Piet"), Ct)).EntityId!.Value;
        await kees.Room.ReactAsync(new ContributionCommand(Guid.NewGuid(), room.Dialogue, item), Ct);
        var version = await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == room.Dialogue).Select(d => d.Version).SingleAsync());

        var refusals = new (string Expected, Task<CommandResult> Call)[]
        {
            (ErrorCodes.NotFound, f.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), room.Dialogue, -1, Phase.Sharing), Ct)),
            (ErrorCodes.InvalidTimer, f.Hub.ControlTimerAsync(new ControlTimer(Guid.NewGuid(), room.Dialogue, TimerAction.Start, -5), Ct)),
            (ErrorCodes.InvalidTimer, f.Hub.ControlTimerAsync(new ControlTimer(Guid.NewGuid(), room.Dialogue, TimerAction.Start, 999_999), Ct)),
            (ErrorCodes.AlreadyReacted, kees.Room.ReactAsync(new ContributionCommand(Guid.NewGuid(), room.Dialogue, item), Ct)),
            (ErrorCodes.NotYours, kees.Hub.EditContributionAsync(new EditContribution(Guid.NewGuid(), room.Dialogue, item, "Van Kees"), Ct)),
            (ErrorCodes.Forbidden, kees.Hub.ModerateContributionAsync(new ModerateContribution(Guid.NewGuid(), room.Dialogue, item, ModerationAction.Hide), Ct)),
            (ErrorCodes.Forbidden, kees.Hub.SetStageAsync(new SetStage(Guid.NewGuid(), room.Dialogue, theme, Phase.Agreements), Ct)),
            (ErrorCodes.ThemeInUse, f.Hub.RemoveThemeAsync(new ThemeCommand(Guid.NewGuid(), room.Dialogue, theme), Ct)),
            (ErrorCodes.PhaseClosed, piet.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), room.Dialogue, f.State.Themes[1].Id, ContributionKind.Question, "Verkeerd thema"), Ct)),
            (ErrorCodes.InvalidMerge, f.Hub.MergeContributionsAsync(new MergeContributions(Guid.NewGuid(), room.Dialogue, item, item), Ct)),
        };
        foreach (var (expected, call) in refusals)
        {
            Assert.Equal(expected, (await call).Error);
        }

        await using (var raw = await RawHub.ConnectAsync(app.HubUrl, await app.HubTokenAsync(await app.JoinAsync(room.Code, "Rauw", "Assen"))))
        {
            Assert.False((await raw.InvokeAsync(nameof(IDialogueHub.ControlTimer), [new { commandId = Guid.NewGuid(), dialogueId = room.Dialogue, action = "explode", seconds = 1 }])).Ok);
        }

        Assert.Equal(version, await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == room.Dialogue).Select(d => d.Version).SingleAsync()));
        Assert.Empty(await app.QueryAsync(db => db.ModerationRecords.Where(m => m.DialogueId == room.Dialogue).ToListAsync()));
        Assert.True((await f.Hub.ModerateContributionAsync(new ModerateContribution(Guid.NewGuid(), room.Dialogue, item, ModerationAction.Hide), Ct)).Ok);
        Assert.True((await kees.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), room.Dialogue, theme, ContributionKind.Question, "Nog bruikbaar"), Ct)).Ok);
    }

    [Fact]
    public async Task A_pending_contribution_never_reaches_another_participants_connection()
    {
        await using var room = await OpenRoomAsync(participants: 2);
        var f = room.Facilitator;
        await f.Hub.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), room.Dialogue, Anonymity.Named, true, true), Ct);
        var seenByKees = new List<RoomUpdated>();
        room.Participants[1].Hub.RoomUpdated += e =>
        {
            lock (seenByKees)
            {
                seenByKees.Add(e);
            }

            return Task.CompletedTask;
        };

        var pending = await room.Participants[0].Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), room.Dialogue, f.State.Stage.ThemeId!.Value, ContributionKind.Bottleneck, "Geheim tot goedkeuring"), Ct);
        await Eventually.TrueAsync(() => room.Participants[1].Room.State?.Version == pending.Version, "the version reaches everyone");
        await Eventually.TrueAsync(() => f.State.Contributions.Any(c => c.Status == ContributionStatus.Pending), "the facilitator sees it waiting");

        lock (seenByKees)
        {
            Assert.DoesNotContain(seenByKees, e => System.Text.Json.JsonSerializer.Serialize(e).Contains("Geheim", StringComparison.Ordinal));
        }

        Assert.Empty(room.Participants[1].State.Contributions);
        await f.Hub.ModerateContributionAsync(new ModerateContribution(Guid.NewGuid(), room.Dialogue, pending.EntityId!.Value, ModerationAction.Approve), Ct);
        await Eventually.TrueAsync(() => room.Participants[1].State.Contributions.Any(c => c.Text == "Geheim tot goedkeuring"), "after approval everyone sees it");
    }
}
