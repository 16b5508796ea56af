using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Engine;

public class ContributionTests : HarnessTests
{
    [Fact]
    public async Task A_participant_posts_to_the_open_theme_and_the_event_names_author_and_organisation()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna de Vries");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var theme = await h.FirstThemeAsync(dialogue);
        var piet = await h.JoinAsync(dialogue, "Piet Jansen", "Aa en Hunze");
        var before = await h.VersionAsync(dialogue);

        var outcome = await h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "  Te weinig capaciteit\r\nbij de GGD  "), piet, Ct);

        Assert.True(outcome.Result.Ok);
        Assert.Equal(before + 1, outcome.Result.Version);
        Assert.Equal(before + 1, await h.VersionAsync(dialogue));
        var broadcast = outcome.Broadcast!;
        Assert.Equal(outcome.Result.Version, broadcast.Version);
        var posted = Assert.Single(broadcast.Room.Contributions!);
        Assert.Equal(outcome.Result.EntityId, posted.Id);
        Assert.Equal("Te weinig capaciteit\nbij de GGD", posted.Text);
        Assert.Equal("Piet Jansen", posted.AuthorName);
        Assert.Equal("Aa en Hunze", posted.Organisation);
        Assert.Equal(ContributionKind.Bottleneck, posted.Kind);
        Assert.Equal(ContributionStatus.Visible, posted.Status);
        Assert.Equal(posted, Assert.Single(broadcast.Facilitators.Contributions!));
    }

    [Fact]
    public async Task A_facilitator_may_post_and_appears_as_the_inspectorate()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna de Vries");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var outcome = await h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), dialogue, await h.FirstThemeAsync(dialogue), ContributionKind.Question, "Wie herkent dit?"), facilitator, Ct);

        var posted = Assert.Single(outcome.Broadcast!.Room.Contributions!);
        Assert.Equal("Anna de Vries", posted.AuthorName);
        Assert.Equal("Inspectie van het Onderwijs", posted.Organisation);
    }

    public static TheoryData<string?, string> BadTexts => new()
    {
        { null, ErrorCodes.TextEmpty },
        { "", ErrorCodes.TextEmpty },
        { "   \n\t  ", ErrorCodes.TextEmpty },
        { new string('x', HubContract.MaxContributionLength + 1), ErrorCodes.TextTooLong },
    };

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task Bad_text_is_refused_with_its_code_and_changes_nothing(string? text, string expected)
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var before = await h.VersionAsync(dialogue);

        var outcome = await h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), dialogue, await h.FirstThemeAsync(dialogue), ContributionKind.SuccessFactor, text!), piet, Ct);

        Assert.False(outcome.Result.Ok);
        Assert.Equal(expected, outcome.Result.Error);
        Assert.Null(outcome.Broadcast);
        Assert.Equal(0, await h.ContributionCountAsync(dialogue));
        Assert.Equal(before, await h.VersionAsync(dialogue));
    }

    [Fact]
    public async Task The_longest_allowed_text_is_accepted()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var outcome = await h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), dialogue, await h.FirstThemeAsync(dialogue), ContributionKind.SuccessFactor, new string('x', HubContract.MaxContributionLength)), piet, Ct);
        Assert.True(outcome.Result.Ok);
    }

    [Fact]
    public async Task A_refused_command_is_not_remembered_and_the_same_id_is_evaluated_afresh()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var theme = await h.FirstThemeAsync(dialogue);
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var id = Guid.NewGuid();
        var post = new PostContribution(id, dialogue, theme, ContributionKind.Question, "Mag ik nu?");
        await h.Room.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), dialogue, true), facilitator, Ct);

        var refused = await h.Contributions.PostContributionAsync(post, piet, Ct);
        await h.Room.SetInputLockedAsync(new SetInputLocked(Guid.NewGuid(), dialogue, false), facilitator, Ct);
        var resent = await h.Contributions.PostContributionAsync(post, piet, Ct);
        var replayed = await h.Contributions.PostContributionAsync(post, piet, Ct);

        Assert.Equal(ErrorCodes.PhaseClosed, refused.Result.Error);
        Assert.True(resent.Result.Ok, resent.Result.Error);
        Assert.Equal(resent.Result, replayed.Result); // Committed, so from now on remembered: the same answer, no second post.
        Assert.Null(replayed.Broadcast);
        Assert.Equal(1, await h.ContributionCountAsync(dialogue));
    }

    [Fact]
    public async Task Malformed_commands_are_bad_requests()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var theme = await h.FirstThemeAsync(dialogue);
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");

        var emptyId = await h.Contributions.PostContributionAsync(new PostContribution(Guid.Empty, dialogue, theme, ContributionKind.Question, "Vraag"), piet, Ct);
        var unknownKind = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, (ContributionKind)42, "Vraag"), piet, Ct);

        Assert.All([emptyId, unknownKind], o => Assert.Equal(ErrorCodes.BadRequest, o.Result.Error));
        Assert.Equal(0, await h.ContributionCountAsync(dialogue));
    }

    [Fact]
    public async Task Posting_to_a_draft_or_a_closed_dialogue_is_refused()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var draft = await h.CreateDialogueAsync(facilitator);
        var draftPost = await h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), draft, await h.FirstThemeAsync(draft), ContributionKind.Question, "Al open?"), facilitator, Ct);

        var open = await h.CreateOpenDialogueAsync(facilitator);
        var piet = await h.JoinAsync(open, "Piet", "Zwolle");
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), open), facilitator, Ct);
        var closedPost = await h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), open, await h.FirstThemeAsync(open), ContributionKind.Question, "Nog iets"), piet, Ct);

        Assert.Equal(ErrorCodes.DialogueNotOpen, draftPost.Result.Error);
        Assert.Equal(ErrorCodes.DialogueClosed, closedPost.Result.Error);
        Assert.Equal(0, await h.ContributionCountAsync(draft) + await h.ContributionCountAsync(open));
    }

    [Fact]
    public async Task A_participant_cannot_post_in_another_dialogue_or_to_another_dialogues_theme()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var first = await h.CreateOpenDialogueAsync(facilitator);
        var second = await h.CreateOpenDialogueAsync(facilitator);
        var piet = await h.JoinAsync(first, "Piet", "Zwolle");

        var otherDialogue = await h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), second, await h.FirstThemeAsync(second), ContributionKind.Question, "Hallo"), piet, Ct);
        var otherTheme = await h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), first, await h.FirstThemeAsync(second), ContributionKind.Question, "Hallo"), piet, Ct);

        Assert.Equal(ErrorCodes.NotFound, otherDialogue.Result.Error);
        Assert.Equal(ErrorCodes.NotFound, otherTheme.Result.Error);
        Assert.Equal(0, await h.ContributionCountAsync(first) + await h.ContributionCountAsync(second));
    }

    [Fact]
    public async Task A_replayed_command_answers_the_same_and_stores_nothing_twice()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var command = new PostContribution(Guid.NewGuid(), dialogue, await h.FirstThemeAsync(dialogue), ContributionKind.SuccessFactor, "Vaste contactpersoon");

        var first = await h.Contributions.PostContributionAsync(command, piet, Ct);
        var replay = await h.Contributions.PostContributionAsync(command, piet, Ct);

        Assert.True(replay.Result.Ok);
        Assert.Equal(first.Result.Version, replay.Result.Version);
        Assert.Equal(first.Result.EntityId, replay.Result.EntityId);
        Assert.Null(replay.Broadcast);
        Assert.Equal(1, await h.ContributionCountAsync(dialogue));
        Assert.Equal(first.Result.Version, await h.VersionAsync(dialogue));
    }

    [Fact]
    public async Task A_command_id_reused_by_someone_else_is_refused()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var theme = await h.FirstThemeAsync(dialogue);
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        var kees = await h.JoinAsync(dialogue, "Kees", "Aalten");
        var id = Guid.NewGuid();

        await h.Contributions.PostContributionAsync(new PostContribution(id, dialogue, theme, ContributionKind.SuccessFactor, "Eerste"), piet, Ct);
        var stolen = await h.Contributions.PostContributionAsync(new PostContribution(id, dialogue, theme, ContributionKind.SuccessFactor, "Tweede"), kees, Ct);

        Assert.Equal(ErrorCodes.DuplicateCommand, stolen.Result.Error);
        Assert.Equal(1, await h.ContributionCountAsync(dialogue));
    }

    [Fact]
    public async Task Many_concurrent_posts_are_all_stored_with_distinct_consecutive_versions()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var theme = await h.FirstThemeAsync(dialogue);
        var participants = new List<Actor>();
        for (var i = 0; i < 10; i++)
        {
            participants.Add(await h.JoinAsync(dialogue, $"Deelnemer {i}", "Zwolle"));
        }

        var start = await h.VersionAsync(dialogue);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => h.Contributions.PostContributionAsync(
            new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.SuccessFactor, $"Bijdrage {i}"), participants[i % participants.Count], Ct))));

        Assert.All(outcomes, o => Assert.True(o.Result.Ok, o.Result.Error));
        Assert.Equal(Enumerable.Range(1, 60).Select(i => start + i), outcomes.Select(o => o.Result.Version).Order());
        Assert.Equal(60, await h.ContributionCountAsync(dialogue));
    }

    [Fact]
    public async Task The_snapshot_holds_every_contribution_in_posting_order_with_the_current_version()
    {
        var facilitator = await h.AddFacilitatorAsync("Anna");
        var dialogue = await h.CreateOpenDialogueAsync(facilitator);
        var theme = await h.FirstThemeAsync(dialogue);
        var piet = await h.JoinAsync(dialogue, "Piet", "Zwolle");
        foreach (var text in new[] { "een", "twee", "drie" })
        {
            await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, text), piet, Ct);
        }

        var snapshot = await h.Room.SnapshotAsync(dialogue, piet, null, Ct);

        Assert.True(snapshot.Ok);
        Assert.Equal(["een", "twee", "drie"], snapshot.Snapshot!.Contributions.Select(c => c.Text));
        Assert.Equal(await h.VersionAsync(dialogue), snapshot.Snapshot.Version);
        Assert.Equal(new ViewerInfo(piet.ParticipantId, "Piet", "Zwolle", RoomRole.Participant), snapshot.Snapshot.You);
        Assert.All(snapshot.Snapshot.Contributions, c => Assert.True(c.Mine));
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class ContributionTestsOnPostgres : ContributionTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
