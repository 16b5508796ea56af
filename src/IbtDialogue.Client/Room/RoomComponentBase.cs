using System.Text.Json;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Client.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace IbtDialogue.Client.Room;

/// <summary>
/// What the participant room, the facilitator console and the projector view share: one
/// <see cref="LiveRoom"/> for the component's lifetime, re-rendered on every change, and a sentence for
/// screen readers when something happens that a sighted user would notice.
/// </summary>
/// <remarks>
/// A view rendered on the server first (prerendered: the participant's room) shows the room as it is at that
/// moment, read-only, from the snapshot the server's <see cref="HubClientFactory"/> reads; that snapshot goes
/// with the page (persistent component state), so the WebAssembly client starts from it instead of an empty room
/// and becomes interactive once it has entered the room over the hub.
/// </remarks>
public abstract class RoomComponentBase : ComponentBase, IAsyncDisposable
{
    private RoomSnapshot? previous;
    private PersistingComponentStateSubscription? handingOver;
    private DotNetObjectReference<RoomComponentBase>? self;
    private IJSObjectReference? connectivity;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private HubClientFactory HubClients { get; set; } = default!;

    [Inject]
    private PersistentComponentState PageState { get; set; } = default!;

    // The clock the room waits with (a test puts a fake one in the services); the system's otherwise.
    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    private TimeProvider Clock => Services.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    [Parameter, EditorRequired]
    public int DialogueId { get; set; }

    protected LiveRoom? Room { get; private set; }

    /// <summary>The browser says this device has no network (shown at once, before the connection notices).</summary>
    protected bool Offline { get; private set; }

    /// <summary>The last thing said in the polite live region.</summary>
    protected string Announcement { get; private set; } = "";

    /// <summary>Whether this view is a participant's (it connects with a hub token for <see cref="DialogueId"/>) rather than a facilitator's.</summary>
    protected virtual bool AsParticipant => false;

    protected virtual bool AsPresenter => false;

