namespace IbtDialogue.Client.Protocol;

/// <summary>The events the hub sends to the clients of a dialogue (server to client).</summary>
public interface IDialogueClient
{
    /// <summary>Every committed change of the room, in one shape: see <see cref="RoomDelta"/>.</summary>
    Task RoomUpdated(RoomUpdated e);
}
