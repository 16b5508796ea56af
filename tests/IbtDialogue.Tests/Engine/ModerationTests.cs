using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Engine;

/// <summary>What people do with contributions (edit, withdraw, +1) and what moderators do (hide, approve, merge, edit).</summary>
public class ModerationTests() : OpenRoomTests("Kinderopvang", "Handhaving", "LRK op orde")
{
    private async Task<int> PostAsync(Actor by, string text)
    {
        var outcome = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, text), by, Ct);
        Assert.True(outcome.Result.Ok, outcome.Result.Error);
        return outcome.Result.EntityId!.Value;
    }

    private Task<CommandReply> Moderate(int item, ModerationAction action, Actor? by = null) =>
        h.Contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, item, action), by ?? anna, Ct);

    private Task<CommandReply> React(int item, Actor by) => h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, item), by, Ct);

    private Task<CommandReply> Edit(int item, Actor by, string text) => h.Contributions.EditContributionAsync(new EditContribution(Guid.NewGuid(), dialogue, item, text), by, Ct);

    private async Task<RoomSnapshot> SnapshotAsync(Actor who) => (await h.Room.SnapshotAsync(dialogue, who, null, Ct)).Snapshot!;

    [Fact]
    public async Task Authors_edit_their_own_text_and_the_earlier_text_is_kept()
    {
        var item = await PostAsync(piet, "Eerste versie");

        var edited = await Edit(item, piet, "Tweede versie");

        var view = Assert.Single(edited.Broadcast!.Room.Contributions!);
        Assert.Equal(("Tweede versie", true), (view.Text, view.Edited));
        var revision = await h.QueryAsync(db => db.ContributionRevisions.SingleAsync());
        Assert.Equal(("Eerste versie", piet.Key), (revision.PreviousText, revision.EditedBy));
        Assert.Empty(await h.QueryAsync(db => db.ModerationRecords.ToListAsync())); // An author's own edit is no moderation.
    }

    [Fact]
    public async Task Nobody_edits_or_withdraws_someone_elses_contribution_except_a_moderator_who_edits()
    {
        var item = await PostAsync(piet, "Van Piet");

        Assert.Equal(ErrorCodes.NotYours, (await Edit(item, kees, "Van Kees")).Result.Error);
        Assert.Equal(ErrorCodes.NotYours, (await h.Contributions.WithdrawContributionAsync(new ContributionCommand(Guid.NewGuid(), dialogue, item), kees, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.NotYours, (await h.Contributions.WithdrawContributionAsync(new ContributionCommand(Guid.NewGuid(), dialogue, item), anna, Ct)).Result.Error);

        var moderated = await Edit(item, anna, "Van Piet, taalfout hersteld");
        Assert.True(moderated.Result.Ok);
        var record = await h.QueryAsync(db => db.ModerationRecords.SingleAsync());
        Assert.Equal(("edit", anna.UserId, "Van Piet", h.Clock.GetUtcNow().UtcDateTime), (record.Action, record.UserId, record.Detail, record.At));
    }

    [Fact]
    public async Task Own_changes_end_when_the_phase_is_locked_or_left_but_moderators_can_still_edit()
    {
        var item = await PostAsync(piet, "Eerst");
        await h.Room.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), dialogue, true), anna, Ct);
        Assert.Equal(ErrorCodes.PhaseClosed, (await Edit(item, piet, "Later")).Result.Error);
        Assert.Equal(ErrorCodes.PhaseClosed, (await h.Contributions.WithdrawContributionAsync(new ContributionCommand(Guid.NewGuid(), dialogue, item), piet, Ct)).Result.Error);

        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Agreements), anna, Ct);
        Assert.Equal(ErrorCodes.PhaseClosed, (await Edit(item, piet, "Later")).Result.Error);
        Assert.True((await Edit(item, anna, "Door moderator")).Result.Ok);
    }

    [Fact]
    public async Task A_withdrawn_contribution_disappears_for_everyone_and_cannot_be_used_again()
    {
        var item = await PostAsync(piet, "Toch niet");

        var withdrawn = await h.Contributions.WithdrawContributionAsync(new ContributionCommand(Guid.NewGuid(), dialogue, item), piet, Ct);

        Assert.Equal([item], withdrawn.Broadcast!.Room.RemovedContributions);
        Assert.Equal([item], withdrawn.Broadcast.Facilitators.RemovedContributions);
        Assert.DoesNotContain(await SnapshotAsync(anna) is var s ? s.Contributions : [], c => c.Id == item);
        Assert.Equal(ErrorCodes.ItemUnavailable, (await Edit(item, piet, "Terug")).Result.Error);
        Assert.Equal(ErrorCodes.ItemUnavailable, (await React(item, kees)).Result.Error);
        Assert.Equal(ErrorCodes.ItemUnavailable, (await Moderate(item, ModerationAction.Show)).Result.Error);
    }

    [Fact]
    public async Task A_plus_one_counts_once_per_person_and_can_be_taken_back()
    {
        var item = await PostAsync(piet, "Goed punt");

        var first = await React(item, kees);
        var twice = await React(item, kees);
        await React(item, piet);
        await React(item, anna);

        Assert.Equal(1, Assert.Single(first.Broadcast!.Room.Contributions!).Reactions);
        Assert.Equal(ErrorCodes.AlreadyReacted, twice.Result.Error);
        Assert.Equal(3, (await SnapshotAsync(kees)).Contributions.Single().Reactions);
        Assert.True((await SnapshotAsync(kees)).Contributions.Single().ReactedByMe);

        var back = await h.Contributions.UnreactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, item), kees, Ct);
        var backAgain = await h.Contributions.UnreactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, item), kees, Ct);
        Assert.Equal(2, Assert.Single(back.Broadcast!.Room.Contributions!).Reactions);
        Assert.Equal(ErrorCodes.NotReacted, backAgain.Result.Error);
        Assert.False((await SnapshotAsync(kees)).Contributions.Single().ReactedByMe);
    }

    [Fact]
    public async Task Hiding_removes_a_contribution_from_the_room_but_not_from_the_facilitators_and_is_recorded()
    {
        var item = await PostAsync(piet, "Ongepast");

        var hidden = await Moderate(item, ModerationAction.Hide);

        Assert.Equal([item], hidden.Broadcast!.Room.RemovedContributions);
        Assert.Equal(ContributionStatus.Hidden, Assert.Single(hidden.Broadcast.Facilitators.Contributions!).Status);
        Assert.Empty((await SnapshotAsync(kees)).Contributions);
        Assert.Empty((await SnapshotAsync(piet)).Contributions); // Also the author does not see it any more.
        Assert.Equal(ErrorCodes.ItemUnavailable, (await React(item, kees)).Result.Error);
        Assert.Equal(ErrorCodes.ItemUnavailable, (await Edit(item, piet, "Anders")).Result.Error);

        var shown = await Moderate(item, ModerationAction.Show);
        Assert.Equal(ContributionStatus.Visible, Assert.Single(shown.Broadcast!.Room.Contributions!).Status);
        Assert.Equal(["hide", "show"], await h.QueryAsync(db => db.ModerationRecords.OrderBy(m => m.Id).Select(m => m.Action).ToListAsync()));
        Assert.Equal(ErrorCodes.Forbidden, (await Moderate(item, ModerationAction.Hide, kees)).Result.Error);
    }

    [Fact]
    public async Task With_approve_before_show_a_contribution_waits_for_a_moderator()
    {
        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Named, true, true), anna, Ct);

        var posted = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Mag dit?"), piet, Ct);
        var item = posted.Result.EntityId!.Value;

        Assert.Null(posted.Broadcast!.Room.Contributions); // Nothing for the room to see,
        Assert.Equal(posted.Result.Version, posted.Broadcast.Version); // but the version moves on for everyone.
        Assert.Equal(ContributionStatus.Pending, Assert.Single(posted.Broadcast.Facilitators.Contributions!).Status);
        Assert.Empty((await SnapshotAsync(kees)).Contributions);
        Assert.Equal(ContributionStatus.Pending, Assert.Single((await SnapshotAsync(piet)).Contributions).Status); // The author sees it waiting.

        var approved = await Moderate(item, ModerationAction.Approve);
        Assert.Equal("Mag dit?", Assert.Single(approved.Broadcast!.Room.Contributions!).Text);

        var facilitatorPost = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Van de inspectie"), anna, Ct);
        Assert.Equal(ContributionStatus.Visible, Assert.Single(facilitatorPost.Broadcast!.Room.Contributions!).Status);

        var rejectedItem = (await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Nee"), kees, Ct)).Result.EntityId!.Value;
        var rejected = await Moderate(rejectedItem, ModerationAction.Reject);
        Assert.Equal(ContributionStatus.Hidden, Assert.Single(rejected.Broadcast!.Facilitators.Contributions!).Status);
    }

    [Fact]
    public async Task Merging_duplicates_keeps_one_item_and_adds_up_the_plus_ones_once_per_person()
    {
        var original = await PostAsync(piet, "Te weinig capaciteit");
        var duplicate = await PostAsync(kees, "Te weinig capaciteit bij de GGD");
        var ggd = await h.JoinAsync(dialogue, "Fatima", "GGD Drenthe");
        await React(original, kees);
        await React(duplicate, piet);
        await React(duplicate, kees); // Kees +1'd both: counts once after the merge.
        await React(duplicate, ggd);

        var merged = await h.Contributions.MergeAsync(new MergeContributions(Guid.NewGuid(), dialogue, duplicate, original), anna, Ct);

        Assert.Equal([duplicate], merged.Broadcast!.Room.RemovedContributions);
        Assert.Equal(3, Assert.Single(merged.Broadcast.Room.Contributions!).Reactions);
        var snapshot = await SnapshotAsync(kees);
        Assert.Equal(original, Assert.Single(snapshot.Contributions).Id);
        Assert.Equal(ErrorCodes.ItemUnavailable, (await React(duplicate, ggd)).Result.Error);
        Assert.Equal(ErrorCodes.ItemUnavailable, (await h.Contributions.MergeAsync(new MergeContributions(Guid.NewGuid(), dialogue, duplicate, original), anna, Ct)).Result.Error);
        Assert.Equal(("merge", original.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await h.QueryAsync(db => db.ModerationRecords.Select(m => new ValueTuple<string, string?>(m.Action, m.Detail)).SingleAsync()));
    }

    [Fact]
    public async Task Merging_needs_two_different_contributions_of_one_theme()
    {
        var item = await PostAsync(piet, "Hier");
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, await h.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue && t.Position == 2).Select(t => t.Id).SingleAsync()), Phase.Sharing), anna, Ct);
        var elsewhere = (await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, (await SnapshotAsync(anna)).Stage.ThemeId!.Value, ContributionKind.Question, "Daar"), piet, Ct)).Result.EntityId!.Value;

        Assert.Equal(ErrorCodes.InvalidMerge, (await h.Contributions.MergeAsync(new MergeContributions(Guid.NewGuid(), dialogue, item, item), anna, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.InvalidMerge, (await h.Contributions.MergeAsync(new MergeContributions(Guid.NewGuid(), dialogue, item, elsewhere), anna, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.Forbidden, (await h.Contributions.MergeAsync(new MergeContributions(Guid.NewGuid(), dialogue, item, elsewhere), piet, Ct)).Result.Error);
    }

    [Theory]
    [InlineData(Anonymity.OrganisationOnly, null, "Zwolle")]
    [InlineData(Anonymity.Anonymous, null, null)]
    [InlineData(Anonymity.Named, "Piet", "Zwolle")]
    public async Task The_anonymity_a_contribution_was_posted_under_decides_what_everyone_sees_of_its_author(Anonymity anonymity, string? name, string? organisation)
    {
        var changed = await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, anonymity, false, true), anna, Ct);
        Assert.Null(changed.Broadcast?.Room.Contributions); // a new setting re-sends no contribution: it is for what comes
        await PostAsync(piet, "Iets gevoeligs");

        var seen = Assert.Single((await SnapshotAsync(kees)).Contributions);
        Assert.Equal((name, organisation), (seen.AuthorName, seen.Organisation));
        var byFacilitator = Assert.Single((await SnapshotAsync(anna)).Contributions);
        Assert.Equal((name, organisation), (byFacilitator.AuthorName, byFacilitator.Organisation)); // facilitators too

        // Switching back to named later reveals nothing of what was said before.
        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Named, false, true), anna, Ct);
        Assert.Equal((name, organisation), (Assert.Single((await SnapshotAsync(anna)).Contributions).AuthorName, Assert.Single((await SnapshotAsync(anna)).Contributions).Organisation));

        var fromInspectorate = (await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Vraag van de inspectie"), anna, Ct)).Broadcast!.Room.Contributions!.Single();
        Assert.Equal("Anna", fromInspectorate.AuthorName); // Inspectors always speak under their own name.
    }

    [Fact]
    public async Task The_agenda_changes_without_losing_anything_said()
    {
        var themes = await h.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).OrderBy(t => t.Position).Select(t => t.Id).ToListAsync());
        await PostAsync(piet, "Bij thema 1");

        var added = await h.Room.SaveThemeAsync(new SaveTheme(Guid.NewGuid(), dialogue, null, "Gastouderopvang", "Gastouders worden geïnspecteerd."), anna, Ct);
        var renamed = await h.Room.SaveThemeAsync(new SaveTheme(Guid.NewGuid(), dialogue, themes[1], "Het LRK op orde", "Het register klopt."), anna, Ct);
        var moved = await h.Room.MoveThemeAsync(new MoveTheme(Guid.NewGuid(), dialogue, added.Result.EntityId!.Value, 1), anna, Ct);

        Assert.Equal(["Gastouderopvang", "Handhaving", "Het LRK op orde"], moved.Broadcast!.Room.Themes!.Select(t => t.Title));
        Assert.Equal([1, 2, 3], moved.Broadcast.Room.Themes!.Select(t => t.Position));
        Assert.Equal("Het register klopt.", renamed.Broadcast!.Room.Themes!.Single(t => t.Id == themes[1]).Goal);

        Assert.Equal(ErrorCodes.ThemeInUse, (await h.Room.RemoveThemeAsync(new ThemeCommand(Guid.NewGuid(), dialogue, themes[0]), anna, Ct)).Result.Error);
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, themes[1], Phase.Sharing), anna, Ct);
        Assert.Equal(ErrorCodes.ThemeHasContent, (await h.Room.RemoveThemeAsync(new ThemeCommand(Guid.NewGuid(), dialogue, themes[0]), anna, Ct)).Result.Error);
        var removed = await h.Room.RemoveThemeAsync(new ThemeCommand(Guid.NewGuid(), dialogue, added.Result.EntityId!.Value), anna, Ct);
        Assert.Equal(["Handhaving", "Het LRK op orde"], removed.Broadcast!.Room.Themes!.Select(t => t.Title));
        Assert.Equal([1, 2], removed.Broadcast.Room.Themes!.Select(t => t.Position));

        Assert.Equal(ErrorCodes.TextEmpty, (await h.Room.SaveThemeAsync(new SaveTheme(Guid.NewGuid(), dialogue, null, "  ", null), anna, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.BadRequest, (await h.Room.MoveThemeAsync(new MoveTheme(Guid.NewGuid(), dialogue, themes[0], 9), anna, Ct)).Result.Error);
    }

    [Fact]
    public async Task The_last_theme_stays_on_the_agenda()
    {
        var single = await h.CreateDialogueAsync(anna, "Klein", "Enige thema");
        var only = await h.FirstThemeAsync(single);
        Assert.Equal(ErrorCodes.AgendaEmpty, (await h.Room.RemoveThemeAsync(new ThemeCommand(Guid.NewGuid(), single, only), anna, Ct)).Result.Error);
    }

    [Fact]
    public async Task Agreements_are_recorded_changed_and_removed_by_facilitators()
    {
        var saved = await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Handhavingsbeleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 6, 1)), anna, Ct);
        var id = saved.Result.EntityId!.Value;
        Assert.Equal(new AgreementView(id, theme, "Handhavingsbeleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 6, 1)), Assert.Single(saved.Broadcast!.Room.Agreements!));

        var changed = await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, id, theme, "Beleid actualiseren en vaststellen", null, null), anna, Ct);
        Assert.Equal(new AgreementView(id, theme, "Beleid actualiseren en vaststellen", null, null), Assert.Single(changed.Broadcast!.Room.Agreements!));

        Assert.Equal(ErrorCodes.TextEmpty, (await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, " ", null, null), anna, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.BadRequest, (await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "x", null, new DateOnly(1, 1, 1)), anna, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.NotFound, (await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, -1, "x", null, null), anna, Ct)).Result.Error);

        var removed = await h.Agreements.RemoveAgreementAsync(new AgreementCommand(Guid.NewGuid(), dialogue, id), anna, Ct);
        Assert.Equal([id], removed.Broadcast!.Room.RemovedAgreements);
        Assert.Empty((await SnapshotAsync(piet)).Agreements);
    }

    [Fact]
    public async Task Observers_follow_but_cannot_take_part_and_are_counted_apart()
    {
        var code = await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode).SingleAsync());
        var joined = await h.Joining.JoinAsync(new Participants.JoinRequest(code, "Ambtenaar OCW", "", "Ministerie van OCW", AsObserver: true), Ct);
        Assert.True(joined.Ok);
        var observerId = await h.QueryAsync(db => db.Participants.Where(p => p.DisplayName == "Ambtenaar OCW").Select(p => p.Id).SingleAsync());
        var observer = new Actor(null, observerId, dialogue);
        var item = await PostAsync(piet, "Bijdrage");

        Assert.Equal(ErrorCodes.Forbidden, (await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Mag ik?"), observer, Ct)).Result.Error);
        Assert.Equal(ErrorCodes.Forbidden, (await React(item, observer)).Result.Error);

        await h.Room.EnterAsync(dialogue, observer, "obs", false, Ct);
        await h.Room.EnterAsync(dialogue, piet, "p1", false, Ct);
        var entered = (await SnapshotAsync(piet)).Presence;
        Assert.Equal((1, 1), (entered.Participants, entered.Observers));
        Assert.Equal(RoomRole.Observer, (await SnapshotAsync(observer)).You.Role);

        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Named, false, false), anna, Ct);
        var refused = await h.Joining.JoinAsync(new Participants.JoinRequest(code, "Nog iemand", "", "VNG", AsObserver: true), Ct);
        Assert.Equal(Participants.JoinError.ObserversNotAllowed, Assert.Single(refused.Errors));
    }

    [Fact]
    public async Task The_projector_sees_what_the_room_sees()
    {
        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.OrganisationOnly, true, true), anna, Ct);
        await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Wacht"), piet, Ct);
        var visible = await PostAsync(anna, "Zichtbaar");

        var (entered, presenceChanged, _, _) = await h.Room.EnterAsync(dialogue, anna, "projector", true, Ct);
        var result = await h.Room.SnapshotAsync(dialogue, anna, "projector", Ct);

        Assert.True(entered.Ok);
        Assert.False(presenceChanged); // Not a person: presence does not change.
        Assert.Equal(RoomRole.Presenter, result.Snapshot!.You.Role);
        Assert.Equal([visible], result.Snapshot.Contributions.Select(c => c.Id));
        Assert.Equal(ErrorCodes.NotFound, (await h.Room.EnterAsync(dialogue, piet, "p", true, Ct)).Result.Error);
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class ModerationTestsOnPostgres : ModerationTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
