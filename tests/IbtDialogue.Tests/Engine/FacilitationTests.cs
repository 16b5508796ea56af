using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Engine;

/// <summary>Running a dialogue: phases, the input lock, the timer, the spotlight, and bad facilitation commands.</summary>
public class FacilitationTests() : OpenRoomTests("Kinderopvang", "Handhaving", "LRK op orde")
{
    private Task<CommandReply> Stage(int theme, Phase phase, Actor? by = null) =>
        h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, phase), by ?? anna, Ct);

    private Task<CommandReply> Post(Actor by, string text, int? onTheme = null) =>
        h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, onTheme ?? theme, ContributionKind.SuccessFactor, text), by, Ct);

    private Task<CommandReply> Timer(TimerAction action, int seconds = 0) =>
        h.Room.ControlTimerAsync(new ControlTimer(Guid.NewGuid(), dialogue, action, seconds), anna, Ct);

    private async Task<StageView> StageNowAsync() => (await h.Room.SnapshotAsync(dialogue, anna, null, Ct)).Snapshot!.Stage;

    [Fact]
    public async Task The_facilitator_moves_forward_back_and_skips_phases_and_each_move_is_one_version()
    {
        var before = await h.VersionAsync(dialogue);
        var forward = await Stage(theme, Phase.GoodPractices);
        var skip = await Stage(theme, Phase.Agreements);
        var back = await Stage(theme, Phase.Sharing);
        var otherTheme = await Stage(secondTheme, Phase.RiskWeighing);

        Assert.Equal([before + 1, before + 2, before + 3, before + 4], new[] { forward, skip, back, otherTheme }.Select(o => o.Result.Version));
        Assert.Equal(new StageView(DialogueStatus.Open, secondTheme, Phase.RiskWeighing, false, null, null), otherTheme.Broadcast!.Room.Stage);
        Assert.Equal(otherTheme.Broadcast.Room.Stage, otherTheme.Broadcast.Facilitators.Stage);

        var same = await Stage(secondTheme, Phase.RiskWeighing);
        Assert.True(same.Result.Ok);
        Assert.Null(same.Broadcast);
    }

    [Fact]
    public async Task A_new_phase_starts_unlocked_without_timer_or_spotlight()
    {
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var item = (await Post(piet, "Eerste")).Result.EntityId!.Value;
        await h.Room.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), dialogue, true), anna, Ct);
        await Timer(TimerAction.Start, 300);
        await h.Room.SetSpotlightAsync(new SetSpotlight(Guid.NewGuid(), dialogue, item), anna, Ct);

        await Stage(theme, Phase.GoodPractices);

        Assert.Equal(new StageView(DialogueStatus.Open, theme, Phase.GoodPractices, false, null, null), await StageNowAsync());
    }

    [Fact]
    public async Task Contributions_go_only_to_the_current_theme_in_the_sharing_phase_while_input_is_open()
    {
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");

        var otherTheme = await Post(piet, "Verkeerd thema", secondTheme);
        await Stage(theme, Phase.Agreements);
        var otherPhase = await Post(piet, "Verkeerde fase");
        await Stage(theme, Phase.Sharing);
        await h.Room.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), dialogue, true), anna, Ct);
        var locked = await Post(piet, "Op slot");
        await h.Room.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), dialogue, false), anna, Ct);
        var open = await Post(piet, "Weer open");

        Assert.All([otherTheme, otherPhase, locked], o => Assert.Equal(ErrorCodes.PhaseClosed, o.Result.Error));
        Assert.True(open.Result.Ok);
        Assert.Equal(1, await h.ContributionCountAsync(dialogue));
    }

    [Fact]
    public async Task Participants_cannot_steer_the_dialogue()
    {
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var before = await h.VersionAsync(dialogue);

        var outcomes = new[]
        {
            await Stage(secondTheme, Phase.Sharing, piet),
            await h.Room.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), dialogue, true), piet, Ct),
            await h.Room.ControlTimerAsync(new ControlTimer(Guid.NewGuid(), dialogue, TimerAction.Start, 60), piet, Ct),
            await h.Room.SetSpotlightAsync(new SetSpotlight(Guid.NewGuid(), dialogue, null), piet, Ct),
            await h.Room.SaveThemeAsync(new SaveTheme(Guid.NewGuid(), dialogue, null, "Extra", null), piet, Ct),
            await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Anonymous, true, false), piet, Ct),
            await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Iets", null, null), piet, Ct),
        };

        Assert.All(outcomes, o => Assert.Equal(ErrorCodes.Forbidden, o.Result.Error));
        Assert.Equal(before, await h.VersionAsync(dialogue));
    }

    [Theory]
    [InlineData(TimerAction.Start, 0)]
    [InlineData(TimerAction.Start, -60)]
    [InlineData(TimerAction.Start, 9)]
    [InlineData(TimerAction.Start, 4 * 60 * 60 + 1)]
    [InlineData(TimerAction.Start, int.MaxValue)]
    [InlineData(TimerAction.Pause, 0)]
    [InlineData(TimerAction.Resume, 0)]
    [InlineData(TimerAction.Extend, 60)]
    public async Task Absurd_or_untimely_timer_commands_are_refused(TimerAction action, int seconds)
    {
        var before = await h.VersionAsync(dialogue);
        var outcome = await Timer(action, seconds);
        Assert.Equal(ErrorCodes.InvalidTimer, outcome.Result.Error);
        Assert.Equal(before, await h.VersionAsync(dialogue));
        Assert.Null((await StageNowAsync()).Timer);
    }

    [Fact]
    public async Task The_timer_starts_pauses_resumes_extends_and_stops_by_the_server_clock()
    {
        var start = h.Clock.GetUtcNow();
        await Timer(TimerAction.Start, 300);
        Assert.Equal(new TimerView(300, start.AddSeconds(300), null), (await StageNowAsync()).Timer);

        h.Clock.Advance(TimeSpan.FromSeconds(100));
        await Timer(TimerAction.Pause);
        Assert.Equal(new TimerView(300, null, 200), (await StageNowAsync()).Timer);

        h.Clock.Advance(TimeSpan.FromMinutes(10)); // Paused: no time passes for the phase.
        await Timer(TimerAction.Extend, 60);
        Assert.Equal(new TimerView(360, null, 260), (await StageNowAsync()).Timer);

        await Timer(TimerAction.Resume);
        var resumedAt = h.Clock.GetUtcNow();
        Assert.Equal(new TimerView(360, resumedAt.AddSeconds(260), null), (await StageNowAsync()).Timer);

        await Timer(TimerAction.Stop);
        Assert.Null((await StageNowAsync()).Timer);
        Assert.Null((await Timer(TimerAction.Stop)).Broadcast); // Nothing left to stop.
    }

    [Fact]
    public async Task Time_running_out_does_not_stop_input_and_an_expired_timer_extends_from_now()
    {
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        await Timer(TimerAction.Start, 60);
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.True((await Post(piet, "Na de tijd")).Result.Ok); // The facilitator decides, not the clock.

        await Timer(TimerAction.Extend, 120);
        Assert.Equal(h.Clock.GetUtcNow().AddSeconds(120), (await StageNowAsync()).Timer!.EndsAt);
    }

    [Fact]
    public async Task The_spotlight_takes_only_a_visible_contribution_of_this_dialogue_and_goes_out_when_it_is_hidden()
    {
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var item = (await Post(piet, "In beeld")).Result.EntityId!.Value;
        var other = await h.CreateOpenDialogueAsync(anna);
        var foreign = (await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), other, await h.FirstThemeAsync(other), ContributionKind.Question, "Elders"), anna, Ct)).Result.EntityId!.Value;

        var on = await h.Room.SetSpotlightAsync(new SetSpotlight(Guid.NewGuid(), dialogue, item), anna, Ct);
        Assert.Equal(item, on.Broadcast!.Room.Stage!.SpotlightId);
        Assert.Equal(ErrorCodes.NotFound, (await h.Room.SetSpotlightAsync(new SetSpotlight(Guid.NewGuid(), dialogue, foreign), anna, Ct)).Result.Error);

        var hidden = await h.Contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, item, ModerationAction.Hide), anna, Ct);
        Assert.Null(hidden.Broadcast!.Room.Stage!.SpotlightId);
        Assert.Equal(ErrorCodes.ItemUnavailable, (await h.Room.SetSpotlightAsync(new SetSpotlight(Guid.NewGuid(), dialogue, item), anna, Ct)).Result.Error);
    }

    [Fact]
    public async Task Nothing_can_be_steered_in_a_closed_dialogue()
    {
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var before = await h.VersionAsync(dialogue);

        var outcomes = new[]
        {
            await Stage(secondTheme, Phase.Sharing),
            await h.Room.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), dialogue, false), anna, Ct),
            await Timer(TimerAction.Start, 60),
            await h.Room.SaveThemeAsync(new SaveTheme(Guid.NewGuid(), dialogue, null, "Extra", null), anna, Ct),
            await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Iets", null, null), anna, Ct),
        };

        Assert.All(outcomes, o => Assert.Equal(ErrorCodes.DialogueClosed, o.Result.Error));
        Assert.Equal(before, await h.VersionAsync(dialogue));
    }

    [Fact]
    public async Task Unknown_enum_values_are_bad_requests()
    {
        Assert.Equal(ErrorCodes.BadRequest, (await Stage(theme, (Phase)9)).Result.Error);
        Assert.Equal(ErrorCodes.BadRequest, (await Timer((TimerAction)9, 60)).Result.Error);
        Assert.Equal(ErrorCodes.BadRequest, (await h.Contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, 1, (ModerationAction)9), anna, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.BadRequest, (await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, (Anonymity)9, false, true), anna, Ct)).Result.Error);
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class FacilitationTestsOnPostgres : FacilitationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
