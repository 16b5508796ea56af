using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Engine;

public class DialogueLifecycleTests : HarnessTests
{
    [Fact]
    public async Task Opening_a_draft_starts_at_the_first_theme_and_announces_it()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateDialogueAsync(anna, "LEA", "Het overleg zelf", "Voorkomen van segregatie");

        var opened = await h.Room.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);

        var stage = opened.Broadcast!.Room.Stage!;
        Assert.Equal(DialogueStatus.Open, stage.Status);
        Assert.Equal(await h.FirstThemeAsync(dialogue), stage.ThemeId);
        Assert.Equal(Phase.Sharing, stage.Phase);
    }

    [Fact]
    public async Task Participants_and_strangers_cannot_run_a_dialogue()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var bert = await h.AddFacilitatorAsync("Bert");
        var dialogue = await h.CreateOpenDialogueAsync(anna);
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var before = await h.VersionAsync(dialogue);

        var byParticipant = await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), piet, Ct);
        var byOtherFacilitator = await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), bert, Ct);
        var themeByParticipant = await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, await h.FirstThemeAsync(dialogue), Phase.Agreements), piet, Ct);

        Assert.Equal(ErrorCodes.Forbidden, byParticipant.Result.Error);
        Assert.Equal(ErrorCodes.NotFound, byOtherFacilitator.Result.Error);
        Assert.Equal(ErrorCodes.Forbidden, themeByParticipant.Result.Error);
        Assert.Equal(before, await h.VersionAsync(dialogue));
        Assert.Equal(DialogueStatus.Open, await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Status).SingleAsync()));
    }

    [Fact]
    public async Task Moving_to_another_theme_needs_a_theme_of_this_dialogue()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(anna, "Kinderopvang", "Doel van de wet", "LRK op orde");
        var other = await h.CreateOpenDialogueAsync(anna);
        var second = await h.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue && t.Position == 2).Select(t => t.Id).SingleAsync());

        var moved = await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, second, Phase.Sharing), anna, Ct);
        var wrong = await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, await h.FirstThemeAsync(other), Phase.Sharing), anna, Ct);

        Assert.Equal(second, moved.Broadcast!.Room.Stage!.ThemeId);
        Assert.Equal(ErrorCodes.NotFound, wrong.Result.Error);
    }

    [Fact]
    public async Task Closing_composes_and_stores_the_minutes_once()
    {
        var anna = await h.AddFacilitatorAsync("Anna de Vries");
        var dialogue = await h.CreateOpenDialogueAsync(anna);
        var piet = await h.JoinAsync(dialogue, "Piet Jansen", "Aa en Hunze");
        await h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), dialogue, await h.FirstThemeAsync(dialogue), ContributionKind.SuccessFactor, "Vaste contactpersoon bij de GGD"), piet, Ct);

        var closed = await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var again = await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);

        Assert.Equal(DialogueStatus.Closed, closed.Broadcast!.Room.Stage!.Status);
        Assert.True(again.Result.Ok);
        Assert.Null(again.Broadcast);
        var minutes = await h.QueryAsync(db => db.MinutesVersions.Where(m => m.DialogueId == dialogue).ToListAsync());
        var stored = Assert.Single(minutes);
        Assert.Equal(1, stored.Number);
        Assert.Contains("- Vaste contactpersoon bij de GGD — Piet Jansen (Aa en Hunze)", stored.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Aa en Hunze | 1 |", stored.Markdown, StringComparison.Ordinal);
        Assert.Contains("**Facilitatoren:** Anna de Vries", stored.Markdown, StringComparison.Ordinal);
        Assert.Contains("12 maart 2026 om 14:30 uur", stored.Markdown, StringComparison.Ordinal); // 13:30 UTC is 14:30 in Amsterdam (CET).
    }

    [Fact]
    public async Task A_closed_dialogue_cannot_be_opened_again_or_moved()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(anna);
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);

        var reopen = await h.Room.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var move = await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, await h.FirstThemeAsync(dialogue), Phase.Agreements), anna, Ct);

        Assert.Equal(ErrorCodes.DialogueClosed, reopen.Result.Error);
        Assert.Equal(ErrorCodes.DialogueClosed, move.Result.Error);
    }

    [Fact]
    public async Task Presence_counts_people_per_organisation_once_however_many_tabs_they_have()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(anna);
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var kees = await h.JoinAsync(dialogue, "Kees", "Zwolle");
        var ggd = await h.JoinAsync(dialogue, "Fatima", "GGD IJsselland");

        Assert.True((await h.Room.EnterAsync(dialogue, piet, "c1", false, Ct)).PresenceChanged);
        await h.Room.EnterAsync(dialogue, piet, "c2", false, Ct); // A second tab.
        await h.Room.EnterAsync(dialogue, kees, "c3", false, Ct);
        await h.Room.EnterAsync(dialogue, anna, "c4", false, Ct);
        var projector = await h.Room.EnterAsync(dialogue, anna, "c6", true, Ct);
        await h.Room.EnterAsync(dialogue, ggd, "c5", false, Ct);

        Assert.False(projector.PresenceChanged); // The projector is not a person in the room.
        var entered = (await h.Room.SnapshotAsync(dialogue, ggd, "c5", Ct)).Snapshot!;
        Assert.Equal(5, entered.PresenceVersion); // Five people entered; the projector does not count.
        var presence = entered.Presence;
        Assert.Equal(3, presence.Participants);
        Assert.Equal(1, presence.Facilitators);
        Assert.Equal([new OrganisationPresence("Zwolle", 2), new OrganisationPresence("GGD IJsselland", 1)], presence.Organisations);

        var changed = new List<int>();
        await h.Room.LeaveAsync("c3", changed.Add, Ct);
        Assert.Equal([dialogue], changed);
        // Equal counts are listed by name.
        var room = (await h.Room.SnapshotAsync(dialogue, ggd, null, Ct)).Snapshot!.Presence;
        var facilitators = (await h.Room.SnapshotAsync(dialogue, anna, null, Ct)).Snapshot!.Presence;
        Assert.Equal([new OrganisationPresence("GGD IJsselland", 1), new OrganisationPresence("Zwolle", 1)], room.Organisations);
        var dropped = Assert.Single(facilitators.People!, p => !p.Present);
        Assert.Equal(("Kees", "Zwolle"), (dropped.DisplayName, dropped.Organisation)); // Facilitators see who dropped out,
        Assert.Null(room.People); // participants do not: they see counts per organisation.
        await h.Room.LeaveAsync("c1", changed.Add, Ct);
        var afterOneTab = (await h.Room.SnapshotAsync(dialogue, ggd, null, Ct)).Snapshot!;
        Assert.Equal(2, afterOneTab.Presence.Participants); // Piet is still in with c2.
        await h.Room.LeaveAsync("c1", changed.Add, Ct); // Leaving twice changes nothing.
        Assert.Equal([dialogue, dialogue], changed);
        Assert.Equal(7, afterOneTab.PresenceVersion);
    }

    [Fact]
    public async Task Entering_someone_elses_dialogue_is_refused_and_changes_nothing()
    {
        var anna = await h.AddFacilitatorAsync("Anna");
        var first = await h.CreateOpenDialogueAsync(anna);
        var second = await h.CreateOpenDialogueAsync(anna);
        var piet = await h.JoinAsync(first, "Piet", "Zwolle");
        var before = await h.VersionAsync(second);

        var (result, presenceChanged, _, _) = await h.Room.EnterAsync(second, piet, "c1", false, Ct);

        Assert.Equal(ErrorCodes.NotFound, result.Error);
        Assert.False(presenceChanged);
        Assert.Equal(before, await h.VersionAsync(second));
        Assert.Equal(0, await h.QueryAsync(db => db.RoomConnections.CountAsync()));
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class DialogueLifecycleTestsOnPostgres : DialogueLifecycleTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
