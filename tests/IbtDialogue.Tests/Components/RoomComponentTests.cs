using Bunit;
using IbtDialogue.Client.Live;
using IbtDialogue.Client.Protocol;
using IbtDialogue.Client.Room;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Components;

public sealed class RoomComponentTests : BunitContext
{
    private FakeHubClient UseHub(RoomSnapshot snapshot)
    {
        var hub = new FakeHubClient(snapshot);
        Services.AddSingleton<HubClientFactory>(_ => hub);
        return hub;
    }

    private static System.Globalization.CultureInfo Dutch => System.Globalization.CultureInfo.GetCultureInfo("nl-NL");

    public RoomComponentTests()
    {
        System.Globalization.CultureInfo.CurrentCulture = Dutch;
        System.Globalization.CultureInfo.CurrentUICulture = Dutch;
    }

    [Fact]
    public void The_participant_room_shows_the_current_theme_its_contributions_and_who_is_here()
    {
        UseHub(FakeHubClient.Room(DialogueStatus.Open, false,
            FakeHubClient.Item(1, "Vaste contactpersoon"),
            FakeHubClient.Item(2, "Ander thema", theme: 2)));

        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7).Add(c => c.Token, "t"));

        room.WaitForAssertion(() => Assert.Equal("Handhaving kinderopvang", room.Find("h1").TextContent));
        Assert.Contains("Handhaving bij overtredingen", room.Find("#theme-title").TextContent, StringComparison.Ordinal);
        var item = Assert.Single(room.FindAll("[data-testid=contribution]"));
        Assert.Contains("Vaste contactpersoon", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Succesfactor", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("3 deelnemers uit 2 organisaties", room.Find("[data-testid=presence-summary]").TextContent);
        Assert.Contains("ABC-234", room.Find(".code").TextContent, StringComparison.Ordinal);
        Assert.Empty(room.FindAll(".controls")); // No facilitator controls for a participant.
    }

    [Fact]
    public async Task A_new_contribution_appears_live_and_is_announced_to_screen_readers()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7).Add(c => c.Token, "t"));
        room.WaitForAssertion(() => room.Find("h1"));

        await hub.RaiseAsync(new ContributionPosted(7, 11, FakeHubClient.Item(9, "Signalen uit de praktijk", ContributionKind.Bottleneck) with { AuthorName = "Kees" }));

        room.WaitForAssertion(() => Assert.Contains("Signalen uit de praktijk", room.Find("[data-testid=contribution]").TextContent, StringComparison.Ordinal));
        var announcer = room.Find("[data-testid=announcer]");
        Assert.Equal("polite", announcer.GetAttribute("aria-live"));
        Assert.Equal("Nieuwe bijdrage (Knelpunt) van Kees: Signalen uit de praktijk", announcer.TextContent);
    }

    [Fact]
    public async Task An_event_after_a_gap_makes_the_room_load_a_snapshot_instead_of_guessing()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7).Add(c => c.Token, "t"));
        room.WaitForAssertion(() => room.Find("h1"));
        hub.Snapshot = FakeHubClient.Room(DialogueStatus.Open, false, FakeHubClient.Item(1, "Gemist"), FakeHubClient.Item(2, "Nieuw")) with { Version = 12 };

        await hub.RaiseAsync(new ContributionPosted(7, 12, FakeHubClient.Item(2, "Nieuw"))); // Version 11 never arrived.

        room.WaitForAssertion(() => Assert.Equal(2, room.FindAll("[data-testid=contribution]").Count));
        Assert.Equal(2, hub.Sent.Count(s => s is ValueTuple<string, int>)); // Enter, then the resync.
    }

    [Fact]
    public void A_lost_connection_is_shown_and_announced()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7).Add(c => c.Token, "t"));
        room.WaitForAssertion(() => room.Find("h1"));

        hub.SetState(LiveConnectionState.Reconnecting);

        room.WaitForAssertion(() => Assert.Contains("We maken opnieuw verbinding", room.Find(".connection").TextContent, StringComparison.Ordinal));
        Assert.Equal("status", room.Find(".connection").GetAttribute("role"));
        hub.SetState(LiveConnectionState.Connected);
        room.WaitForAssertion(() => Assert.Empty(room.FindAll(".connection-banner")));
    }

    [Fact]
    public void Posting_sends_the_text_and_kind_and_clears_the_field()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7).Add(c => c.Token, "t"));
        room.WaitForAssertion(() => room.Find("textarea"));

        room.Find("#kind-bottleneck").Change(true);
        room.Find("textarea").Input("Te weinig inspecties");
        room.Find("form").Submit();

        room.WaitForAssertion(() => Assert.Single(hub.Sent, s => s is PostContribution));
        var sent = hub.Sent.OfType<PostContribution>().Single();
        Assert.Equal(ContributionKind.Bottleneck, sent.Kind);
        Assert.Equal("Te weinig inspecties", sent.Text);
        Assert.Equal(1, sent.ThemeId);
        Assert.NotEqual(Guid.Empty, sent.CommandId);
        room.WaitForAssertion(() => Assert.Equal("", room.Find("textarea").GetAttribute("value") ?? ""));
    }

    [Fact]
    public void A_refused_post_shows_the_reason_in_dutch_and_keeps_the_text()
    {
        var hub = UseHub(FakeHubClient.Room());
        hub.Answer = _ => CommandResult.Failure(ErrorCodes.TextTooLong, "too long");
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7).Add(c => c.Token, "t"));
        room.WaitForAssertion(() => room.Find("textarea"));

        room.Find("textarea").Input("Veel te veel");
        room.Find("form").Submit();

        room.WaitForAssertion(() => Assert.Equal("Je bijdrage mag hoogstens 1000 tekens lang zijn.", room.Find("#contribution-error").TextContent));
        Assert.Equal("alert", room.Find("#contribution-error").GetAttribute("role"));
        Assert.Equal("true", room.Find("textarea").GetAttribute("aria-invalid"));
        Assert.Equal("Veel te veel", room.Find("textarea").GetAttribute("value"));
    }

    [Fact]
    public void A_closed_dialogue_offers_no_form()
    {
        UseHub(FakeHubClient.Room(DialogueStatus.Closed));
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7).Add(c => c.Token, "t"));
        room.WaitForAssertion(() => Assert.Contains("Deze dialoog is gesloten", room.Find(".notice").TextContent, StringComparison.Ordinal));
        Assert.Empty(room.FindAll("form"));
    }

    [Fact]
    public void The_facilitator_opens_a_draft_dialogue()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Draft, facilitator: true));
        var console = Render<FacilitatorConsole>(p => p.Add(c => c.DialogueId, 7));
        console.WaitForAssertion(() => console.Find(".controls"));

        console.FindAll(".controls button").Single(b => b.TextContent == "Dialoog openen").Click();

        console.WaitForAssertion(() => Assert.Single(hub.Sent, s => s is DialogueCommand));
        var sent = hub.Sent.OfType<DialogueCommand>().Single();
        Assert.Equal(7, sent.DialogueId);
    }

    [Fact]
    public void Closing_asks_for_confirmation_first()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, facilitator: true));
        var console = Render<FacilitatorConsole>(p => p.Add(c => c.DialogueId, 7));
        console.WaitForAssertion(() => console.Find(".controls"));

        console.FindAll(".controls button").Single(b => b.TextContent == "Dialoog afsluiten").Click();
        console.WaitForAssertion(() => Assert.Contains("Weet je het zeker?", console.Find("#close-question").TextContent, StringComparison.Ordinal));
        Assert.Empty(hub.Sent.OfType<DialogueCommand>());

        console.FindAll(".controls button").Single(b => b.TextContent == "Ja, dialoog afsluiten").Click();
        console.WaitForAssertion(() => Assert.Single(hub.Sent.OfType<DialogueCommand>()));
    }

    [Fact]
    public async Task The_facilitator_moves_everyone_to_another_theme_and_a_refusal_is_shown()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, facilitator: true));
        var console = Render<FacilitatorConsole>(p => p.Add(c => c.DialogueId, 7));
        console.WaitForAssertion(() => console.Find(".agenda"));
        Assert.Equal("step", console.Find(".agenda [aria-current]").GetAttribute("aria-current"));

        console.Find(".agenda button").Click();
        console.WaitForAssertion(() => Assert.Single(hub.Sent, s => s is SetCurrentTheme));
        var sent = hub.Sent.OfType<SetCurrentTheme>().Single();
        Assert.Equal(2, sent.ThemeId);

        await hub.RaiseAsync(new DialogueChanged(7, 11, DialogueStatus.Open, 2));
        console.WaitForAssertion(() => Assert.Contains("LRK op orde", console.Find("#theme-title").TextContent, StringComparison.Ordinal));
        Assert.Equal("Nieuw thema: LRK op orde", console.Find("[data-testid=announcer]").TextContent);

        hub.Answer = _ => CommandResult.Failure(ErrorCodes.DialogueClosed, "closed");
        console.Find(".agenda button").Click();
        console.WaitForAssertion(() => Assert.Contains("Deze dialoog is gesloten", console.Find(".controls .error").TextContent, StringComparison.Ordinal));
    }
}
