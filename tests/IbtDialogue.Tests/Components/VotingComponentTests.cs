using Bunit;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Client.Room;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Components;

public sealed class VotingComponentTests : ComponentTests
{
    private static readonly RiskView[] Risks =
    [
        new(11, 1, 1, "Handhaving blijft uit", null, RiskStatus.Accepted),
        new(12, 1, 2, "LRK onjuist", null, RiskStatus.Accepted),
        new(13, 1, 3, "Gastouders niet bezocht", null, RiskStatus.Accepted),
    ];


    private static RoomSnapshot Weighing(VotingView voting, RoomRole role = RoomRole.Participant, params BallotEntry[] ballot) =>
        FakeHubClient.Room(DialogueStatus.Open, role, Phase.RiskWeighing) with { Risks = Risks, Votings = [voting], MyBallot = ballot };

    private static VotingView Dots(VoteState state = VoteState.Open, bool revealed = false, IReadOnlyList<RiskResult>? results = null) =>
        new(1, VoteMethod.Dots, 5, 3, state, revealed, results);

    private IRenderedComponent<ParticipantRoom> Participant()
    {
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7));
        room.WaitForAssertion(() => room.Find("[data-testid=vote-state]"));
        return room;
    }

    [Fact]
    public void The_dot_ballot_shows_the_points_left_and_sends_absolute_points()
    {
        var hub = UseHub(Weighing(Dots(), ballot: new BallotEntry(11, 2, null, null)));
        var room = Participant();

        Assert.Equal("Je hebt nog 3 van de 5 punten.", room.Find("[data-testid=budget-left]").TextContent);
        Assert.Equal("polite", room.Find("[data-testid=budget-left]").GetAttribute("aria-live"));
        room.FindAll("[data-testid=ballot-risk]")[1].QuerySelectorAll("button").Single(b => b.TextContent.StartsWith('+')).Click();

        room.WaitForAssertion(() => Assert.Equal(new CastDots(Guid.Empty, 7, 1, 12, 1), hub.Commands<CastDots>().Single() with { CommandId = Guid.Empty }));
        room.WaitForAssertion(() => Assert.Equal("Je hebt nog 2 van de 5 punten.", room.Find("[data-testid=budget-left]").TextContent));
    }

    [Fact]
    public void Pressing_plus_twice_while_the_first_point_is_on_its_way_gives_two_points()
    {
        var hub = UseHub(Weighing(Dots()));
        var room = Participant();
        hub.Hold = new TaskCompletionSource();
        var plus = () => room.FindAll("[data-testid=ballot-risk]")[0].QuerySelectorAll("button").Single(b => b.TextContent.StartsWith('+'));

        plus().Click();
        room.WaitForAssertion(() => Assert.Single(hub.Commands<CastDots>()));
        Assert.False(plus().HasAttribute("disabled")); // Focus stays on the button that was pressed.
        plus().Click();
        room.WaitForAssertion(() => Assert.Equal("Je hebt nog 3 van de 5 punten.", room.Find("[data-testid=budget-left]").TextContent));

        hub.Hold.SetResult();
        room.WaitForAssertion(() => Assert.Equal([1, 2], hub.Commands<CastDots>().Select(c => c.Points)));
        room.WaitForAssertion(() => Assert.Equal("Je hebt nog 3 van de 5 punten.", room.Find("[data-testid=budget-left]").TextContent));
    }

    [Fact]
    public void Plus_is_disabled_at_the_cap_and_when_the_budget_is_spent()
    {
        UseHub(Weighing(Dots(), ballot: [new BallotEntry(11, 3, null, null), new BallotEntry(12, 2, null, null)]));
        var room = Participant();
        var plus = room.FindAll("[data-testid=ballot-risk] button").Where(b => b.TextContent.StartsWith('+')).ToList();
        Assert.All(plus, b => Assert.True(b.HasAttribute("disabled")));
        Assert.Equal("Je hebt nog 0 van de 5 punten.", room.Find("[data-testid=budget-left]").TextContent);
    }

    [Fact]
    public void A_refused_vote_is_explained()
    {
        var hub = UseHub(Weighing(Dots()));
        hub.Answer = (_, _) => CommandResult.Failure(ErrorCodes.OverBudget, "over");
        var room = Participant();
        room.Find("#dots-11").Change("5");
        room.WaitForAssertion(() => Assert.Contains("Zoveel punten heb je niet meer", room.Find(".ballot .error").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_matrix_ballot_sends_a_rating_once_both_scores_are_chosen()
    {
        var hub = UseHub(Weighing(new VotingView(1, VoteMethod.Matrix, 5, 3, VoteState.Open, false, null)));
        var room = Participant();

        room.Find("#likelihood-12").Change("4");
        Assert.Empty(hub.Commands<RateRisk>());
        room.Find("#impact-12").Change("2");

        room.WaitForAssertion(() => Assert.Equal(new RateRisk(Guid.Empty, 7, 1, 12, 4, 2), hub.Commands<RateRisk>().Single() with { CommandId = Guid.Empty }));
    }

    [Fact]
    public void A_closed_vote_shows_no_figures_until_revealed()
    {
        UseHub(Weighing(Dots(VoteState.Closed)));
        var room = Participant();
        Assert.Contains("De stemming is gesloten", room.Find("[data-testid=vote-state]").TextContent, StringComparison.Ordinal);
        Assert.Empty(room.FindAll("[data-testid=results]"));
        Assert.Equal(3, room.FindAll("[data-testid=risk]").Count);
    }

    [Fact]
    public async Task Revealed_dot_results_appear_as_a_ranked_table_and_a_chart_of_the_same_figures()
    {
        var hub = UseHub(Weighing(Dots(VoteState.Closed)));
        var room = Participant();

        await hub.RaiseAsync(new RoomDelta(Votings: [Dots(VoteState.Closed, true, [new RiskResult(12, 1, 9, 4), new RiskResult(11, 2, 6, 3), new RiskResult(13, 2, 6, 2)])]));

        room.WaitForAssertion(() => Assert.Equal(3, room.FindAll("[data-testid=result-row]").Count));
        var rows = room.FindAll("[data-testid=result-row]").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["1|LRK onjuist|9|4", "2|Handhaving blijft uit|6|3", "2|Gastouders niet bezocht|6|2"], rows);
        var chart = room.Find("[data-testid=results] .bar-chart");
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal(3, chart.QuerySelectorAll("svg rect").Length);
        // The labels are whole titles in text that wraps, not cut to fit a drawing.
        Assert.Equal(["LRK onjuist", "Handhaving blijft uit", "Gastouders niet bezocht"], chart.QuerySelectorAll(".bar-label").Select(l => l.TextContent));
        Assert.Equal("De uitslag van de stemming over Handhaving bij overtredingen is bekend.", room.Find("[data-testid=announcer]").TextContent);
    }

    [Fact]
    public async Task Opening_and_closing_the_vote_is_announced_to_screen_readers()
    {
        var hub = UseHub(Weighing(Dots(VoteState.NotStarted)));
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7));
        room.WaitForAssertion(() => room.Find("h1"));

        await hub.RaiseAsync(new RoomDelta(Votings: [Dots(VoteState.Open)]));
        room.WaitForAssertion(() => Assert.Equal("De stemming over Handhaving bij overtredingen is geopend.", room.Find("[data-testid=announcer]").TextContent));

        hub.Snapshot = hub.Snapshot with { Version = hub.Snapshot.Version + 1 };
        await hub.RaiseAsync(new RoomDelta(Votings: [Dots(VoteState.Closed)]));
        room.WaitForAssertion(() => Assert.Equal("De stemming over Handhaving bij overtredingen is gesloten.", room.Find("[data-testid=announcer]").TextContent));
    }

    [Fact]
    public void Matrix_results_show_means_and_score_in_dutch_notation_and_place_each_risk_on_the_matrix()
    {
        var matrix = new VotingView(1, VoteMethod.Matrix, 5, 3, VoteState.Closed, true,
            [new RiskResult(12, 1, 0, 2, 4.5, 3.5, 15.75, 0.5, 0.5), new RiskResult(11, 2, 0, 1, 2, 2, 4, 0, 0), new RiskResult(13, 3, 0, 0)]);
        UseHub(Weighing(matrix));
        var room = Participant();

        var first = room.FindAll("[data-testid=result-row]")[0].Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["1", "LRK onjuist", "4,5", "3,5", "15,8", "2"], first);
        Assert.Equal("—", room.FindAll("[data-testid=result-row]")[2].Children[4].TextContent.Trim());
        Assert.Equal(2, room.FindAll("[data-testid=results] svg circle").Count); // The unrated risk has no place.
    }

    [Fact]
    public async Task The_facilitator_sees_how_many_voted_and_closes_then_reveals()
    {
        var hub = UseHub(Weighing(Dots(), RoomRole.Facilitator));
        var console = Render<FacilitatorConsole>(p => p.Add(c => c.DialogueId, 7));
        console.WaitForAssertion(() => console.Find("[data-testid=vote-progress]"));
        Assert.Equal("0 van de 3 aanwezige deelnemers hebben gestemd.", console.Find("[data-testid=vote-progress]").TextContent);

        await hub.RaiseAsync(new VotingProgress(7, 1, 2, 3));
        console.WaitForAssertion(() => Assert.Equal("2 van de 3 aanwezige deelnemers hebben gestemd.", console.Find("[data-testid=vote-progress]").TextContent));
        Assert.Empty(console.FindAll(".ballot")); // Facilitators do not vote.

        console.FindAll(".voting-controls button").Single(b => b.TextContent == "Stemming sluiten").Click();
        console.WaitForAssertion(() => Assert.Equal(nameof(IDialogueHub.CloseVoting), hub.Sent.Last().Method));
        await hub.RaiseAsync(new RoomDelta(Votings: [Dots(VoteState.Closed)]));
        console.WaitForAssertion(() => console.FindAll(".voting-controls button").Single(b => b.TextContent == "Uitslag tonen").Click());
        console.WaitForAssertion(() => Assert.Equal(nameof(IDialogueHub.RevealResults), hub.Sent.Last().Method));
    }

    [Fact]
    public void Before_the_vote_the_facilitator_manages_risks_proposals_and_the_method()
    {
        var snapshot = Weighing(Dots(VoteState.NotStarted), RoomRole.Facilitator) with
        {
            Risks = [.. Risks, new RiskView(14, 1, 4, "Vve bereikt te weinig kinderen", null, RiskStatus.Proposed)],
        };
        var hub = UseHub(snapshot);
        var console = Render<FacilitatorConsole>(p => p.Add(c => c.DialogueId, 7));
        console.WaitForAssertion(() => console.Find("[data-testid=risk-proposal]"));

        console.Find("[data-testid=risk-proposal] button").Click();
        console.WaitForAssertion(() => Assert.True(hub.Commands<DecideRisk>().Single().Accept));

        console.Find("#new-risk").Change("Meetbare doelen ontbreken");
        console.FindAll(".voting-controls button").Single(b => b.TextContent == "Toevoegen").Click();
        console.WaitForAssertion(() => Assert.Equal("Meetbare doelen ontbreken", hub.Commands<SaveRisk>().Single().Title));

        // The method chosen on the form is the one that opens: no separate save step.
        console.Find("#method-matrix").Change(true);
        console.FindAll(".voting-controls button").Single(b => b.TextContent == "Stemming openen").Click();
        console.WaitForAssertion(() => Assert.Equal(new OpenVoting(Guid.Empty, 7, 1, VoteMethod.Matrix, 5, 3), hub.Commands<OpenVoting>().Single() with { CommandId = Guid.Empty }));
        Assert.Empty(hub.Commands<ConfigureVoting>());
    }

    [Fact]
    public void A_good_practice_is_sent_with_all_its_parts_and_a_missing_consent_is_explained()
    {
        var hub = UseHub(FakeHubClient.Room(phase: Phase.GoodPractices));
        hub.Answer = (_, _) => CommandResult.Failure(ErrorCodes.ConsentRequired, "consent");
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7));
        room.WaitForAssertion(() => room.Find(".practice-form"));

        Assert.Equal("Zwolle", room.Find("#practice-new-organisation").GetAttribute("value")); // Their own organisation to start with.
        room.Find("#practice-new-title").Change("Neutrale verbinder");
        room.Find("#practice-new-what").Change("De gemeente zit het overleg voor.");
        room.Find("#practice-new-why").Change("Iedereen voelt zich gehoord.");
        room.Find("#practice-new-step-check").Change(true);
        room.Find("#practice-new-contact-name").Change("Fatima Bakker");
        room.Find(".practice-form").Submit();

        room.WaitForAssertion(() => Assert.Contains("toestemming", room.Find(".practice-form .error").TextContent, StringComparison.Ordinal));
        var sent = hub.Commands<SaveGoodPractice>().Single();
        Assert.Equal(("Neutrale verbinder", "De gemeente zit het overleg voor.", "Iedereen voelt zich gehoord.", "Zwolle", CycleStep.Check, "Fatima Bakker", false),
            (sent.Title, sent.What, sent.Why, sent.Organisation, sent.Step, sent.ContactName, sent.ContactConsent));
    }

    [Fact]
    public void A_good_practice_shows_its_parts_its_consenting_contact_and_its_questions()
    {
        var practice = FakeHubClient.Item(5, "De gemeente zit het overleg voor.") with
        {
            Kind = ContributionKind.GoodPractice,
            Practice = new GoodPracticeView("Neutrale verbinder", "Iedereen voelt zich gehoord.", "Zwolle", CycleStep.Do, "Fatima Bakker", "06-1234"),
        };
        var question = FakeHubClient.Item(6, "Hoe vaak komen jullie bijeen?", ContributionKind.Question) with { ParentId = 5 };
        UseHub(FakeHubClient.Room(phase: Phase.GoodPractices, contributions: [practice, question]));
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7));
        room.WaitForAssertion(() => room.Find(".practice-title"));

        Assert.Equal("Neutrale verbinder", room.Find(".practice-title").TextContent);
        Assert.Contains("Uitvoeren", room.Find("dl.practice").TextContent, StringComparison.Ordinal);
        Assert.Equal("Fatima Bakker — 06-1234", room.Find("[data-testid=practice-contact]").TextContent);
        Assert.Contains("Hoe vaak komen jullie bijeen?", room.Find(".questions").TextContent, StringComparison.Ordinal);
        Assert.Single(room.FindAll(".question-form"));
    }
}
