using Bunit;
using IbtDialogue.Client.Room;
using IbtDialogue.Protocol;

namespace IbtDialogue.Tests.Components;

/// <summary>The facilitator's console in each state of a dialogue: what the control bar offers and which panels come first.</summary>
public sealed class ConsoleComponentTests : ComponentTests
{
    private static readonly RiskView[] Risks =
    [
        new(11, 1, 1, "Handhaving blijft uit", null, RiskStatus.Accepted),
        new(12, 1, 2, "LRK onjuist", null, RiskStatus.Accepted),
    ];

    private static readonly RiskResult[] Results =
    [
        new(12, 1, 6, 3),
        new(11, 2, 2, 2),
    ];

    private IRenderedComponent<FacilitatorConsole> Console()
    {
        var console = Render<FacilitatorConsole>(p => p.Add(c => c.DialogueId, 7));
        console.WaitForAssertion(() => console.Find("[data-testid=control-bar]"));
        return console;
    }

    private static RoomSnapshot Weighing(VotingView? voting, IReadOnlyList<RiskView>? risks = null, Phase phase = Phase.RiskWeighing) =>
        FakeHubClient.Room(DialogueStatus.Open, RoomRole.Facilitator, phase) with { Risks = risks ?? Risks, Votings = voting is null ? [] : [voting] };

    private static List<string> Buttons(IRenderedComponent<FacilitatorConsole> console, string scope) =>
        [.. console.FindAll($"{scope} button").Select(b => b.TextContent.Trim())];

