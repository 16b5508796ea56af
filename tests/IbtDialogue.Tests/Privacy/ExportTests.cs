using System.Text;
using System.Text.Json.Nodes;
using IbtDialogue.Accounts;
using IbtDialogue.Agreements;
using IbtDialogue.Live;
using IbtDialogue.Privacy;
using IbtDialogue.Privacy.Pages;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Privacy;

/// <summary>
/// What the Inspectie hands out about what it keeps: everything about one participant (AVG art. 15), a whole
/// dialogue's record (archive, Woo) and its moderation audit trail — checked against the JSON Schemas in
/// docs/schemas, and against leaking anyone else or an anonymous author.
/// </summary>
public sealed class ExportTests : OpenRoomTests
{
    private PrivacyExports Exports => h.Services.GetRequiredService<PrivacyExports>();

    private async Task<int> PostAsync(Actor who, string text, int? onTheme = null)
    {
        var posted = await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, onTheme ?? theme, ContributionKind.Bottleneck, text, null), who, Ct);
        Assert.True(posted.Result.Ok, posted.Result.Error);
        return posted.Result.EntityId!.Value;
    }

    private async Task PracticeAsync(Actor who, string title, string contact, string details)
    {
        var saved = await h.Contributions.SaveGoodPracticeAsync(
            new SaveGoodPractice(Guid.NewGuid(), dialogue, theme, null, title, "Gemeente en GGD gaan samen op pad.", "Korte lijnen.", "Zwolle", CycleStep.Do, contact, details, true), who, Ct);
        Assert.True(saved.Result.Ok, saved.Result.Error);
    }

    private async Task<string> JsonOfAsync(Actor participant) =>
        Encoding.UTF8.GetString(PrivacyExports.ToJson(await Exports.ParticipantAsync(participant.ParticipantId!.Value, Ct)));

    private async Task<List<int>> OpenDotVoteAsync()
    {
        var risks = new List<int>();
        foreach (var title in new[] { "Handhaving blijft uit", "Inspecties niet uitgevoerd" })
        {
            risks.Add((await h.Voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, secondTheme, null, title, null), anna, Ct)).Result.EntityId!.Value);
        }

        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, secondTheme, Phase.RiskWeighing), anna, Ct);
        Assert.True((await h.Voting.OpenVotingAsync(new OpenVoting(Guid.NewGuid(), dialogue, secondTheme, VoteMethod.Dots, 5, 3), anna, Ct)).Result.Ok);
        return risks;
    }

    [Fact]
    public async Task A_participants_export_holds_what_they_wrote_their_contact_plus_ones_and_votes_and_nothing_of_anyone_else()
    {
        var own = await PostAsync(piet, "Te weinig capaciteit voor herhaalonderzoek");
        await h.Contributions.EditContributionAsync(new EditContribution(Guid.NewGuid(), dialogue, own, "Te weinig capaciteit voor herhaalonderzoek bij de GGD"), piet, Ct);
        var theirs = await PostAsync(kees, "Signalen komen te laat binnen");
        await PostAsync(kees, "Het register loopt achter");
        await h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, theirs), piet, Ct);
        await h.Contributions.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, own), kees, Ct);
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), anna, Ct);
        await PracticeAsync(piet, "Samen inspecteren", "Marieke Bos", "06-12345678");
        await PracticeAsync(kees, "Vaste contactpersoon", "Jan Smit", "06-87654321");
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Agreements), anna, Ct);
        await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Casus delen met de GGD", "Piet", null), anna, Ct);
        await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Overleg plannen met het ministerie", "Kees", null), anna, Ct);
        var risks = await OpenDotVoteAsync();
        Assert.True((await h.Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, secondTheme, risks[0], 3), piet, Ct)).Result.Ok);
        Assert.True((await h.Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, secondTheme, risks[1], 2), kees, Ct)).Result.Ok);

        var json = await JsonOfAsync(piet);

        ExportSchemas.AssertValid(ExportSchemas.Participant, json);
        var export = JsonNode.Parse(json)!;
        Assert.Equal("Piet", (string?)export["participant"]!["displayName"]);
        Assert.Equal("Zwolle", (string?)export["participant"]!["organisation"]);
        var contributions = export["contributions"]!.AsArray();
        Assert.Equal(2, contributions.Count);
        Assert.Equal("Te weinig capaciteit voor herhaalonderzoek bij de GGD", (string?)contributions[0]!["text"]);
        Assert.Equal("Te weinig capaciteit voor herhaalonderzoek", (string?)contributions[0]!["earlierTexts"]![0]!["text"]);
        Assert.Equal(1, (int)contributions[0]!["plusOnes"]!);
        Assert.Equal("Marieke Bos", (string?)contributions[1]!["goodPractice"]!["contactName"]);
        Assert.Equal("06-12345678", (string?)contributions[1]!["goodPractice"]!["contactDetails"]);
        Assert.Equal("Signalen komen te laat binnen", (string?)Assert.Single(export["plusOnes"]!.AsArray())!["text"]);
        var vote = Assert.Single(export["votes"]!.AsArray())!;
        Assert.Equal(("Handhaving blijft uit", 3), ((string?)vote["risk"], (int)vote["points"]!));
        Assert.Equal("Casus delen met de GGD", (string?)Assert.Single(export["agreementsNamingYou"]!.AsArray())!["what"]);

        // Nobody else: not Kees, his organisation, his own texts, his contact, his vote.
        foreach (var other in new[] { "Kees", "Assen", "Het register loopt achter", "Vaste contactpersoon", "Jan Smit", "06-87654321", "Inspecties niet uitgevoerd", "ministerie" })
        {
            Assert.DoesNotContain(other, json, StringComparison.Ordinal);
        }

        // The readable version holds the same.
        var html = await PrivacyExtensions.RenderAsync<ParticipantDataDocument>(h.Services, new() { ["Export"] = await Exports.ParticipantAsync(piet.ParticipantId!.Value, Ct) });
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("Marieke Bos, 06-12345678", html, StringComparison.Ordinal);
        Assert.Contains("Te weinig capaciteit voor herhaalonderzoek bij de GGD", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Kees", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Jan Smit", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_results_are_revealed_the_export_no_longer_holds_the_votes_and_says_they_are_secret()
    {
        var risks = await OpenDotVoteAsync();
        await h.Voting.CastDotsAsync(new CastDots(Guid.NewGuid(), dialogue, secondTheme, risks[1], 2), piet, Ct);
        Assert.Single((await Exports.ParticipantAsync(piet.ParticipantId!.Value, Ct))!.Votes);

        await h.Voting.CloseVotingAsync(new VotingCommand(Guid.NewGuid(), dialogue, secondTheme), anna, Ct);
        Assert.True((await h.Voting.RevealResultsAsync(new VotingCommand(Guid.NewGuid(), dialogue, secondTheme), anna, Ct)).Result.Ok);

        var json = await JsonOfAsync(piet);
        ExportSchemas.AssertValid(ExportSchemas.Participant, json);
        var export = (await Exports.ParticipantAsync(piet.ParticipantId!.Value, Ct))!;
        Assert.Empty(export.Votes);
        Assert.Equal(["LRK op orde"], export.SealedVoteThemes);
        Assert.Contains(export.Notes, n => n.Contains("geheim", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_record_names_no_author_of_an_anonymous_contribution_even_after_the_dialogue_switched_to_names()
    {
        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Anonymous, false, true), anna, Ct);
        var secret = await PostAsync(piet, "Anoniem gezegd");
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), anna, Ct);
        await PracticeAsync(piet, "Anoniem voorbeeld", "Marieke Bos", "06-12345678");
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Sharing), anna, Ct);
        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.OrganisationOnly, false, true), anna, Ct);
        await PostAsync(piet, "Alleen met organisatie gezegd");
        await h.Room.UpdateSettingsAsync(new UpdateSettings(Guid.NewGuid(), dialogue, Anonymity.Named, false, true), anna, Ct);
        var named = await PostAsync(kees, "Met naam gezegd");
        await h.Contributions.EditContributionAsync(new EditContribution(Guid.NewGuid(), dialogue, secret, "Anoniem gezegd, iets korter"), anna, Ct);
        await h.Contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, named, ModerationAction.Hide), anna, Ct);

        // An agreement followed up by the facilitator and by the owner's contact through a follow-up link.
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Agreements), anna, Ct);
        var agreement = (await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Beleid actualiseren", "Gemeente Assen", new DateOnly(2026, 6, 1)), anna, Ct)).Result.EntityId!.Value;
        var followUp = h.Services.GetRequiredService<AgreementFollowUp>();
        Assert.Empty(await followUp.ChangeAsync(dialogue, agreement, anna.UserId!, "InProgress", "Gestart", Ct));
        var link = (await followUp.IssueLinkAsync(dialogue, agreement, anna.UserId!, Ct))!;
        Assert.Empty(await followUp.ChangeByLinkAsync(link.Secret, agreement, "Jan Smit", "Done", "Vastgesteld", Ct));

        // An analyst reads only closed dialogues; another facilitator none of this one.
        var bert = await h.AddFacilitatorAsync("Bert");
        Assert.Null(await Exports.DialogueRecordAsync(dialogue, new RecordReader(bert.UserId!, IsAnalyst: true), administrator: false, Ct));
        Assert.True((await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct)).Result.Ok);
        Assert.Null(await Exports.DialogueRecordAsync(dialogue, RecordReader.Facilitator(bert.UserId!), administrator: false, Ct));
        Assert.NotNull(await Exports.DialogueRecordAsync(dialogue, new RecordReader(bert.UserId!, IsAnalyst: true), administrator: false, Ct));
        Assert.NotNull(await Exports.DialogueRecordAsync(dialogue, RecordReader.Facilitator(bert.UserId!), administrator: true, Ct));

        var record = (await Exports.DialogueRecordAsync(dialogue, RecordReader.Facilitator(anna.UserId!), administrator: false, Ct))!;
        var json = Encoding.UTF8.GetString(PrivacyExports.ToJson(record));

        ExportSchemas.AssertValid(ExportSchemas.Record, json);
        var items = record.Themes.SelectMany(t => t.Contributions).ToDictionary(c => c.Text);
        Assert.Equal(new RecordAuthor(null, null, false), items["Anoniem gezegd, iets korter"].Author);
        Assert.Equal(new RecordAuthor(null, null, false), items["Gemeente en GGD gaan samen op pad."].Author);
        Assert.Equal(new RecordAuthor(null, "Zwolle", false), items["Alleen met organisatie gezegd"].Author);
        Assert.Equal(new RecordAuthor("Kees", "Assen", false), items["Met naam gezegd"].Author);
        Assert.Equal(ContributionStatus.Hidden, items["Met naam gezegd"].Status);
        Assert.Equal("Anoniem gezegd", Assert.Single(items["Anoniem gezegd, iets korter"].EarlierTexts).Text);

        // Piet wrote only anonymously or with his organisation: his name is nowhere in the record, the minutes in it included.
        Assert.NotEmpty(record.MinutesVersions);
        Assert.Equal(record.MinutesVersions[^1], record.FinalMinutes);
        Assert.DoesNotContain("Piet", json, StringComparison.Ordinal);

        // The agreement's status and its history, who and when.
        var followed = Assert.Single(record.Themes.SelectMany(t => t.Agreements));
        Assert.Equal(AgreementStatus.Done, followed.Status);
        Assert.Equal(
            [(AgreementStatus.Open, AgreementStatus.InProgress, "Gestart", "Anna", false), (AgreementStatus.InProgress, AgreementStatus.Done, "Vastgesteld", "Jan Smit", true)],
            followed.History.Select(c => (c.From, c.To, c.Note, c.By, c.ByContact)));
        Assert.Contains("\"inProgress\"", json, StringComparison.Ordinal);

        // The moderation audit trail: who did what when.
        Assert.Equal([("edit", "Anna", "Anoniem gezegd"), ("hide", "Anna", null)], record.Moderation.Select(m => (m.Action, m.By, m.Detail)));
    }

    [Fact]
    public async Task The_moderation_trail_is_for_the_dialogues_facilitators_only_newest_first()
    {
        var first = await PostAsync(piet, "Eerste bijdrage");
        var second = await PostAsync(kees, "Tweede bijdrage");
        Assert.True((await h.Contributions.MergeAsync(new MergeContributions(Guid.NewGuid(), dialogue, second, first), anna, Ct)).Result.Ok);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await h.Contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, first, ModerationAction.Hide), anna, Ct)).Result.Ok);

        var trail = (await Exports.ModerationTrailAsync(dialogue, anna.UserId!, Ct))!;

        Assert.Equal([("hide", first, null), ("merge", second, first.ToString(System.Globalization.CultureInfo.InvariantCulture))], trail.Select(l => (l.Action, l.ContributionId, l.Detail)));
        Assert.All(trail, l => Assert.Equal("Anna", l.By));
        var bert = await h.AddFacilitatorAsync("Bert");
        Assert.Null(await Exports.ModerationTrailAsync(dialogue, bert.UserId!, Ct));
    }

    [Fact]
    public async Task The_schemas_are_strict_an_export_with_an_extra_field_or_a_wrong_kind_fails()
    {
        await PostAsync(piet, "Iets");
        var json = JsonNode.Parse(await JsonOfAsync(piet))!;
        json["contributions"]![0]!["authorName"] = "Piet";
        Assert.NotEmpty(ExportSchemas.Problems(ExportSchemas.Participant, json.ToJsonString()));

        var record = JsonNode.Parse(PrivacyExports.ToJson((await Exports.DialogueRecordAsync(dialogue, RecordReader.Facilitator(anna.UserId!), false, Ct))!))!;
        ExportSchemas.AssertValid(ExportSchemas.Record, record.ToJsonString());
        record["themes"]![0]!["contributions"]![0]!["status"] = "gone";
        Assert.NotEmpty(ExportSchemas.Problems(ExportSchemas.Record, record.ToJsonString()));
    }
}