    private string PageStateKey => $"room-{DialogueId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    protected override async Task OnInitializedAsync()
    {
        var hub = HubClients(AsParticipant ? DialogueId : null);
        if (!RendererInfo.IsInteractive)
        {
            // Prerendering on the server: the room as it is now, to read while the client starts. Nothing connects.
            var shown = (await hub.GetSnapshotAsync(DialogueId)).Snapshot;
            Room = new LiveRoom(hub, DialogueId, AsPresenter, Clock);
            if (shown is not null)
            {
                Room.Show(shown);
                // In the hub's JSON (see ProtocolJson), as an element the framework writes as it is.
                handingOver = PageState.RegisterOnPersisting(() =>
                {
                    PageState.PersistAsJson(PageStateKey, JsonSerializer.SerializeToElement(shown, ProtocolJson.Options));
                    return Task.CompletedTask;
                }, RenderMode.InteractiveWebAssembly);
            }

            return;
        }

        var handedOver = PageState.TryTakeFromJson<JsonElement>(PageStateKey, out var json) && json.ValueKind == JsonValueKind.Object
            ? json.Deserialize<RoomSnapshot>(ProtocolJson.Options)
            : null;
        Room = new LiveRoom(hub, DialogueId, AsPresenter, Clock);
        if (handedOver is not null)
        {
            Room.Show(handedOver);
        }

        await Room.StartAsync();

        // The page was read before the client was live: say what changed on stage since, as an event would have.
        if (handedOver is not null && Room.State is { } entered && StageAnnouncement(handedOver, entered) is { } sentence)
        {
            Announcement = sentence;
        }

        // Follow changes only from here: the render after this method shows the entered room, and no
        // render from another thread can cross it.
        previous = Room.State;
        Room.Changed += OnRoomChanged;
        Room.ContributionArrived += OnContributionArrived;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            self = DotNetObjectReference.Create(this);
            // By its fingerprinted address, cached for a year: a visit again does not ask for it again.
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./" + Assets["js/connectivity.js"]);
            connectivity = await module.InvokeAsync<IJSObjectReference?>("watch", self);
        }
    }

    /// <summary>Called by the browser when the device goes offline or comes back.</summary>
    [JSInvokable]
    public Task SetOnline(bool online)
    {
        Offline = !online;
        return InvokeAsync(StateHasChanged);
    }

    public async ValueTask DisposeAsync()
    {
        handingOver?.Dispose();

        if (connectivity is not null)
        {
            try
            {
                await connectivity.InvokeVoidAsync("stop");
                await connectivity.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is gone, and its listeners with it.
            }
        }

        self?.Dispose();
        if (Room is not null)
        {
            Room.Changed -= OnRoomChanged;
            Room.ContributionArrived -= OnContributionArrived;
            await Room.DisposeAsync();
            await Room.Hub.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private void OnContributionArrived(ContributionView item)
    {
        Announcement = item.AuthorName is null && item.Organisation is null
            ? string.Format(Texts.Culture, Texts.AnnounceContributionAnonymous, ErrorText.Kind(item.Kind), item.Text)
            : string.Format(Texts.Culture, Texts.AnnounceContribution, ErrorText.Kind(item.Kind), ErrorText.Author(item), item.Text);
    }

    private void OnRoomChanged()
    {
        if (previous is not null && Room?.State is { } state && StageAnnouncement(previous, state) is { } sentence)
        {
            Announcement = sentence;
        }

        previous = Room?.State;
        _ = InvokeAsync(StateHasChanged);
    }

    /// <summary>What changed on stage (or in what the room shows of authors), in one sentence, or null when nothing did.</summary>
    internal static string? StageAnnouncement(RoomSnapshot before, RoomSnapshot after)
    {
        var (old, now) = (before.Stage, after.Stage);
        if (now.Status != old.Status)
        {
            return now.Status == DialogueStatus.Closed ? Texts.AnnounceClosed : Texts.AnnounceOpened;
        }

        if (after.Settings.Anonymity != before.Settings.Anonymity)
        {
            // What is posted from now on is shown this way; what was posted before keeps how it was posted.
            return string.Format(Texts.Culture, Texts.AnnounceAnonymity, ErrorText.RoomAnonymity(after.Settings.Anonymity));
        }

        if (now.ThemeId != old.ThemeId || now.Phase != old.Phase)
        {
            var theme = after.Themes.FirstOrDefault(t => t.Id == now.ThemeId)?.Title ?? "";
            return string.Format(Texts.Culture, Texts.AnnounceStage, theme, ErrorText.Phase(now.Phase));
        }

        if (now.InputLocked != old.InputLocked)
        {
            return now.InputLocked ? Texts.AnnounceLocked : Texts.AnnounceUnlocked;
        }

        if (now.SpotlightId != old.SpotlightId)
        {
            return after.Contributions.FirstOrDefault(c => c.Id == now.SpotlightId) is { } item
                ? string.Format(Texts.Culture, Texts.AnnounceSpotlight, item.Text)
                : Texts.AnnounceSpotlightOff;
        }

        if ((now.National?.Kind, now.National?.Id) != (old.National?.Kind, old.National?.Id))
        {
            return now.National is { } national
                ? string.Format(Texts.Culture, Texts.AnnounceNational, ErrorText.NationalKind(national.Kind), national.Title)
                : Texts.AnnounceNationalOff;
        }

        if (now.Timer is { } timer && (old.Timer is null || timer.DurationSeconds != old.Timer.DurationSeconds || (timer.EndsAt is null) != (old.Timer.EndsAt is null)))
        {
            return timer.EndsAt is null
                ? Texts.AnnounceTimerPaused
                : string.Format(Texts.Culture, Texts.AnnounceTimer, ErrorText.Clock((int)Math.Round((timer.EndsAt.Value - after.ServerTime).TotalSeconds)));
        }

        foreach (var voting in after.Votings)
        {
            var was = before.Votings.FirstOrDefault(v => v.ThemeId == voting.ThemeId);
            var theme = after.Themes.FirstOrDefault(t => t.Id == voting.ThemeId)?.Title ?? "";
            if (voting.Revealed && was is not { Revealed: true })
            {
                return string.Format(Texts.Culture, Texts.AnnounceResultsRevealed, theme);
            }

            if (voting.State != (was?.State ?? VoteState.NotStarted))
            {
                return voting.State switch
                {
                    VoteState.Open => string.Format(Texts.Culture, Texts.AnnounceVotingOpened, theme),
                    VoteState.Closed => string.Format(Texts.Culture, Texts.AnnounceVotingClosed, theme),
                    _ => null,
                };
            }
        }

        return null;
    }
}
