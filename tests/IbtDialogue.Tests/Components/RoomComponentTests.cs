using Bunit;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Client.Room;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Components;

public sealed class RoomComponentTests : ComponentTests
{
    /// <summary>The button (within the scope) whose text holds all the parts.</summary>
    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> component, string scope, params string[] parts)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.FindAll(scope.Length == 0 ? "button" : $"{scope} button").First(b => parts.All(p => b.TextContent.Contains(p, StringComparison.Ordinal)));

    /// <summary>Finds and clicks the button in one go on the renderer's thread, so a render in between cannot replace its handler.</summary>
    private static Task ClickAsync<T>(IRenderedComponent<T> component, string scope, params string[] parts)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        component.InvokeAsync(() => Button(component, scope, parts).Click());

    private IRenderedComponent<ParticipantRoom> Participant()
    {
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7));
        room.WaitForAssertion(() => room.Find("h1"));
        return room;
    }

    private IRenderedComponent<FacilitatorConsole> Console()
    {
        var console = Render<FacilitatorConsole>(p => p.Add(c => c.DialogueId, 7));
        console.WaitForAssertion(() => console.Find(".controls"));
        return console;
    }

    [Fact]
    public void The_participant_room_shows_the_theme_its_phase_its_contributions_and_who_is_here()
    {
        UseHub(FakeHubClient.Room(contributions: [FakeHubClient.Item(1, "Vaste contactpersoon"), FakeHubClient.Item(2, "Ander thema", theme: 2)]));

        var room = Participant();

        Assert.Equal("Handhaving kinderopvang", room.Find("h1").TextContent);
        Assert.Contains("Handhaving bij overtredingen", room.Find("#theme-title").TextContent, StringComparison.Ordinal);
        Assert.Contains("Delen", room.Find("[data-testid=phase]").TextContent, StringComparison.Ordinal);
        var item = Assert.Single(room.FindAll("[data-testid=contribution]"));
        Assert.Contains("Vaste contactpersoon", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("3 deelnemers uit 2 organisaties", room.Find("[data-testid=presence-summary]").TextContent);
        Assert.Contains("ABC-234", room.Find(".code").TextContent, StringComparison.Ordinal);
        Assert.Empty(room.FindAll(".controls"));
        Assert.Empty(room.FindAll("button:contains('Verbergen')"));
    }

    [Fact]
    public void Prerendered_the_room_is_read_only_connects_to_nothing_and_hands_its_state_to_the_client()
    {
        var hub = UseHub(FakeHubClient.Room(contributions: [FakeHubClient.Item(1, "Vaste contactpersoon")]), prerendering: true);
        hub.SetState(LiveConnectionState.Connecting); // As the server's reader says.

        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7));

        Assert.Equal("Handhaving kinderopvang", room.Find("h1").TextContent);
        Assert.Contains("Vaste contactpersoon", room.Find("[data-testid=contribution]").TextContent, StringComparison.Ordinal);
        Assert.True(room.Find("fieldset.room-body").HasAttribute("disabled"));
        Assert.Null(room.Find(".live-room").GetAttribute("data-interactive"));
        Assert.Contains("Verbinden", room.Find(".connection-banner").TextContent, StringComparison.Ordinal);
        Assert.Equal([("snapshot", (object)7)], hub.Sent);

        PageState.TriggerOnPersisting();
        Assert.True(PageState.TryTake<System.Text.Json.JsonElement>("room-7", out var json));
        var handedOver = System.Text.Json.JsonSerializer.Deserialize<RoomSnapshot>(json, ProtocolJson.Options)!;
        Assert.Equal(hub.Snapshot.Version, handedOver.Version);
        Assert.Equal("Vaste contactpersoon", Assert.Single(handedOver.Contributions).Text);
    }

    [Fact]
    public void The_client_shows_the_handed_over_room_at_once_and_enables_it_once_entered()
    {
        var hub = UseHub(FakeHubClient.Room(contributions: [FakeHubClient.Item(1, "Vaste contactpersoon"), FakeHubClient.Item(2, "Later gepost")]));
        hub.Connecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        PageState.Persist("room-7", System.Text.Json.JsonSerializer.SerializeToElement(
            hub.Snapshot with { Contributions = [FakeHubClient.Item(1, "Vaste contactpersoon")], Stage = hub.Snapshot.Stage with { InputLocked = true } }, ProtocolJson.Options));

        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7));

        // Before the hub answers: the room as the page showed it, not an empty page, and nothing to press.
        Assert.Equal("Handhaving kinderopvang", room.Find("h1").TextContent);
        Assert.Single(room.FindAll("[data-testid=contribution]"));
        Assert.True(room.Find("fieldset.room-body").HasAttribute("disabled"));
        Assert.Null(room.Find(".live-room").GetAttribute("data-interactive"));

        hub.Connecting.SetResult();

        room.WaitForAssertion(() => Assert.Equal("true", room.Find(".live-room").GetAttribute("data-interactive")));
        Assert.False(room.Find("fieldset.room-body").HasAttribute("disabled"));
        Assert.Equal(2, room.FindAll("[data-testid=contribution]").Count);
        Assert.Contains(("enter", (object)false), hub.Sent);
        // What changed on stage since the page was read is said, as an event would have said it.
        Assert.Equal("De invoer is weer open.", room.Find("[data-testid=announcer]").TextContent);
    }

    [Fact]
    public async Task A_new_contribution_appears_live_and_is_announced_to_screen_readers()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();

        await hub.RaiseAsync(new RoomDelta(Contributions: [FakeHubClient.Item(9, "Signalen uit de praktijk", ContributionKind.Bottleneck) with { AuthorName = "Kees" }]));

        room.WaitForAssertion(() => Assert.Contains("Signalen uit de praktijk", room.Find("[data-testid=contribution]").TextContent, StringComparison.Ordinal));
        var announcer = room.Find("[data-testid=announcer]");
        Assert.Equal("polite", announcer.GetAttribute("aria-live"));
        Assert.Equal("Nieuwe bijdrage (Knelpunt) van Kees, Zwolle: Signalen uit de praktijk", announcer.TextContent);
    }

    [Fact]
    public async Task Going_offline_is_shown_at_once_and_the_banner_goes_when_the_device_is_back()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();
        room.WaitForAssertion(() => Assert.Single(JSInterop.Invocations["watch"]));
        Assert.Empty(room.Find("[data-testid=connection]").TextContent.Trim());

        await BrowserOnlineAsync(false);
        room.WaitForAssertion(() => Assert.Equal("Je bent offline. Zodra je weer internet hebt, gaat de dialoog verder.", room.Find("[data-testid=connection]").TextContent.Trim()));
        Assert.Equal("polite", room.Find("[data-testid=connection]").GetAttribute("aria-live"));

        await BrowserOnlineAsync(true);
        room.WaitForAssertion(() => Assert.Empty(room.Find("[data-testid=connection]").TextContent.Trim()));
        Assert.Equal(LiveConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task A_post_that_could_not_be_delivered_keeps_its_text_and_is_sent_again_with_the_same_id_once_the_connection_is_back()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();
        hub.Answer = (_, _) => CommandResult.Failure(ErrorCodes.Unavailable, "The connection to the server is lost.");
        hub.SetState(LiveConnectionState.Reconnecting);

        room.Find("#contribution-text").Input("Te weinig toezichthouders");
        room.Find("form.contribution-form").Submit();

        room.WaitForAssertion(() => Assert.Contains("Niet verstuurd: er is geen verbinding.", room.Find("[data-testid=undelivered]").TextContent, StringComparison.Ordinal));
        Assert.Equal("Te weinig toezichthouders", room.Find("#contribution-text").GetAttribute("value"));
        Assert.Empty(room.FindAll("[data-testid=undelivered] button")); // Nothing to press until the connection is back.

        hub.Answer = null;
        hub.SetState(LiveConnectionState.Connected);
        room.WaitForAssertion(() => Assert.Contains("De verbinding is terug.", room.Find("[data-testid=undelivered]").TextContent, StringComparison.Ordinal));
        room.Find("[data-testid=undelivered] button").Click();

        room.WaitForAssertion(() => Assert.Empty(room.FindAll("[data-testid=undelivered]")));
        Assert.Empty(room.FindAll(".contribution-form .error"));
        Assert.Equal("", room.Find("#contribution-text").GetAttribute("value") ?? "");
        var sent = hub.Commands<PostContribution>().ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0], sent[1]); // The same command, id and all: the server keeps it at most once.
    }

    [Fact]
    public void While_a_post_is_on_its_way_its_button_says_so_and_keeps_focus_and_a_second_press_sends_nothing()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();
        hub.Hold = new TaskCompletionSource();

        room.Find("#contribution-text").Input("Signalen uit de praktijk");
        room.Find("form.contribution-form").Submit();
        room.WaitForAssertion(() => Assert.Equal("Wordt verstuurd…", room.Find("form.contribution-form button[type=submit]").TextContent));
        var button = room.Find("form.contribution-form button[type=submit]");
        Assert.False(button.HasAttribute("disabled")); // A disabled button would drop keyboard focus to the page.
        Assert.Equal("true", button.GetAttribute("aria-disabled"));
        room.Find("form.contribution-form").Submit();

        hub.Hold.SetResult();
        room.WaitForAssertion(() => Assert.Equal("Plaatsen", room.Find("form.contribution-form button[type=submit]").TextContent));
        Assert.Single(hub.Commands<PostContribution>());
    }

    [Fact]
    public async Task A_new_phase_moves_a_participants_focus_to_its_heading()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier.Contains("focus", StringComparison.Ordinal));

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { Phase = Phase.GoodPractices }));

        // Focus moves after the render, and no render follows it: wait for the call itself.
        for (var waited = 0; !JSInterop.Invocations["Blazor._internal.domWrapper.focus"].Any() && waited < 150; waited++)
        {
            await Task.Delay(100, Xunit.TestContext.Current.CancellationToken);
        }

        JSInterop.VerifyFocusAsyncInvoke(); // Once: only the new phase moved focus (where to is checked in Chromium).
        Assert.Equal("-1", room.Find("#theme-title").GetAttribute("tabindex"));
    }

    [Fact]
    public async Task When_the_dialogue_closes_the_participant_reads_what_happens_next_and_finds_the_results()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();
        Assert.Empty(room.FindAll("[data-testid=closing]"));

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { Status = DialogueStatus.Closed }));

        room.WaitForAssertion(() => Assert.Equal("De dialoog is afgesloten", room.Find("[data-testid=closing] h2").TextContent));
        var closing = room.Find("[data-testid=closing]");
        Assert.Contains("notulen", closing.TextContent, StringComparison.Ordinal);
        Assert.Contains("samenvatting", closing.TextContent, StringComparison.Ordinal);
        Assert.Contains("afspraken", closing.TextContent, StringComparison.Ordinal);
        Assert.Equal("De dialoog is gesloten.", room.Find("[data-testid=announcer]").TextContent);
    }

    [Fact]
    public async Task When_the_dialogue_closes_the_participant_gets_their_personal_link_to_look_back_to_copy_and_open()
    {
        const string link = "https://dialoog.example/terugkijken/CfDJ8-persoonlijk";
        var hub = UseHub(FakeHubClient.Room());
        var room = Render<ParticipantRoom>(p => p.Add(c => c.DialogueId, 7).Add(c => c.ReviewLink, link));
        room.WaitForAssertion(() => room.Find("h1"));
        Assert.Empty(room.FindAll("[data-testid=review-link]")); // Only once there is something to look back on.

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { Status = DialogueStatus.Closed }));

        room.WaitForAssertion(() => Assert.NotNull(room.Find("[data-testid=closing] [data-testid=review-link]")));
        var closing = room.Find("[data-testid=closing]");
        Assert.Contains("Bewaar deze link om later terug te kijken", closing.TextContent, StringComparison.Ordinal);
        var field = room.Find("[data-testid=review-link]");
        Assert.Equal(link, field.GetAttribute("value"));
        Assert.True(field.HasAttribute("readonly")); // To select and copy, not to edit.
        Assert.Equal("Je persoonlijke link om terug te kijken", room.Find($"label[for={field.Id}]").TextContent);
        Assert.Equal(link, room.Find("[data-testid=review-open]").GetAttribute("href"));
    }

    [Fact]
    public async Task Without_a_personal_link_the_closing_section_shows_none()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { Status = DialogueStatus.Closed }));

        room.WaitForAssertion(() => room.Find("[data-testid=closing]"));
        Assert.Empty(room.FindAll("[data-testid=review-link]"));
    }

    [Fact]
    public async Task An_event_after_a_gap_makes_the_room_load_a_snapshot_instead_of_guessing()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();
        hub.Snapshot = FakeHubClient.Room(contributions: [FakeHubClient.Item(1, "Gemist"), FakeHubClient.Item(2, "Nieuw")]) with { Version = 12 };

        await hub.RaiseAsync(new RoomDelta(Contributions: [FakeHubClient.Item(2, "Nieuw")]), version: 12); // 11 never arrived.

        room.WaitForAssertion(() => Assert.Equal(2, room.FindAll("[data-testid=contribution]").Count));
        Assert.Single(hub.Sent, s => s.Method == "snapshot");
    }

    [Fact]
    public async Task Two_events_that_crossed_on_the_way_from_two_nodes_both_show_without_loading_a_snapshot()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        Services.AddSingleton<TimeProvider>(clock);
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();

        await hub.RaiseAsync(new RoomDelta(Contributions: [FakeHubClient.Item(2, "Via de andere node")]), version: 12);
        await hub.RaiseAsync(new RoomDelta(Contributions: [FakeHubClient.Item(1, "Eerder gepost")]), version: 11);

        room.WaitForAssertion(() => Assert.Equal(2, room.FindAll("[data-testid=contribution]").Count));
        clock.Advance(LiveRoom.ReorderWindow * 4);
        await hub.RaiseAsync(new RoomDelta(Contributions: [FakeHubClient.Item(3, "Daarna")]), version: 13); // Follows 12: the room is at 12.
        room.WaitForAssertion(() => Assert.Equal(3, room.FindAll("[data-testid=contribution]").Count));
        Assert.DoesNotContain(hub.Sent, s => s.Method == "snapshot");
    }

    [Fact]
    public async Task Hearing_it_is_behind_the_room_waits_for_the_events_and_loads_a_snapshot_only_if_they_do_not_come()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();
        var version = hub.Snapshot.Version;

        // The events arrive within the grace: no snapshot.
        await hub.RaiseAsync(new RoomVersion(7, version + 1, hub.Snapshot.PresenceVersion));
        await hub.RaiseAsync(new RoomDelta(Contributions: [FakeHubClient.Item(1, "Onderweg")]), version: version + 1);
        await Task.Delay(LiveRoom.BehindGrace + TimeSpan.FromSeconds(1), Xunit.TestContext.Current.CancellationToken);
        Assert.DoesNotContain(hub.Sent, s => s.Method == "snapshot");

        // Up to date already: nothing either.
        await hub.RaiseAsync(new RoomVersion(7, version + 1, hub.Snapshot.PresenceVersion));
        await Task.Delay(LiveRoom.BehindGrace + TimeSpan.FromSeconds(1), Xunit.TestContext.Current.CancellationToken);
        Assert.DoesNotContain(hub.Sent, s => s.Method == "snapshot");

        // Behind, and nothing comes (lost while Redis was away): it loads the room.
        hub.Snapshot = FakeHubClient.Room(contributions: [FakeHubClient.Item(1, "Onderweg"), FakeHubClient.Item(2, "Tijdens de storing")]) with { Version = version + 2 };
        await hub.RaiseAsync(new RoomVersion(7, version + 2, hub.Snapshot.PresenceVersion));
        room.WaitForAssertion(() => Assert.Equal(2, room.FindAll("[data-testid=contribution]").Count), TimeSpan.FromSeconds(10));
        Assert.Single(hub.Sent, s => s.Method == "snapshot");
    }

    [Fact]
    public async Task The_room_follows_the_facilitator_to_another_theme_and_phase_and_says_so()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();

        await hub.RaiseAsync(new RoomDelta(Stage: new StageView(DialogueStatus.Open, 2, Phase.Agreements, false, null, null)));

        room.WaitForAssertion(() => Assert.Contains("LRK op orde", room.Find("#theme-title").TextContent, StringComparison.Ordinal));
        Assert.Contains("Afspraken", room.Find("[data-testid=phase]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Hier staat wat er is afgesproken: wat er gebeurt, wie het doet en wanneer.", room.Find("[data-testid=phase-hint]").TextContent);
        Assert.Equal("Nu: LRK op orde, fase Afspraken.", room.Find("[data-testid=announcer]").TextContent);
        Assert.Empty(room.FindAll(".contribution-form")); // No contributions in the agreements phase.
    }

    [Fact]
    public async Task The_room_says_what_it_shows_of_authors_and_that_a_change_only_applies_from_now_on()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();
        Assert.Contains("de naam en de organisatie van de schrijver", room.Find("[data-testid=anonymity]").TextContent, StringComparison.Ordinal);
        Assert.Empty(room.FindAll("[data-testid=anonymity-changed]"));
        Assert.Equal("d/ABC234/mijn-gegevens", room.Find("[data-testid=my-data]").GetAttribute("href"));

        await hub.RaiseAsync(new RoomDelta(Settings: hub.Snapshot.Settings with { Anonymity = Anonymity.Anonymous }));

        room.WaitForAssertion(() => Assert.Contains("bijdragen zijn anoniem", room.Find("[data-testid=anonymity]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Eerdere bijdragen blijven zoals ze geplaatst zijn.", room.Find("[data-testid=anonymity-changed]").TextContent, StringComparison.Ordinal);
        Assert.Equal(
            "De facilitator heeft veranderd wat anderen van een schrijver zien. Vanaf nu: bijdragen zijn anoniem, zonder naam en zonder organisatie. Ook voor de facilitatoren. Eerdere bijdragen blijven zoals ze geplaatst zijn.",
            room.Find("[data-testid=announcer]").TextContent);
    }

    [Fact]
    public void The_facilitator_console_has_no_link_to_a_participants_own_data()
    {
        UseHub(FakeHubClient.Room(role: RoomRole.Facilitator));
        var console = Console();
        Assert.Single(console.FindAll("[data-testid=anonymity]"));
        Assert.Empty(console.FindAll("[data-testid=my-data]"));
    }

    [Fact]
    public async Task A_locked_phase_takes_the_form_away_and_tells_why()
    {
        var hub = UseHub(FakeHubClient.Room(contributions: FakeHubClient.Item(1, "Eerste")));
        var room = Participant();
        Assert.Single(room.FindAll(".contribution-form"));

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { InputLocked = true }));

        room.WaitForAssertion(() => Assert.Empty(room.FindAll(".contribution-form")));
        Assert.Contains("heeft de invoer voor deze fase gesloten", room.Find(".stage .notice").TextContent, StringComparison.Ordinal);
        Assert.Equal("De facilitator heeft de invoer gesloten.", room.Find("[data-testid=announcer]").TextContent);
        Assert.True(room.Find("[data-testid=react]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_lost_connection_is_shown_and_announced()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();

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
        var room = Participant();

        room.Find("#kind-bottleneck").Change(true);
        room.Find("#contribution-text").Input("Te weinig inspecties");
        room.Find(".contribution-form").Submit();

        room.WaitForAssertion(() => Assert.Single(hub.Commands<PostContribution>()));
        var sent = hub.Commands<PostContribution>().Single();
        Assert.Equal((ContributionKind.Bottleneck, "Te weinig inspecties", 1), (sent.Kind, sent.Text, sent.ThemeId));
        Assert.NotEqual(Guid.Empty, sent.CommandId);
        room.WaitForAssertion(() => Assert.Equal("", room.Find("#contribution-text").GetAttribute("value") ?? ""));
    }

    [Fact]
    public void A_refused_post_shows_the_reason_in_dutch_and_keeps_the_text()
    {
        var hub = UseHub(FakeHubClient.Room());
        hub.Answer = (_, _) => CommandResult.Failure(ErrorCodes.TextTooLong, "too long");
        var room = Participant();

        room.Find("#contribution-text").Input("Veel te veel");
        room.Find(".contribution-form").Submit();

        room.WaitForAssertion(() => Assert.Equal("Je bijdrage mag hoogstens 1000 tekens lang zijn.", room.Find("#contribution-error").TextContent));
        Assert.Equal("alert", room.Find("#contribution-error").GetAttribute("role"));
        Assert.Equal("true", room.Find("#contribution-text").GetAttribute("aria-invalid"));
        Assert.Equal("Veel te veel", room.Find("#contribution-text").GetAttribute("value"));
    }

    [Fact]
    public void A_plus_one_is_a_toggle_button_that_knows_its_state()
    {
        var hub = UseHub(FakeHubClient.Room(contributions: FakeHubClient.Item(3, "Goed idee") with { Reactions = 2 }));
        var room = Participant();
        var button = room.Find("[data-testid=react]");
        Assert.Equal("false", button.GetAttribute("aria-pressed"));
        // What pressing means, and how many did, in words: "Eens (2)", and for screen readers which contribution.
        Assert.Equal("Eens (2) bij: Goed idee", string.Join(" ", button.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));

        button.Click();

        room.WaitForAssertion(() => Assert.Equal(nameof(IDialogueHub.React), Assert.Single(hub.Sent, s => s.Argument is ContributionCommand).Method));
        room.WaitForAssertion(() => Assert.Equal("true", room.Find("[data-testid=react]").GetAttribute("aria-pressed")));
        room.Find("[data-testid=react]").Click();
        room.WaitForAssertion(() => Assert.Equal(nameof(IDialogueHub.Unreact), hub.Sent.Last().Method));
    }

    [Fact]
    public async Task Participants_edit_and_withdraw_only_their_own_contributions()
    {
        var hub = UseHub(FakeHubClient.Room(contributions:
        [
            FakeHubClient.Item(1, "Van mij") with { Mine = true },
            FakeHubClient.Item(2, "Van een ander"),
        ]));
        var room = Participant();
        var items = room.FindAll("[data-testid=contribution]");
        Assert.Contains(items[0].QuerySelectorAll("button"), b => b.TextContent.StartsWith("Bewerken", StringComparison.Ordinal));
        Assert.DoesNotContain(items[1].QuerySelectorAll("button"), b => b.TextContent.StartsWith("Bewerken", StringComparison.Ordinal) || b.TextContent.StartsWith("Intrekken", StringComparison.Ordinal));

        room.FindAll("[data-testid=contribution]")[0].QuerySelectorAll("button").First(b => b.TextContent.StartsWith("Intrekken", StringComparison.Ordinal)).Click();
        Assert.Empty(hub.Commands<ContributionCommand>()); // First a confirmation.
        await ClickAsync(room, "", "Ja, intrekken");
        room.WaitForAssertion(() => Assert.Equal((nameof(IDialogueHub.WithdrawContribution), 1), (hub.Sent.Last().Method, ((ContributionCommand)hub.Sent.Last().Argument).ContributionId)));
    }

    [Fact]
    public void An_observer_reads_but_gets_no_form()
    {
        UseHub(FakeHubClient.Room(role: RoomRole.Observer, contributions: FakeHubClient.Item(1, "Bijdrage")));
        var room = Participant();
        Assert.Empty(room.FindAll(".contribution-form"));
        Assert.Contains("toehoorder", room.Find(".stage .notice").TextContent, StringComparison.Ordinal);
        Assert.True(room.Find("[data-testid=react]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_facilitator_opens_a_draft_dialogue()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Draft, RoomRole.Facilitator));
        var console = Console();

        await ClickAsync(console, "", "Dialoog openen");

        console.WaitForAssertion(() => Assert.Equal(nameof(IDialogueHub.OpenDialogue), Assert.Single(hub.Sent, s => s.Argument is DialogueCommand).Method));
    }

    [Fact]
    public async Task Closing_asks_for_confirmation_first()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, RoomRole.Facilitator));
        var console = Console();

        await ClickAsync(console, "", "Dialoog afsluiten");
        console.WaitForAssertion(() => Assert.Contains("Weet je het zeker?", console.Find("#close-question").TextContent, StringComparison.Ordinal));
        Assert.Empty(hub.Commands<DialogueCommand>());

        await ClickAsync(console, "", "Ja, dialoog afsluiten");
        console.WaitForAssertion(() => Assert.Equal(nameof(IDialogueHub.CloseDialogue), Assert.Single(hub.Sent, s => s.Argument is DialogueCommand).Method));
    }

    [Fact]
    public async Task The_phase_control_moves_to_the_chosen_theme_and_phase_or_to_the_next_phase()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, RoomRole.Facilitator));
        var console = Console();

        console.Find("#stage-theme").Change("2");
        console.Find("#stage-phase").Change(nameof(Phase.RiskWeighing));
        await ClickAsync(console, "", "Naar deze fase");
        console.WaitForAssertion(() => Assert.Equal(new SetStage(Guid.Empty, 7, 2, Phase.RiskWeighing), hub.Commands<SetStage>().Single() with { CommandId = Guid.Empty }));

        await ClickAsync(console, "", "Volgende");
        console.WaitForAssertion(() => Assert.Equal((1, Phase.GoodPractices), (hub.Commands<SetStage>().Last().ThemeId, hub.Commands<SetStage>().Last().Phase)));
    }

    [Fact]
    public void The_input_lock_is_a_toggle()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, RoomRole.Facilitator));
        var console = Console();
        var button = Button(console, "", "Invoer sluiten");
        Assert.Equal("false", button.GetAttribute("aria-pressed"));
        button.Click();
        console.WaitForAssertion(() => Assert.True(Assert.Single(hub.Commands<SetInputLocked>()).Locked));
    }

    [Fact]
    public async Task The_timer_counts_down_can_be_paused_and_extended_and_says_when_time_is_up()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, RoomRole.Facilitator));
        var console = Console();

        console.Find("#timer-minutes").Change("5");
        await ClickAsync(console, "", "Timer starten");
        console.WaitForAssertion(() => Assert.Equal((TimerAction.Start, 300), (hub.Commands<ControlTimer>().Single().Action, hub.Commands<ControlTimer>().Single().Seconds)));

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { Timer = new TimerView(300, DateTimeOffset.UtcNow.AddSeconds(300), null) }));
        console.WaitForAssertion(() => Assert.Matches(@"^Nog [45]:\d\d$", console.Find("[data-testid=timer] [role=timer]").TextContent.Trim()));
        Assert.Equal("off", console.Find("[role=timer]").GetAttribute("aria-live"));

        await ClickAsync(console, "", "Pauzeren");
        await ClickAsync(console, "", "+5 minuten");
        console.WaitForAssertion(() => Assert.Equal([TimerAction.Start, TimerAction.Pause, TimerAction.Extend], hub.Commands<ControlTimer>().Select(c => c.Action)));

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { Timer = new TimerView(300, DateTimeOffset.UtcNow.AddSeconds(-1), null) }), version: 12);
        console.WaitForAssertion(() => Assert.Equal("De tijd is om.", console.Find("[data-testid=timer] [role=timer]").TextContent.Trim()));
        Assert.Single(console.FindAll(".contribution-form")); // Input goes on: the facilitator decides.
    }

    [Fact]
    public async Task Moderators_approve_hide_spotlight_and_merge()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, RoomRole.Facilitator, Phase.Sharing,
            FakeHubClient.Item(1, "Wacht nog") with { Status = ContributionStatus.Pending },
            FakeHubClient.Item(2, "Dubbel"),
            FakeHubClient.Item(3, "Origineel")) with { Settings = new SettingsView(Anonymity.Named, true, true) });
        var console = Console();

        Assert.Contains("Wacht op goedkeuring (1)", console.Find("#queue-title").TextContent, StringComparison.Ordinal);
        await ClickAsync(console, ".moderation", "Goedkeuren");
        console.WaitForAssertion(() => Assert.Equal(ModerationAction.Approve, hub.Commands<ModerateContribution>().Single().Action));

        var dubbel = console.Find(".stage [data-id='2']");
        dubbel.QuerySelectorAll("button").First(b => b.TextContent.StartsWith("Verbergen", StringComparison.Ordinal)).Click();
        console.WaitForAssertion(() => Assert.Equal(ModerationAction.Hide, hub.Commands<ModerateContribution>().Last().Action));

        console.Find(".stage [data-id='2']")
            .QuerySelectorAll("button").First(b => b.TextContent.StartsWith("In de schijnwerper", StringComparison.Ordinal)).Click();
        console.WaitForAssertion(() => Assert.Equal(2, hub.Commands<SetSpotlight>().Single().ContributionId));

        // Without a choice, merging sends nothing and the button says what to do first.
        var merge = () => console.Find(".stage [data-id='2']").QuerySelectorAll("button").First(b => b.TextContent.StartsWith("Samenvoegen", StringComparison.Ordinal));
        merge().Click();
        Assert.Empty(hub.Commands<MergeContributions>());
        Assert.Equal("Kies eerst met welke bijdrage je samenvoegt.", console.Find($"#{merge().GetAttribute("aria-describedby")}").TextContent);

        console.Find("#merge-2").Change("3");
        merge().Click();
        console.WaitForAssertion(() => Assert.Equal((2, 3), (hub.Commands<MergeContributions>().Single().SourceId, hub.Commands<MergeContributions>().Single().TargetId)));
    }

    [Fact]
    public async Task The_spotlight_is_shown_to_everyone_and_announced()
    {
        var hub = UseHub(FakeHubClient.Room(contributions: FakeHubClient.Item(4, "Resultaatafspraken over vve")));
        var room = Participant();

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { SpotlightId = 4 }));

        room.WaitForAssertion(() => Assert.Contains("Resultaatafspraken over vve", room.Find("[data-testid=spotlight] blockquote").TextContent, StringComparison.Ordinal));
        Assert.Equal("In de schijnwerper: Resultaatafspraken over vve", room.Find("[data-testid=announcer]").TextContent);
    }

    [Fact]
    public void A_facilitators_contribution_says_so_and_a_participant_with_the_same_name_does_not()
    {
        UseHub(FakeHubClient.Room(contributions:
        [
            FakeHubClient.Item(1, "Van de inspecteur") with { AuthorName = "Anna de Vries", Organisation = "Inspectie van het Onderwijs", ByFacilitator = true },
            FakeHubClient.Item(2, "Van een deelnemer") with { AuthorName = "Anna de Vries", Organisation = "Zwolle" },
        ]));
        var room = Participant();

        room.WaitForAssertion(() => Assert.Equal(
            ["Anna de Vries, Inspectie van het Onderwijs (facilitator)", "Anna de Vries, Zwolle"],
            room.FindAll("[data-id] .author").Select(a => a.TextContent.Trim())));
    }

    [Fact]
    public async Task A_national_item_on_screen_is_shown_to_everyone_and_announced()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with
        {
            National = new NationalItemView(NationalItemKind.Risk, 7, "Last wordt niet ingevorderd", "Landelijk 2025: plaats 1\n12 dialogen, 9 gemeenten", "Landelijk beeld 2025, §3"),
        }));

        room.WaitForAssertion(() => Assert.Contains("Last wordt niet ingevorderd", room.Find("[data-testid=national-card] h2").TextContent, StringComparison.Ordinal));
        Assert.Equal(["Landelijk 2025: plaats 1", "12 dialogen, 9 gemeenten"], room.FindAll("[data-testid=national-card] p:not(.source)").Select(p => p.TextContent));
        Assert.Contains("Landelijk beeld 2025, §3", room.Find("[data-testid=national-card] .source").TextContent, StringComparison.Ordinal);
        Assert.Contains("Last wordt niet ingevorderd", room.Find("[data-testid=announcer]").TextContent, StringComparison.Ordinal);

        await hub.RaiseAsync(new RoomDelta(Stage: hub.Snapshot.Stage with { National = null }), hub.Snapshot.Version + 2);
        room.WaitForAssertion(() => Assert.Empty(room.FindAll("[data-testid=national-card]")));
        Assert.Equal("Het landelijk beeld is van het scherm.", room.Find("[data-testid=announcer]").TextContent);
    }

    [Fact]
    public async Task The_agenda_editor_adds_moves_and_refuses_to_remove_the_current_theme()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, RoomRole.Facilitator));
        var console = Console();

        console.Find("#new-theme-title").Change("Toezicht op gastouderopvang");
        console.Find(".agenda-editor form").Submit();
        console.WaitForAssertion(() => Assert.Equal("Toezicht op gastouderopvang", hub.Commands<SaveTheme>().Single().Title));

        await ClickAsync(console, "", "Omhoog", "LRK op orde");
        console.WaitForAssertion(() => Assert.Equal((2, 1), (hub.Commands<MoveTheme>().Single().ThemeId, hub.Commands<MoveTheme>().Single().Position)));
        Assert.True(Button(console, "", "Verwijderen", "Handhaving bij overtredingen").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Agreements_are_listed_for_everyone_and_recorded_by_the_facilitator()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, RoomRole.Facilitator, Phase.Agreements));
        var console = Console();

        console.Find("#agreement-what").Change("Handhavingsbeleid actualiseren");
        console.Find("#agreement-who").Change("Gemeente Zwolle");
        console.Find("#agreement-due").Change("2026-06-01");
        console.Find(".agreement-form").Submit();
        console.WaitForAssertion(() => Assert.Equal(
            ("Handhavingsbeleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 6, 1)),
            (hub.Commands<SaveAgreement>().Single().What, hub.Commands<SaveAgreement>().Single().Who, hub.Commands<SaveAgreement>().Single().Due)));

        await hub.RaiseAsync(new RoomDelta(Agreements: [new AgreementView(5, 1, "Handhavingsbeleid actualiseren", "Gemeente Zwolle", new DateOnly(2026, 6, 1))]));
        console.WaitForAssertion(() => Assert.Contains("1 juni 2026", console.Find("[data-testid=agreement]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Presence_follows_the_newest_report_and_ignores_one_that_arrives_late()
    {
        var hub = UseHub(FakeHubClient.Room());
        var room = Participant();
        static PresenceView Count(int participants) => new(participants, 0, 1, [new OrganisationPresence("Zwolle", participants)], null);

        await hub.RaiseAsync(new PresenceUpdated(7, 2, Count(5)));
        room.WaitForAssertion(() => Assert.Equal("5 deelnemers uit 1 organisatie", room.Find("[data-testid=presence-summary]").TextContent));

        await hub.RaiseAsync(new PresenceUpdated(7, 1, Count(4))); // Sent earlier (by another node), arrived later.
        await hub.RaiseAsync(new PresenceUpdated(8, 3, Count(9))); // Another dialogue.
        hub.Snapshot = hub.Snapshot with { Version = hub.Snapshot.Version + 5, PresenceVersion = 1, Presence = Count(4) };
        await hub.RaiseAsync(new RoomDelta(), version: hub.Snapshot.Version); // A gap: the room reads a snapshot, older in presence.
        room.WaitForAssertion(() => Assert.Single(hub.Sent, s => s.Method == "snapshot"));
        Assert.Equal("5 deelnemers uit 1 organisatie", room.Find("[data-testid=presence-summary]").TextContent);
    }

    [Fact]
    public void The_presence_panel_shows_who_dropped_out_to_facilitators_only()
    {
        var presence = new PresenceView(1, 0, 1, [new OrganisationPresence("Zwolle", 1)],
            [new PersonPresence("Piet", "Zwolle", RoomRole.Participant, true), new PersonPresence("Kees", "Assen", RoomRole.Participant, false)]);
        var forFacilitator = Render<PresencePanel>(p => p.Add(c => c.Presence, presence).Add(c => c.ForFacilitator, true));
        var forParticipant = Render<PresencePanel>(p => p.Add(c => c.Presence, presence).Add(c => c.ForFacilitator, false));

        Assert.Contains("Kees", forFacilitator.Find("[data-testid=dropped]").TextContent, StringComparison.Ordinal);
        Assert.Empty(forParticipant.FindAll("[data-testid=dropped]"));
    }

    [Fact]
    public void The_presenter_view_shows_the_stage_and_visible_contributions_in_large_type()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Open, RoomRole.Presenter, Phase.Sharing,
            FakeHubClient.Item(1, "Zichtbaar") with { Reactions = 3 },
            FakeHubClient.Item(2, "Ander thema", theme: 2)));
        var view = Render<PresenterView>(p => p.Add(c => c.DialogueId, 7));
        view.WaitForAssertion(() => view.Find("h1"));

        Assert.Equal(("enter", (object)true), hub.Sent[0]);
        Assert.Contains("Handhaving bij overtredingen — Delen", view.Find("[data-testid=presenter-stage]").TextContent, StringComparison.Ordinal);
        var item = Assert.Single(view.FindAll("[data-testid=presenter-item]"));
        Assert.Contains("+3", item.TextContent, StringComparison.Ordinal);
        Assert.Empty(view.FindAll("button"));
    }

    [Fact]
    public async Task Before_the_dialogue_opens_a_participant_waits_in_the_lobby_which_opens_by_itself()
    {
        var hub = UseHub(FakeHubClient.Room(DialogueStatus.Draft) with { Stage = new StageView(DialogueStatus.Draft, null, Phase.Sharing, false, null, null) });
        var room = Participant();

        Assert.Equal("We beginnen zo", room.Find("#lobby-title").TextContent);
        Assert.Equal(["Handhaving bij overtredingen", "LRK op orde"], room.FindAll("[data-testid=lobby] li").Select(li => li.TextContent));
        Assert.Empty(room.FindAll(".stage"));
        Assert.Empty(room.FindAll(".contribution-form"));

        await hub.RaiseAsync(new RoomDelta(Stage: new StageView(DialogueStatus.Open, 1, Phase.Sharing, false, null, null)));
        room.WaitForAssertion(() => Assert.Single(room.FindAll(".contribution-form")));
        Assert.Empty(room.FindAll("[data-testid=lobby]"));
        Assert.StartsWith("De dialoog is geopend.", room.Find("[data-testid=announcer]").TextContent, StringComparison.Ordinal);
    }
}
