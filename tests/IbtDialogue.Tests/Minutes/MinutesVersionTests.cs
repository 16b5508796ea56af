using IbtDialogue.Accounts;
using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Minutes;

public sealed class MinutesVersionTests() : OpenRoomTests("Handhaving", "Handhaving bij overtredingen", "LRK", facilitatorName: "Anna de Vries", pietName: "Piet Jansen")
{
    private Actor bert = default!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        bert = await h.AddFacilitatorAsync("Bert Bakker");
        await h.QueryAsync(async db =>
        {
            db.DialogueFacilitators.Add(new Dialogues.DialogueFacilitator { DialogueId = dialogue, UserId = bert.UserId! });
            return await db.SaveChangesAsync();
        });
    }

    private async Task<int> PostAsync(Actor who, string text) =>
        (await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, text), who, Ct)).Result.EntityId!.Value;

    [Fact]
    public async Task A_draft_can_be_composed_while_the_dialogue_runs_and_closing_adds_the_final_version()
    {
        await PostAsync(piet, "Eerste knelpunt");
        var draft = await h.Minutes.ComposeDraftAsync(dialogue, anna.UserId!, Ct);
        Assert.Equal((SaveOutcome.Saved, 1), (draft.Outcome, draft.Number));
        Assert.Contains("Dit is een concept: de dialoog loopt nog.", (await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown, StringComparison.Ordinal);

        await PostAsync(piet, "Tweede knelpunt");
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);

        var versions = await h.Minutes.VersionsAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct);
        Assert.Equal([2, 1], versions!.Select(v => v.Number));
        var final = (await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown;
        Assert.Contains("Tweede knelpunt", final, StringComparison.Ordinal);
        Assert.DoesNotContain("Dit is een concept", final, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_save_is_a_new_version_with_its_author_and_earlier_ones_can_be_restored()
    {
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        var edited = await h.Minutes.SaveAsync(dialogue, 1, "# Handhaving\r\n\r\nBewerkt door Anna.", anna.UserId!, Ct);
        var restored = await h.Minutes.RestoreAsync(dialogue, 1, bert.UserId!, Ct);

        Assert.Equal((SaveOutcome.Saved, 2), (edited.Outcome, edited.Number));
        Assert.Equal((SaveOutcome.Saved, 3), (restored.Outcome, restored.Number));
        var versions = await h.Minutes.VersionsAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct);
        Assert.Equal(
            [(3, "Bert Bakker", MinutesSource.Restored, (int?)1), (2, "Anna de Vries", MinutesSource.Edited, null), (1, (string?)null, MinutesSource.Composed, null)],
            versions!.Select(v => (v.Number, v.AuthorName, v.Source, v.RestoredFrom)));
        Assert.Equal("# Handhaving\n\nBewerkt door Anna.", (await h.Minutes.VersionAsync(dialogue, 2, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown);
        Assert.Equal((await h.Minutes.VersionAsync(dialogue, 1, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown, (await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime, (await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.CreatedAt);
    }

    [Fact]
    public async Task Two_facilitators_editing_at_once_do_not_overwrite_each_other()
    {
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);

        // Both opened version 1; Anna saves first.
        var annaSaves = await h.Minutes.SaveAsync(dialogue, 1, "Tekst van Anna", anna.UserId!, Ct);
        var bertSaves = await h.Minutes.SaveAsync(dialogue, 1, "Tekst van Bert", bert.UserId!, Ct);

        Assert.Equal(SaveOutcome.Saved, annaSaves.Outcome);
        Assert.Equal(SaveOutcome.Conflict, bertSaves.Outcome);
        Assert.Equal((2, "Tekst van Anna", "Anna de Vries"), (bertSaves.Latest!.Number, bertSaves.Latest.Markdown, bertSaves.Latest.AuthorName));
        Assert.Equal("Tekst van Anna", (await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown);

        // Having seen Anna's version, Bert saves again on top of it: a deliberate choice, and Anna's stays in the history.
        var again = await h.Minutes.SaveAsync(dialogue, bertSaves.Latest.Number, "Tekst van Bert, na Anna", bert.UserId!, Ct);
        Assert.Equal((SaveOutcome.Saved, 3), (again.Outcome, again.Number));
        Assert.Equal(3, (await h.Minutes.VersionsAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.Count);
    }

    [Fact]
    public async Task Concurrent_saves_from_the_same_version_let_exactly_one_win()
    {
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => h.Minutes.SaveAsync(dialogue, 1, $"Versie {i}", i % 2 == 0 ? anna.UserId! : bert.UserId!, Ct))));
        Assert.Single(results, r => r.Outcome == SaveOutcome.Saved);
        Assert.Equal(7, results.Count(r => r.Outcome == SaveOutcome.Conflict));
        Assert.Equal(2, await h.QueryAsync(db => db.MinutesVersions.CountAsync()));
    }

    [Fact]
    public async Task Empty_or_foreign_saves_are_refused_and_store_nothing()
    {
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var stranger = await h.AddFacilitatorAsync("Carla");

        Assert.Equal(SaveOutcome.Invalid, (await h.Minutes.SaveAsync(dialogue, 1, "  \n ", anna.UserId!, Ct)).Outcome);
        Assert.Equal(SaveOutcome.Invalid, (await h.Minutes.SaveAsync(dialogue, 1, new string('x', MinutesService.MaxLength + 1), anna.UserId!, Ct)).Outcome);
        Assert.Equal(SaveOutcome.NotFound, (await h.Minutes.SaveAsync(dialogue, 1, "Van een ander", stranger.UserId!, Ct)).Outcome);
        Assert.Null(await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(stranger.UserId!), Ct));
        Assert.Equal(1, await h.QueryAsync(db => db.MinutesVersions.CountAsync()));
    }

    [Fact]
    public async Task Hidden_withdrawn_and_pending_items_stay_out_and_a_merged_pair_appears_once()
    {
        var hidden = await PostAsync(piet, "Verborgen door moderator");
        await h.Contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, hidden, ModerationAction.Hide), anna, Ct);
        var withdrawn = await PostAsync(piet, "Ingetrokken door Piet");
        await h.Contributions.WithdrawContributionAsync(new ContributionCommand(Guid.NewGuid(), dialogue, withdrawn), piet, Ct);
        var keep = await PostAsync(piet, "Te weinig capaciteit");
        var duplicate = await PostAsync(kees, "Capaciteit schiet tekort");
        await h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, duplicate), piet, Ct);
        await h.Contributions.MergeAsync(new MergeContributions(Guid.NewGuid(), dialogue, duplicate, keep), anna, Ct);
        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Named, true, true), anna, Ct);
        await PostAsync(kees, "Wacht op goedkeuring");

        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var markdown = (await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown;

        Assert.DoesNotContain("Verborgen door moderator", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Ingetrokken", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Capaciteit schiet tekort", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Wacht op goedkeuring", markdown, StringComparison.Ordinal);
        Assert.Contains("- Te weinig capaciteit (+1) — Piet Jansen (Zwolle)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_freezes_an_open_vote_and_the_minutes_carry_its_results()
    {
        var risk = (await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, theme, null, "Handhaving blijft uit", null), anna, Ct)).Result.EntityId!.Value;
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.RiskWeighing), anna, Ct);
        await h.Voting.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, theme, VoteMethod.Dots, 5, 3), anna, Ct);
        await h.Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, theme, risk, 3), piet, Ct);

        var closed = await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);

        Assert.Equal(VoteState.Closed, closed.Broadcast!.Room.Votings!.Single().State);
        Assert.Contains("| 1 | Handhaving blijft uit | 3 | 1 |", (await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown, StringComparison.Ordinal);
    }
}
