using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Engine;

public class GoodPracticeTests() : OpenRoomTests("LEA", "Het overleg zelf", "Segregatie")
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), anna, Ct);
    }

    private Task<CommandReply> Save(Actor who, int? id = null, string title = "Neutrale verbinder", string? contact = null, bool consent = false, string what = "De gemeente zit het LEA-overleg voor als neutrale partij.") =>
        h.Contributions.SaveGoodPracticeAsync(new SaveGoodPractice(
            Guid.NewGuid(), dialogue, theme, id, title, what, "Schoolbesturen voelen zich gehoord.", "Zwolle", CycleStep.Do, contact, contact is null ? null : "06-12345678", consent), who, Ct);

    [Fact]
    public async Task A_good_practice_is_recorded_with_its_origin_step_and_a_consenting_contact()
    {
        var saved = await Save(piet, contact: "Fatima Bakker", consent: true);

        var view = Assert.Single(saved.Broadcast!.Room.Contributions!);
        Assert.Equal(ContributionKind.GoodPractice, view.Kind);
        Assert.Equal("De gemeente zit het LEA-overleg voor als neutrale partij.", view.Text);
        Assert.Equal(new GoodPracticeView("Neutrale verbinder", "Schoolbesturen voelen zich gehoord.", "Zwolle", CycleStep.Do, "Fatima Bakker", "06-12345678"), view.Practice);
        var stored = await h.QueryAsync(db => db.Contributions.SingleAsync());
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime, stored.ContactConsentAt);
    }

    [Fact]
    public async Task A_contact_without_consent_is_refused_and_nothing_is_stored()
    {
        Assert.Equal(ErrorCodes.ConsentRequired, (await Save(piet, contact: "Fatima Bakker", consent: false)).Result.Error);
        Assert.Equal(ErrorCodes.TextEmpty, (await Save(piet, title: " ")).Result.Error);
        Assert.Equal(ErrorCodes.TextEmpty, (await Save(piet, what: "")).Result.Error);
        Assert.Equal(0, await h.ContributionCountAsync(dialogue));
    }

    [Fact]
    public async Task Good_practices_belong_to_their_phase()
    {
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Sharing), anna, Ct);
        Assert.Equal(ErrorCodes.PhaseClosed, (await Save(piet)).Result.Error);
        Assert.Equal(ErrorCodes.BadRequest, (await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.GoodPractice, "Via de verkeerde weg"), piet, Ct)).Result.Error);
    }

    [Fact]
    public async Task Others_plus_one_and_ask_questions_under_a_good_practice()
    {
        var practice = (await Save(piet)).Result.EntityId!.Value;

        Assert.True((await h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, practice), kees, Ct)).Result.Ok);
        var question = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Hoe vaak komen jullie bijeen?", practice), kees, Ct);
        Assert.Equal(practice, Assert.Single(question.Broadcast!.Room.Contributions!).ParentId);

        var withoutParent = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Los"), kees, Ct);
        Assert.Equal(ErrorCodes.PhaseClosed, withoutParent.Result.Error); // Loose questions belong to Delen.
        var underQuestion = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Genest", question.Result.EntityId), kees, Ct);
        Assert.Equal(ErrorCodes.ItemUnavailable, underQuestion.Result.Error);
        var notAQuestion = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "Kind", practice), kees, Ct);
        Assert.Equal(ErrorCodes.BadRequest, notAQuestion.Result.Error);
    }

    [Fact]
    public async Task The_author_and_moderators_edit_a_good_practice_and_the_audit_trail_keeps_the_original()
    {
        var practice = (await Save(piet)).Result.EntityId!.Value;

        Assert.Equal(ErrorCodes.NotYours, (await Save(kees, practice, title: "Van Kees")).Result.Error);
        Assert.Equal("Beter: neutrale verbinder", Assert.Single((await Save(piet, practice, title: "Beter: neutrale verbinder")).Broadcast!.Room.Contributions!).Practice!.Title);
        Assert.True((await Save(anna, practice, title: "Neutrale verbinder (LEA)")).Result.Ok);

        Assert.Equal(2, await h.QueryAsync(db => db.ContributionRevisions.CountAsync()));
        var record = await h.QueryAsync(db => db.ModerationRecords.SingleAsync());
        Assert.Equal("edit", record.Action);
        Assert.StartsWith("Beter: neutrale verbinder", record.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merging_good_practices_moves_their_questions_and_needs_two_practices()
    {
        var keep = (await Save(piet, title: "Verbinder")).Result.EntityId!.Value;
        var duplicate = (await Save(kees, title: "Neutrale rol gemeente")).Result.EntityId!.Value;
        var question = (await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Wie zit voor?", duplicate), piet, Ct)).Result.EntityId!.Value;

        Assert.Equal(ErrorCodes.InvalidMerge, (await h.Contributions.MergeAsync(new MergeContributions(Guid.NewGuid(), dialogue, question, keep), anna, Ct)).Result.Error);
        var merged = await h.Contributions.MergeAsync(new MergeContributions(Guid.NewGuid(), dialogue, duplicate, keep), anna, Ct);

        Assert.Equal(keep, merged.Broadcast!.Room.Contributions!.Single(c => c.Id == question).ParentId);
        Assert.Equal([duplicate], merged.Broadcast.Room.RemovedContributions);
    }
}

/// <summary>The same tests on PostgreSQL (a database of their own on the test server, see <see cref="TestPostgres"/>).</summary>
public sealed class GoodPracticeTestsOnPostgres : GoodPracticeTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
