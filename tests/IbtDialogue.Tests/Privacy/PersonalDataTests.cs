using IbtDialogue.Persistence;
using IbtDialogue.Accounts;
using IbtDialogue.Agreements;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Participants;
using IbtDialogue.Privacy;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Privacy;

/// <summary>
/// What the Inspectie keeps of the people who took part: secret ballots once a vote is revealed, withdrawn
/// texts gone, anonymity that a later switch cannot undo, pseudonymising when the retention period passes,
/// erasure on request and deleting a dialogue — each checked against every text column of the database.
/// </summary>
public class PersonalDataTests : OpenRoomTests
{
    private const string Phone = "06-55512345";

    private PersonalData PersonalData => h.Services.GetRequiredService<PersonalData>();

    private async Task<int> PostAsync(Actor who, string text, int? onTheme = null)
    {
        var posted = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, onTheme ?? theme, ContributionKind.Bottleneck, text, null), who, Ct);
        Assert.True(posted.Result.Ok, posted.Result.Error);
        return posted.Result.EntityId!.Value;
    }

    private async Task<IReadOnlyList<int>> DotVoteAsync(params (Actor Who, int Risk, int Points)[] votes)
    {
        var risks = new List<int>();
        foreach (var title in new[] { "Handhaving blijft uit", "Inspecties niet uitgevoerd", "LRK onjuist" })
        {
            risks.Add((await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, secondTheme, null, title, null), anna, Ct)).Result.EntityId!.Value);
        }

        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, secondTheme, Phase.RiskWeighing), anna, Ct);
        await h.Voting.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, secondTheme, VoteMethod.Dots, 5, 3), anna, Ct);
        foreach (var (who, risk, points) in votes)
        {
            Assert.True((await h.Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, secondTheme, risks[risk], points), who, Ct)).Result.Ok);
        }

        await h.Voting.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), dialogue, secondTheme), anna, Ct);
        return risks;
    }

    [Fact]
    public async Task Once_revealed_a_vote_keeps_its_ballots_but_not_who_cast_them_and_the_results_do_not_change()
    {
        var risks = await DotVoteAsync((piet, 0, 3), (piet, 1, 2), (kees, 1, 3), (kees, 2, 1));
        var linked = await h.QueryAsync(db => db.Votes.Where(v => v.ThemeId == secondTheme).ToListAsync(Ct));
        Assert.All(linked, v => Assert.NotNull(v.ParticipantId)); // closed, not yet revealed: still linked
        Assert.Equal(2, linked.Select(v => v.Ballot).Distinct().Count());
        Assert.All(linked.GroupBy(v => v.ParticipantId), g => Assert.Single(g.Select(v => v.Ballot).Distinct()));

        Assert.True((await h.Voting.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, secondTheme), anna, Ct)).Result.Ok);

        var sealedVotes = await h.QueryAsync(db => db.Votes.Where(v => v.ThemeId == secondTheme).ToListAsync(Ct));
        Assert.All(sealedVotes, v => Assert.Null(v.ParticipantId));
        Assert.Empty(sealedVotes.Select(v => v.Id).Intersect(linked.Select(v => v.Id))); // new rows: no order to read
        Assert.Single(sealedVotes.Select(v => v.CastAt).Distinct());
        Assert.Equal(
            linked.Select(v => (v.RiskId, v.Ballot, v.Points, v.Municipality)).Order(),
            sealedVotes.Select(v => (v.RiskId, v.Ballot, v.Points, v.Municipality)).Order());

        // The results, worked out by hand: risk 2 has 5 points from 2 voters, risk 1 has 3, risk 3 has 1.
        var results = (await h.Room.SnapshotAsync(dialogue, piet, null, Ct)).Snapshot!.Votings.Single(v => v.ThemeId == secondTheme).Results!;
        Assert.Equal([(risks[1], 5, 2, 1), (risks[0], 3, 1, 2), (risks[2], 1, 1, 3)], results.Select(r => (r.RiskId, r.Points, r.Voters, r.Rank)));
        Assert.DoesNotContain((await h.Room.SnapshotAsync(dialogue, piet, null, Ct)).Snapshot!.MyBallot, b => risks.Contains(b.RiskId));
    }

    [Fact]
    public async Task Closing_the_dialogue_seals_a_vote_that_was_never_revealed()
    {
        await DotVoteAsync((piet, 0, 2));

        Assert.True((await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct)).Result.Ok);

        Assert.All(await h.QueryAsync(db => db.Votes.ToListAsync(Ct)), v => Assert.Null(v.ParticipantId));
    }

    [Fact]
    public async Task A_withdrawn_contribution_is_gone_with_its_earlier_versions_and_its_plus_ones()
    {
        var id = await PostAsync(piet, "Eerste versie met 06-11122233");
        await h.Contributions.EditContributionAsync(new EditContribution(Guid.NewGuid(), dialogue, id, "Tweede versie met 06-11122233"), piet, Ct);
        await h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, id), kees, Ct);

        Assert.True((await h.Contributions.WithdrawContributionAsync(new ContributionCommand(Guid.NewGuid(), dialogue, id), piet, Ct)).Result.Ok);

        await using var db = await h.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal("", (await db.Contributions.SingleAsync(c => c.Id == id, Ct)).Text);
        Assert.Empty(await DatabaseScan.FindAsync(db, "06-11122233"));
        Assert.Equal(0, await db.Reactions.CountAsync(r => r.ContributionId == id, Ct));
    }

    [Fact]
    public async Task Switching_from_anonymous_to_named_never_reveals_who_wrote_earlier_contributions()
    {
        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Anonymous, false, true), anna, Ct);
        await PostAsync(piet, "Anoniem gezegd");
        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Named, false, true), anna, Ct);
        await PostAsync(kees, "Met naam gezegd");

        foreach (var viewer in new[] { kees, anna })
        {
            var items = (await h.Room.SnapshotAsync(dialogue, viewer, null, Ct)).Snapshot!.Contributions.ToDictionary(c => c.Text);
            Assert.Equal((null, null), (items["Anoniem gezegd"].AuthorName, items["Anoniem gezegd"].Organisation));
            Assert.Equal(("Kees", "Assen"), (items["Met naam gezegd"].AuthorName, items["Met naam gezegd"].Organisation));
        }

        Assert.True((await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct)).Result.Ok);
        var minutes = (await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown;
        Assert.Contains("Anoniem gezegd", minutes, StringComparison.Ordinal);
        Assert.DoesNotContain("Piet", minutes, StringComparison.Ordinal);
        Assert.Contains("Met naam gezegd — Kees (Assen)", minutes, StringComparison.Ordinal);
        var record = (await h.Minutes.RecordAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!;
        Assert.DoesNotContain("Piet", System.Text.Encoding.UTF8.GetString(MinutesExports.VotesCsv(record)), StringComparison.Ordinal);
        Assert.DoesNotContain("Piet", h.Exports.Html(h.Composer.Compose(record), "notulen"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_retention_period_passes_the_dialogue_is_pseudonymised_once_and_its_record_stays()
    {
        // A realistic dialogue: posts, a good practice with a contact, a facilitator's edit, +1s, a vote.
        var posted = await PostAsync(piet, "Te weinig capaciteit bij de GGD");
        await h.Contributions.EditContributionAsync(new EditContribution(Guid.NewGuid(), dialogue, posted, "Te weinig capaciteit bij de GGD, zegt Piet"), anna, Ct);
        await h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, posted), kees, Ct);
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), anna, Ct);
        var practice = await h.Contributions.SaveGoodPracticeAsync(
            new SaveGoodPractice(Guid.NewGuid(), dialogue, theme, null, "Samen inspecteren", "Gemeente en GGD gaan samen.", "Korte lijnen.", "Zwolle", CycleStep.Do, "Piet Jansen", Phone, true), piet, Ct);
        Assert.True(practice.Result.Ok);
        await DotVoteAsync((piet, 0, 3), (kees, 1, 2));
        await h.Voting.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, secondTheme), anna, Ct);
        // An agreement that the owner's contact followed up through their link, naming themselves and Piet.
        var link = await FollowedUpAgreementAsync("Jan Smit", "Besproken met Piet, zegt Jan Smit");
        Assert.True((await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct)).Result.Ok);
        // The retention job on a clock of its own (advancing the app's clock by a year would run every
        // periodic timer of the app a million times), against the app's database.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(h.Clock.GetUtcNow());
        var personalData = ActivatorUtilities.CreateInstance<PersonalData>(h.Services, clock);
        var worker = ActivatorUtilities.CreateInstance<RetentionWorker>(h.Services, personalData, clock);

        var before = await StateAsync();
        Assert.Contains(Phone, before.Minutes, StringComparison.Ordinal);

        // Eleven months on: nothing happens yet.
        clock.Advance(TimeSpan.FromDays(335));
        Assert.Equal(0, await worker.RunOnceAsync(Ct));
        Assert.Equal(before, await StateAsync());

        // Past twelve months: pseudonymised.
        clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal(1, await worker.RunOnceAsync(Ct));
        var after = await StateAsync();
        Assert.Equal("Deelnemer 1, Deelnemer 2", after.Names);
        Assert.Equal(before.Organisations, after.Organisations);
        Assert.Equal(before.Texts.Replace("zegt Piet", "zegt Deelnemer 1", StringComparison.Ordinal), after.Texts); // a name in a text is replaced as a whole word
        Assert.Equal(before.Results, after.Results);
        Assert.Contains("Deelnemer 1", after.Minutes, StringComparison.Ordinal);
        await using (var db = await h.DbFactory.CreateDbContextAsync(Ct))
        {
            foreach (var gone in new[] { "Piet", "Kees", Phone, "Jan Smit", "Smit" })
            {
                Assert.Empty(await DatabaseScan.FindAsync(db, gone));
            }

            var step = await db.AgreementStatusChanges.SingleAsync(Ct);
            Assert.Equal(("contactpersoon van Gemeente Zwolle", "Besproken met Deelnemer 1, zegt contactpersoon van Gemeente Zwolle"), (step.ByContactName, step.Note));
            Assert.Equal(0, await db.AgreementLinks.CountAsync(Ct)); // the link opens nothing any more
            Assert.Equal(0, await db.ContributionRevisions.CountAsync(Ct));
            Assert.Equal(0, await db.RoomConnections.CountAsync(c => c.DialogueId == dialogue && c.ParticipantId != null, Ct));
            Assert.Equal(0, await db.ProcessedCommands.CountAsync(c => c.Actor.StartsWith("p:"), Ct));
            Assert.Equal(0, await db.Reactions.CountAsync(r => r.ReactedBy.StartsWith("p:"), Ct));
            Assert.NotNull((await db.Dialogues.SingleAsync(d => d.Id == dialogue, Ct)).PseudonymisedAt);
        }

        // Once is enough: a second round changes nothing.
        Assert.Equal(0, await worker.RunOnceAsync(Ct));
        Assert.Equal(after, await StateAsync());
        Assert.False(await h.Joining.IsParticipantAsync(dialogue, "any-old-token", Ct));
        Assert.Equal(FollowUpError.LinkUnknown, (await h.Services.GetRequiredService<AgreementFollowUp>().OpenLinkAsync(link, Ct)).Problem);
    }

    /// <summary>An agreement of Zwolle's, set to "bezig" by its contact through a follow-up link; answers the link's secret.</summary>
    private async Task<string> FollowedUpAgreementAsync(string contact, string note)
    {
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Agreements), anna, Ct);
        var agreement = (await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Beleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 6, 1)), anna, Ct)).Result.EntityId!.Value;
        var followUp = h.Services.GetRequiredService<AgreementFollowUp>();
        var link = (await followUp.IssueLinkAsync(dialogue, agreement, anna.UserId!, Ct))!.Secret;
        Assert.Empty(await followUp.ChangeByLinkAsync(link, agreement, contact, "InProgress", note, Ct));
        return link;
    }

    [Fact]
    public async Task Erasing_a_participant_on_request_leaves_their_name_and_number_nowhere_and_the_others_as_they_were()
    {
        var zwaantje = await h.JoinAsync(dialogue, "Zwaantje Vermeulen", "Emmen");
        var said = await PostAsync(zwaantje, "Handhaving duurt te lang");
        await h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, said), piet, Ct);
        await PostAsync(piet, "Zwaantje Vermeulen heeft gelijk");
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), anna, Ct);
        await h.Contributions.SaveGoodPracticeAsync(
            new SaveGoodPractice(Guid.NewGuid(), dialogue, theme, null, "Vaste contactpersoon", "Eén loket.", "Snel.", "Emmen", CycleStep.Do, "Zwaantje Vermeulen", Phone, true), zwaantje, Ct);
        await DotVoteAsync((zwaantje, 0, 3), (piet, 1, 2));
        await h.Voting.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, secondTheme), anna, Ct);
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var results = (await h.Room.SnapshotAsync(dialogue, anna, null, Ct)).Snapshot!.Votings.Single(v => v.ThemeId == secondTheme).Results;
        await using (var db = await h.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.NotEmpty(await DatabaseScan.FindAsync(db, "Vermeulen"));
            Assert.NotEmpty(await DatabaseScan.FindAsync(db, Phone));
        }

        var found = Assert.Single(await PersonalData.FindParticipantsAsync("vermeulen", "kinderopvang", Ct));
        Assert.True(await PersonalData.EraseParticipantAsync(found.Id, Ct));

        await using (var db = await h.DbFactory.CreateDbContextAsync(Ct))
        {
            foreach (var gone in new[] { "Zwaantje", "Vermeulen", Phone })
            {
                Assert.Empty(await DatabaseScan.FindAsync(db, gone));
            }

            Assert.Equal("Verwijderde deelnemer", (await db.Participants.SingleAsync(p => p.Id == found.Id, Ct)).DisplayName);
            Assert.Equal("Verwijderde deelnemer heeft gelijk", (await db.Contributions.SingleAsync(c => c.ParticipantId == piet.ParticipantId && c.Kind == ContributionKind.Bottleneck, Ct)).Text);
            Assert.Equal("Handhaving duurt te lang", (await db.Contributions.SingleAsync(c => c.Id == said, Ct)).Text);
            Assert.Equal("Piet", (await db.Participants.SingleAsync(p => p.Id == piet.ParticipantId, Ct)).DisplayName);
        }

        Assert.Equal(results, (await h.Room.SnapshotAsync(dialogue, anna, null, Ct)).Snapshot!.Votings.Single(v => v.ThemeId == secondTheme).Results);
        var minutes = (await h.Minutes.LatestAsync(dialogue, RecordReader.Facilitator(anna.UserId!), Ct))!.Markdown;
        Assert.Contains("Verwijderde deelnemer", minutes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_dialogue_removes_everything_in_it_but_not_while_its_summary_is_public()
    {
        await PostAsync(piet, "Te weinig capaciteit");
        await FollowedUpAgreementAsync("Jan Smit", "Concept ligt bij de wethouder");
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var other = await h.CreateOpenDialogueAsync(anna, "Een andere dialoog", "Thema");
        await h.JoinAsync(other, "Klaas", "Ede");

        var administrator = await h.AddFacilitatorAsync("Beheerder"); // The second reader four eyes requires.
        Assert.Equal(PublishOutcome.Published, (await h.Publications.PublishApprovedAsync(dialogue, anna.UserId!, administrator.UserId!, "# Samenvatting\n\nGoed gesprek.")).Outcome);
        Assert.Equal(DeletionRefusal.Published, await PersonalData.DeleteDialogueAsync(dialogue, Ct));
        Assert.True(await h.Publications.UnpublishAsync(dialogue, anna.UserId!, Ct));

        Assert.Null(await PersonalData.DeleteDialogueAsync(dialogue, Ct));

        await using var db = await h.DbFactory.CreateDbContextAsync(Ct);
        foreach (var gone in new[] { "Piet", "Kees", "Te weinig capaciteit", "Goed gesprek", "Jan Smit", "wethouder" })
        {
            Assert.Empty(await DatabaseScan.FindAsync(db, gone));
        }

        Assert.Equal(0, await db.AgreementStatusChanges.CountAsync(Ct));
        Assert.Equal(0, await db.AgreementLinks.CountAsync(Ct));

        Assert.Equal(1, await db.Participants.CountAsync(Ct)); // the other dialogue's Klaas
        Assert.Equal(DeletionRefusal.NotFound, await PersonalData.DeleteDialogueAsync(dialogue, Ct));
    }

    private sealed record State(string Names, string Organisations, string Texts, string Results, string Minutes)
    {
        public State(IEnumerable<string> names, IEnumerable<string> organisations, IEnumerable<string> texts, IEnumerable<RiskResult> results, string minutes)
            : this(string.Join(", ", names), string.Join(", ", organisations), string.Join(" | ", texts), string.Join(" | ", results), minutes)
        {
        }
    }

    private Task<State> StateAsync() => h.QueryAsync(async db => new State(
        await db.Participants.Where(p => p.DialogueId == dialogue).OrderBy(p => p.DisplayName).Select(p => p.DisplayName).ToListAsync(Ct),
        await db.Participants.Where(p => p.DialogueId == dialogue).OrderBy(p => p.Id).Select(p => p.Organisation).ToListAsync(Ct),
        await db.Contributions.Where(c => c.DialogueId == dialogue).OrderBy(c => c.Id).Select(c => c.Text).ToListAsync(Ct),
        (await h.Room.SnapshotAsync(dialogue, anna, null, Ct)).Snapshot!.Votings.SelectMany(v => v.Results ?? []),
        string.Join("\n---\n", await db.MinutesVersions.Where(m => m.DialogueId == dialogue).OrderBy(m => m.Number).Select(m => m.Markdown).ToListAsync(Ct))));
}

/// <summary>The same tests on PostgreSQL, where the full-text index is a table of its own (see <see cref="TestPostgres"/>).</summary>
public sealed class PersonalDataTestsOnPostgres : PersonalDataTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