    [Fact]
    public void A_draft_starts_with_the_agenda_and_settings_unfolded_and_offers_only_opening()
    {
        UseHub(FakeHubClient.Room(DialogueStatus.Draft, RoomRole.Facilitator));
        var console = Console();

        Assert.Equal(["Dialoog openen"], Buttons(console, "[data-testid=control-bar]"));
        Assert.Contains("Presentatiescherm", console.Find("[data-testid=control-bar]").TextContent, StringComparison.Ordinal);
        Assert.True(console.Find("details.agenda-editor").HasAttribute("open"));
        Assert.True(console.Find("details.settings").HasAttribute("open"));
        Assert.Equal(2, console.FindAll(".agenda-list > li").Count); // Both themes of the agenda, not "no theme chosen".
        Assert.Empty(console.FindAll(".stage"));
        Assert.Empty(console.FindAll("#timer-minutes"));

        // The bar comes first, then the preparation.
        var panels = console.FindAll(".room-main > section, .room-main > details").Select(e => e.ClassName).ToList();
        Assert.StartsWith("panel controls control-bar", panels[0], StringComparison.Ordinal);
        Assert.Contains("agenda-editor", panels[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Open_the_bar_says_what_is_on_and_offers_next_previous_lock_timer_and_the_counts()
    {
        UseHub(FakeHubClient.Room(DialogueStatus.Open, RoomRole.Facilitator, Phase.GoodPractices, FakeHubClient.Item(1, "Wacht nog") with { Status = ContributionStatus.Pending }) with
        {
            Settings = new SettingsView(Anonymity.Named, true, true),
        });
        var console = Console();
        var bar = console.Find("[data-testid=control-bar]");

        Assert.Equal("Nu: 1. Handhaving bij overtredingen — Goede voorbeelden", console.Find("[data-testid=now]").TextContent.Trim());
        var buttons = Buttons(console, "[data-testid=control-bar]");
        Assert.Contains("Vorige: Handhaving bij overtredingen — Delen", buttons);
        Assert.Contains("Volgende: Handhaving bij overtredingen — Risico's wegen", buttons);
        Assert.Contains("Invoer sluiten", buttons);
        Assert.Contains("Timer starten", buttons);
        Assert.Equal(["Aanwezig: 3", "Wacht op goedkeuring: 1"], console.FindAll("[data-testid=counts] li").Select(li => li.TextContent.Trim()));
        Assert.Equal("#queue-title", console.Find("[data-testid=counts] a").GetAttribute("href"));

        // Once open, the stage comes before the panels, and the agenda and settings fold away below.
        Assert.Single(console.FindAll(".stage"));
        Assert.False(console.Find("details.agenda-editor").HasAttribute("open"));
        Assert.Equal(["stage", "agenda-editor"], console.FindAll(".room-main .stage, .room-main details.agenda-editor").Select(e => e.ClassList.Contains("stage") ? "stage" : "agenda-editor"));
        Assert.Same(bar.ParentElement, console.Find(".stage").ParentElement);
    }

    [Fact]
    public void The_vote_button_says_why_it_cannot_open_and_sends_nothing()
    {
        var hub = UseHub(Weighing(null, risks: []));
        var console = Console();

        var open = console.FindAll(".voting-controls button").Single(b => b.TextContent == "Stemming openen");
        Assert.Equal("true", open.GetAttribute("aria-disabled"));
        Assert.False(open.HasAttribute("disabled")); // Reachable by keyboard, so its reason can be heard.
        Assert.Equal("open-vote-why", open.GetAttribute("aria-describedby"));
        Assert.Contains("minstens één risico", console.Find("#open-vote-why").TextContent, StringComparison.Ordinal);

        open.Click();
        Assert.Empty(hub.Commands<OpenVoting>());
    }

    [Fact]
    public void While_voting_the_bar_counts_the_votes()
    {
        UseHub(Weighing(new VotingView(1, VoteMethod.Dots, 5, 3, VoteState.Open, false, null)) with { Progress = [new VotingProgress(7, 1, 2, 11)] });
        var console = Console();

        Assert.Contains("Gestemd: 2", console.FindAll("[data-testid=counts] li").Select(li => li.TextContent.Trim()));
        Assert.Equal(["Stemming sluiten"], Buttons(console, ".voting-controls"));
    }

    [Fact]
    public async Task After_the_reveal_the_console_keeps_the_results_and_leads_to_the_presentation_screen()
    {
        var revealed = new VotingView(1, VoteMethod.Dots, 5, 3, VoteState.Closed, true, Results);
        var hub = UseHub(Weighing(revealed));
        var console = Console();

        Assert.Equal(2, console.FindAll("[data-testid=results] [data-testid=result-row]").Count);
        Assert.Single(console.FindAll("[data-testid=results] .bar-chart"));
        var toPresenter = console.Find(".voting-controls a");
        Assert.Equal("dialogen/7/presentatie", toPresenter.GetAttribute("href"));
        Assert.Contains("Naar het presentatiescherm", toPresenter.TextContent, StringComparison.Ordinal);

        // On to the agreements: the facilitator still has the result at hand.
        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { Phase = Phase.Agreements }));
        console.WaitForAssertion(() => Assert.Equal("LRK onjuist", console.Find(".kept-results [data-testid=result-row] th").TextContent));
    }

    [Fact]
    public void A_closed_dialogue_leads_to_its_minutes_and_offers_no_stage_controls()
    {
        UseHub(FakeHubClient.Room(DialogueStatus.Closed, RoomRole.Facilitator));
        var console = Console();

        Assert.Empty(Buttons(console, "[data-testid=control-bar]"));
        Assert.Equal("dialogen/7/notulen", console.Find("[data-testid=control-bar] a").GetAttribute("href"));
        Assert.Empty(console.FindAll("details.agenda-editor"));
    }

    [Fact]
    public void Agenda_buttons_that_cannot_act_are_left_out_or_say_why()
    {
        UseHub(FakeHubClient.Room(DialogueStatus.Draft, RoomRole.Facilitator)); // Theme 1 is the current one.
        var console = Console();
        var themes = console.FindAll(".agenda-theme");

        Assert.DoesNotContain(themes[0].QuerySelectorAll("button"), b => b.TextContent.StartsWith("Omhoog", StringComparison.Ordinal));
        Assert.DoesNotContain(themes[1].QuerySelectorAll("button"), b => b.TextContent.StartsWith("Omlaag", StringComparison.Ordinal));
        var remove = themes[0].QuerySelectorAll("button").Single(b => b.TextContent.StartsWith("Verwijderen", StringComparison.Ordinal));
        Assert.True(remove.HasAttribute("disabled"));
        Assert.Equal("Dit is het huidige thema.", console.Find($"#{remove.GetAttribute("aria-describedby")}").TextContent);
    }
}
