using IbtDialogue.Client.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace IbtDialogue.Live;

/// <summary>Sends committed room events to every connection in the dialogue's group (on every node, via the backplane when there is one).</summary>
public sealed class RoomBroadcaster(IHubContext<DialogueHub, IDialogueClient> hub)
{
    public static string Group(int dialogueId) => $"dialogue:{dialogueId}";

    public Task BroadcastAsync(object? roomEvent) => roomEvent switch
    {
        null => Task.CompletedTask,
        ContributionPosted e => hub.Clients.Group(Group(e.DialogueId)).ContributionPosted(e),
        PresenceChanged e => hub.Clients.Group(Group(e.DialogueId)).PresenceChanged(e),
        DialogueChanged e => hub.Clients.Group(Group(e.DialogueId)).DialogueChanged(e),
        _ => throw new ArgumentException($"Not a room event: {roomEvent.GetType().Name}", nameof(roomEvent)),
    };
}
