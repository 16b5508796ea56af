using IbtDialogue.Client.Live;
using IbtDialogue.Client.Protocol;
using IbtDialogue.Client.Resources;
using Microsoft.AspNetCore.Components;

namespace IbtDialogue.Client.Room;

/// <summary>
/// What the participant room and the facilitator console share: one <see cref="LiveRoom"/> for the
/// component's lifetime, re-rendered on every change, and a sentence for screen readers when something
/// happens that a sighted user would notice (a new contribution, a new theme, opening or closing).
/// </summary>
public abstract class RoomComponentBase : ComponentBase, IAsyncDisposable
{
    private RoomSnapshot? previous;

    [Inject]
    private HubClientFactory HubClients { get; set; } = default!;

    [Parameter, EditorRequired]
    public int DialogueId { get; set; }

    protected LiveRoom? Room { get; private set; }

    /// <summary>The last thing said in the polite live region.</summary>
    protected string Announcement { get; private set; } = "";

    protected abstract string? AccessToken { get; }

    protected override async Task OnInitializedAsync()
    {
        Room = new LiveRoom(HubClients(AccessToken), DialogueId);
        await Room.StartAsync();

        // Follow changes only from here: the render after this method shows the entered room, and no
        // render from another thread can cross it.
        previous = Room.State;
        Room.Changed += OnRoomChanged;
        Room.ContributionArrived += OnContributionArrived;
    }

    public async ValueTask DisposeAsync()
    {
        if (Room is not null)
        {
            Room.Changed -= OnRoomChanged;
            Room.ContributionArrived -= OnContributionArrived;
            await Room.DisposeAsync();
            await Room.Hub.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private void OnContributionArrived(ContributionView contribution) =>
        Announcement = string.Format(Texts.Culture, Texts.AnnounceContribution, ErrorText.Kind(contribution.Kind), contribution.AuthorName, contribution.Text);

    private void OnRoomChanged()
    {
        var state = Room?.State;
        if (previous is not null && state is not null)
        {
            if (state.Status != previous.Status)
            {
                Announcement = state.Status == DialogueStatus.Closed ? Texts.AnnounceClosed : Texts.AnnounceOpened;
            }
            else if (state.CurrentThemeId != previous.CurrentThemeId && state.Themes.FirstOrDefault(t => t.Id == state.CurrentThemeId) is { } theme)
            {
                Announcement = string.Format(Texts.Culture, Texts.AnnounceTheme, theme.Title);
            }
        }

        previous = state;
        _ = InvokeAsync(StateHasChanged);
    }
}
