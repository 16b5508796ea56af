using IbtDialogue.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace IbtDialogue.Live;

/// <summary>
/// Sends committed changes to the dialogue's two groups — facilitators, and the room (participants,
/// observers, projector) — each the view it may see, with the same version, so both streams stay gapless.
/// </summary>
public sealed class RoomBroadcaster(IHubContext<DialogueHub, IDialogueClient> hub)
{
    public static string FacilitatorGroup(int dialogueId) => $"dialogue:{dialogueId}:facilitators";

    public static string RoomGroup(int dialogueId) => $"dialogue:{dialogueId}:room";

    public static string Group(int dialogueId, RoomRole role) => role == RoomRole.Facilitator ? FacilitatorGroup(dialogueId) : RoomGroup(dialogueId);

    public async Task BroadcastAsync(RoomBroadcast? broadcast)
    {
        if (broadcast is null)
        {
            return;
        }

        await hub.Clients.Group(FacilitatorGroup(broadcast.DialogueId))
            .RoomUpdated(new RoomUpdated(broadcast.DialogueId, broadcast.Version, broadcast.ServerTime, broadcast.Facilitators));
        await hub.Clients.Group(RoomGroup(broadcast.DialogueId))
            .RoomUpdated(new RoomUpdated(broadcast.DialogueId, broadcast.Version, broadcast.ServerTime, broadcast.Room));
    }
}
