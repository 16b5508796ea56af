using IbtDialogue.Accounts;
using System.Xml.Linq;
using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Minutes;

public sealed class PublicationTests() : OpenRoomTests("Handhaving regio Noord", "Handhaving bij overtredingen", "Het LRK op orde", facilitatorName: "Anna de Vries", pietName: "Piet Jansen")
{
    /// <summary>A second facilitator of the dialogue: the second pair of eyes.</summary>
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
        await h.Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "Te weinig capaciteit"), piet, Ct);
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.GoodPractices), anna, Ct);
        await h.Contributions.SaveGoodPracticeAsync(new SaveGoodPractice(Guid.NewGuid(), dialogue, theme, null, "Vaste GGD-contactpersoon", "Eén vast aanspreekpunt.", "Korte lijnen.", "Zwolle", CycleStep.Do, "Marleen Smit", "m.smit@zwolle.example", true), piet, Ct);
    }

    private Task CloseAsync() => h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);

    /// <summary>Anna proposes, Bert (a second facilitator of the dialogue) approves exactly that text.</summary>
    private Task<PublishResult> PublishAsync(int dialogueId, string markdown) =>
        h.Publications.PublishApprovedAsync(dialogueId, anna.UserId!, bert.UserId!, markdown, approverIsAdministrator: false);

    private static readonly string[] Names = ["Anna de Vries", "Piet Jansen", "Marleen Smit", "m.smit@zwolle.example"];

    [Fact]
    public async Task Only_a_closed_dialogue_is_published()
    {
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        Assert.False(draft!.Closed);
        Assert.Equal(PublishOutcome.NotClosed, (await h.Publications.PublishAsync(dialogue, anna.UserId!, draft.Markdown, Ct)).Outcome);
        Assert.Empty(await h.Publications.ListAsync(null, null, Ct));
    }

    [Fact]
    public async Task The_draft_has_no_personal_names_and_what_is_published_is_what_was_reviewed()
    {
        await CloseAsync();
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        Assert.Empty(new PersonalDataCheck(Names, []).FindInMarkdown(draft!.Markdown, h.Renderer));
        Assert.Contains("Te weinig capaciteit — Zwolle", draft.Markdown, StringComparison.Ordinal);

        var reviewed = draft.Markdown + "\nAangevuld door de facilitator.\n";
        var proposed = await h.Publications.PublishAsync(dialogue, anna.UserId!, reviewed, Ct);
        Assert.Equal(PublishOutcome.Proposed, proposed.Outcome);
        Assert.Empty(await h.Publications.ListAsync(null, null, Ct)); // Nothing is public before the second reader approves.

        var review = await h.Publications.ReviewAsync(proposed.ProposalId!.Value, new Approver(bert.UserId!, false), Ct);
        Assert.Equal(reviewed, review!.Proposal.Markdown);
        var approved = await h.Publications.ApproveAsync(proposed.ProposalId.Value, review.Proposal.Hash, new Approver(bert.UserId!, false), Ct);

        Assert.Equal(DecisionOutcome.Approved, approved.Outcome);
        var summary = Assert.Single(await h.Publications.ListAsync(null, null, Ct));
        Assert.Equal(reviewed, summary.Markdown);
        Assert.Equal($"gesprekken/{summary.Id}/handhaving-regio-noord", summary.Path);
        Assert.Equal("Handhaving bij overtredingen\nHet LRK op orde", summary.Themes);
    }

    [Theory]
    [InlineData("Met dank aan Piet Jansen.", "Piet Jansen")]
    [InlineData("Bel marleen smit voor meer.", "Marleen Smit")]
    [InlineData("Mail m.smit@zwolle.example", "m.smit@zwolle.example")]
    [InlineData("Voorgezeten door Anna de Vries", "Anna de Vries")]
    [InlineData("Piet\\ Jansen", "Piet Jansen")]
    [InlineData("Piet **Jansen**", "Piet Jansen")]
    [InlineData("Piet\nJansen", "Piet Jansen")]
    public async Task A_text_that_still_names_someone_is_refused_and_nothing_is_published(string sentence, string name)
    {
        await CloseAsync();
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);

        var result = await h.Publications.PublishAsync(dialogue, anna.UserId!, draft!.Markdown + "\n" + sentence + "\n", Ct);

        Assert.Equal(PublishOutcome.HasPersonalNames, result.Outcome);
        Assert.Equal([name], result.Names);
        Assert.Empty(await h.Publications.ListAsync(null, null, Ct));
    }

    [Fact]
    public async Task A_word_that_merely_contains_a_name_is_no_name()
    {
        await CloseAsync();
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        var result = await h.Publications.PublishAsync(dialogue, anna.UserId!, draft!.Markdown + "\nPietjansenstraat is een straatnaam.\n", Ct);
        Assert.Equal(PublishOutcome.Proposed, result.Outcome);
    }

    [Fact]
    public async Task Unpublishing_removes_the_summary_from_the_list_the_page_and_the_feed_and_it_can_return()
    {
        await CloseAsync();
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        var first = await PublishAsync(dialogue, draft!.Markdown);
        var firstPublished = (await h.Publications.FindAsync(first.SummaryId!.Value, Ct))!.FirstPublishedAt;

        Assert.True(await h.Publications.UnpublishAsync(dialogue, anna.UserId!, Ct));
        Assert.Empty(await h.Publications.ListAsync(null, null, Ct));
        Assert.Null(await h.Publications.FindAsync(first.SummaryId.Value, Ct));
        var feed = XDocument.Parse(AtomFeed.Create(new Uri("https://dialoog.example/"), await h.Publications.ListAsync(null, null, Ct), h.Renderer));
        Assert.Empty(feed.Descendants(XName.Get("entry", "http://www.w3.org/2005/Atom")));

        var withdrawnDraft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        Assert.False(withdrawnDraft!.IsPublished);
        h.Clock.Advance(TimeSpan.FromDays(1));
        var proposedAgain = await h.Publications.PublishAsync(dialogue, anna.UserId!, withdrawnDraft.Markdown, Ct);
        Assert.Equal(PublishOutcome.Proposed, proposedAgain.Outcome); // Returning to the public page needs approval too.
        Assert.Empty(await h.Publications.ListAsync(null, null, Ct));
        var again = await PublishAsync(dialogue, withdrawnDraft.Markdown);
        Assert.Equal(first.SummaryId, again.SummaryId); // Same address as before.
        var returned = (await h.Publications.FindAsync(again.SummaryId!.Value, Ct))!;
        Assert.Equal(firstPublished, returned.FirstPublishedAt);
        Assert.Null(returned.CorrectedAt); // The same text again is no correction.
    }

    [Fact]
    public async Task The_public_list_searches_by_theme_or_title_and_by_year()
    {
        await CloseAsync();
        await PublishAsync(dialogue, (await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct))!.Markdown);
        var lea = await h.CreateOpenDialogueAsync(anna, "LEA Oost", "Voorkomen van segregatie");
        await h.QueryAsync(db => db.Dialogues.Where(d => d.Id == lea).ExecuteUpdateAsync(s => s.SetProperty(d => d.Date, new DateOnly(2025, 10, 1))));
        await h.Room.CloseAsync(new DialogueCommand(Guid.NewGuid(), lea), anna, Ct);
        var administrator = await h.AddFacilitatorAsync("Beheerder"); // Bert runs no part of LEA Oost: an administrator approves.
        await h.Publications.PublishApprovedAsync(lea, anna.UserId!, administrator.UserId!, (await h.Publications.DraftAsync(lea, anna.UserId!, Ct))!.Markdown);

        Assert.Equal(["Handhaving regio Noord", "LEA Oost"], (await h.Publications.ListAsync(null, null, Ct)).Select(s => s.Title));
        Assert.Equal(["LEA Oost"], (await h.Publications.ListAsync("segregatie", null, Ct)).Select(s => s.Title));
        Assert.Equal(["Handhaving regio Noord"], (await h.Publications.ListAsync("LRK", null, Ct)).Select(s => s.Title));
        Assert.Equal(["LEA Oost"], (await h.Publications.ListAsync(null, 2025, Ct)).Select(s => s.Title));
        Assert.Equal([2026, 2025], await h.Publications.YearsAsync(Ct));
    }

    [Fact]
    public async Task Only_its_facilitators_publish_or_withdraw_a_dialogue()
    {
        await CloseAsync();
        var stranger = await h.AddFacilitatorAsync("Carla");
        Assert.Null(await h.Publications.DraftAsync(dialogue, stranger.UserId!, Ct));
        Assert.Equal(PublishOutcome.NotFound, (await h.Publications.PublishAsync(dialogue, stranger.UserId!, "Tekst", Ct)).Outcome);
        Assert.False(await h.Publications.UnpublishAsync(dialogue, stranger.UserId!, Ct));

        var proposed = await h.Publications.PublishAsync(dialogue, anna.UserId!, "# Samenvatting\n\nGoed gesprek.", Ct);
        var asStranger = new Approver(stranger.UserId!, IsAdministrator: false);
        Assert.Null(await h.Publications.ReviewAsync(proposed.ProposalId!.Value, asStranger, Ct));
        Assert.Empty(await h.Publications.AwaitingAsync(asStranger, Ct));
        var hash = PublicationService.HashOf("# Samenvatting\n\nGoed gesprek.");
        Assert.Equal(DecisionOutcome.NotFound, (await h.Publications.ApproveAsync(proposed.ProposalId.Value, hash, asStranger, Ct)).Outcome);
        Assert.Equal(DecisionOutcome.NotFound, (await h.Publications.RejectAsync(proposed.ProposalId.Value, "Nee.", asStranger, Ct)).Outcome);
        Assert.Empty(await h.Publications.ListAsync(null, null, Ct));
    }

    [Fact]
    public async Task Four_eyes_the_proposer_cannot_decide_a_changed_text_or_a_superseded_proposal_is_not_approved_and_a_rejection_needs_a_reason()
    {
        await CloseAsync();
        var text = (await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct))!.Markdown;
        var first = await h.Publications.PublishAsync(dialogue, anna.UserId!, text, Ct);
        var asAnna = new Approver(anna.UserId!, IsAdministrator: false);
        var asBert = new Approver(bert.UserId!, IsAdministrator: false);
        var hash = PublicationService.HashOf(text);

        Assert.Equal(DecisionOutcome.OwnProposal, (await h.Publications.ApproveAsync(first.ProposalId!.Value, hash, asAnna, Ct)).Outcome);
        Assert.Equal(DecisionOutcome.OwnProposal, (await h.Publications.RejectAsync(first.ProposalId.Value, "Eigen tekst.", asAnna, Ct)).Outcome);
        Assert.False((await h.Publications.ReviewAsync(first.ProposalId.Value, asAnna, Ct))!.CanDecide);
        Assert.Empty(await h.Publications.AwaitingAsync(asAnna, Ct)); // Never one's own.
        Assert.Equal([first.ProposalId.Value], (await h.Publications.AwaitingAsync(asBert, Ct)).Select(a => a.Id));
        // Even an administrator does not approve their own text.
        Assert.Equal(DecisionOutcome.OwnProposal, (await h.Publications.ApproveAsync(first.ProposalId.Value, hash, asAnna with { IsAdministrator = true }, Ct)).Outcome);

        Assert.Equal(DecisionOutcome.TextDiffers, (await h.Publications.ApproveAsync(first.ProposalId.Value, PublicationService.HashOf(text + " "), asBert, Ct)).Outcome);
        Assert.Equal(DecisionOutcome.TextDiffers, (await h.Publications.ApproveAsync(first.ProposalId.Value, null, asBert, Ct)).Outcome);

        // Anna changes the text while Bert reads the first: the first no longer waits.
        var second = await h.Publications.PublishAsync(dialogue, anna.UserId!, text + "\nMet dank aan alle deelnemers.\n", Ct);
        Assert.Equal(DecisionOutcome.Superseded, (await h.Publications.ApproveAsync(first.ProposalId.Value, hash, asBert, Ct)).Outcome);

        Assert.Equal(DecisionOutcome.ReasonRequired, (await h.Publications.RejectAsync(second.ProposalId!.Value, "  ", asBert, Ct)).Outcome);
        Assert.Equal(DecisionOutcome.ReasonRequired, (await h.Publications.RejectAsync(second.ProposalId.Value, new string('x', PublicationService.MaxReasonLength + 1), asBert, Ct)).Outcome);
        Assert.Equal(DecisionOutcome.Rejected, (await h.Publications.RejectAsync(second.ProposalId.Value, "De tweede alinea klopt niet.", asBert, Ct)).Outcome);
        Assert.Equal(DecisionOutcome.AlreadyDecided, (await h.Publications.ApproveAsync(second.ProposalId.Value, PublicationService.HashOf(text + "\nMet dank aan alle deelnemers.\n"), asBert, Ct)).Outcome);

        Assert.Empty(await h.Publications.ListAsync(null, null, Ct));
        var draft = await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct);
        Assert.Null(draft!.Pending);
        Assert.Equal("De tweede alinea klopt niet.", draft.Rejected!.Reason); // The proposer sees why, and mends the rejected text.
        Assert.Equal("Bert Bakker", draft.Rejected.DecidedBy);
        Assert.Equal(text + "\nMet dank aan alle deelnemers.\n", draft.Markdown);
    }

    [Fact]
    public async Task The_public_text_stays_until_a_correction_is_approved_which_shows_when_it_changed()
    {
        await CloseAsync();
        var text = (await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct))!.Markdown;
        var published = await PublishAsync(dialogue, text);
        Assert.Null((await h.Publications.FindAsync(published.SummaryId!.Value, Ct))!.CorrectedAt);

        h.Clock.Advance(TimeSpan.FromDays(3));
        var corrected = text + "\nCorrectie: het ging om twee gemeenten.\n";
        var proposal = await h.Publications.PublishAsync(dialogue, anna.UserId!, corrected, Ct);
        Assert.Equal(PublishOutcome.Proposed, proposal.Outcome);
        Assert.Equal(text, (await h.Publications.FindAsync(published.SummaryId.Value, Ct))!.Markdown);
        var review = await h.Publications.ReviewAsync(proposal.ProposalId!.Value, new Approver(bert.UserId!, false), Ct);
        Assert.Equal(text, review!.PublicMarkdown); // The reader sees what the correction replaces.
        Assert.True((await h.Publications.AwaitingAsync(new Approver(bert.UserId!, false), Ct)).Single().IsCorrection);

        Assert.Equal(DecisionOutcome.Approved, (await h.Publications.ApproveAsync(proposal.ProposalId.Value, review.Proposal.Hash, new Approver(bert.UserId!, false), Ct)).Outcome);
        var now = (await h.Publications.FindAsync(published.SummaryId.Value, Ct))!;
        Assert.Equal(corrected, now.Markdown);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime, now.CorrectedAt);
        Assert.True(now.FirstPublishedAt < now.CorrectedAt);
        var feed = XDocument.Parse(AtomFeed.Create(new Uri("https://dialoog.example/"), await h.Publications.ListAsync(null, null, Ct), h.Renderer));
        var atom = XNamespace.Get("http://www.w3.org/2005/Atom");
        Assert.Equal(new DateTimeOffset(now.CorrectedAt!.Value, TimeSpan.Zero), DateTimeOffset.Parse(feed.Descendants(atom + "entry").Single().Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_minutes_version_a_summary_came_from_is_final_no_older_version_is_restored_over_it_and_a_correction_is_a_new_version()
    {
        await CloseAsync();
        var reader = RecordReader.Facilitator(anna.UserId!);
        var edited = await h.Minutes.SaveAsync(dialogue, 1, "# Notulen\n\nBewerkt.", anna.UserId!, Ct);
        Assert.Equal((SaveOutcome.Saved, 2), (edited.Outcome, edited.Number));

        var proposal = await h.Publications.PublishAsync(dialogue, anna.UserId!, (await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct))!.Markdown, Ct);
        Assert.All(await h.Minutes.VersionsAsync(dialogue, reader, Ct) ?? [], v => Assert.Null(v.FinalAt)); // Not before it is public.
        await h.Publications.ApproveAsync(proposal.ProposalId!.Value, (await h.Publications.ReviewAsync(proposal.ProposalId.Value, new Approver(bert.UserId!, false), Ct))!.Proposal.Hash, new Approver(bert.UserId!, false), Ct);

        var versions = await h.Minutes.VersionsAsync(dialogue, reader, Ct);
        Assert.Equal([2], versions!.Where(v => v.FinalAt is not null).Select(v => v.Number));
        Assert.True((await h.Minutes.VersionAsync(dialogue, 1, reader, Ct))!.BeforeFinal);

        var refused = await h.Minutes.RestoreAsync(dialogue, 1, anna.UserId!, Ct);
        Assert.Equal(SaveOutcome.BeforeFinal, refused.Outcome);
        Assert.Equal(2, refused.Latest!.Number);
        Assert.Equal(2, (await h.Minutes.LatestAsync(dialogue, reader, Ct))!.Number);

        // A correction is saved as a new version, and publishing the corrected summary makes that one final too.
        var correction = await h.Minutes.SaveAsync(dialogue, 2, "# Notulen\n\nBewerkt en gecorrigeerd.", anna.UserId!, Ct);
        Assert.Equal((SaveOutcome.Saved, 3), (correction.Outcome, correction.Number));
        Assert.Equal(SaveOutcome.Saved, (await h.Minutes.RestoreAsync(dialogue, 2, anna.UserId!, Ct)).Outcome); // The final version itself may come back.
        Assert.Equal(SaveOutcome.BeforeFinal, (await h.Minutes.RestoreAsync(dialogue, 1, bert.UserId!, Ct)).Outcome);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await PublishAsync(dialogue, (await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct))!.Markdown + "\nGecorrigeerd.\n");
        Assert.Equal([4, 2], (await h.Minutes.VersionsAsync(dialogue, reader, Ct))!.Where(v => v.FinalAt is not null).Select(v => v.Number));
        Assert.Equal(SaveOutcome.BeforeFinal, (await h.Minutes.RestoreAsync(dialogue, 3, anna.UserId!, Ct)).Outcome);
    }

    [Fact]
    public async Task A_person_named_as_who_of_an_agreement_is_left_out_of_the_draft_and_refused_in_the_text()
    {
        await h.Room.SetStageAsync(new SetStage(Guid.NewGuid(), dialogue, theme, Phase.Agreements), anna, Ct);
        await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Beleid actualiseren", "Klaas Bakker (GGD)", null), anna, Ct);
        await h.Agreements.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Overleg plannen", "Gemeente Zwolle", null), anna, Ct);
        await CloseAsync();

        var draft = (await h.Publications.DraftAsync(dialogue, anna.UserId!, Ct))!.Markdown;
        Assert.Contains("| Beleid actualiseren | — |", draft, StringComparison.Ordinal);
        Assert.Contains("| Overleg plannen | Gemeente Zwolle |", draft, StringComparison.Ordinal);
        Assert.Equal(PublishOutcome.Proposed, (await h.Publications.PublishAsync(dialogue, anna.UserId!, draft, Ct)).Outcome);

        var named = await h.Publications.PublishAsync(dialogue, anna.UserId!, draft.Replace("| Beleid actualiseren | — |", "| Beleid actualiseren | K&#173;laas Bakker |", StringComparison.Ordinal), Ct);
        Assert.Equal(PublishOutcome.HasPersonalNames, named.Outcome);
        Assert.Equal(["Klaas Bakker"], named.Names);
        Assert.Equal(["Bakker"], (await h.Publications.PublishAsync(dialogue, anna.UserId!, draft + "\nBakker stuurt het rond.\n", Ct)).Names);
    }
}
