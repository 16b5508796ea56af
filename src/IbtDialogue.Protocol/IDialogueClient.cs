namespace IbtDialogue.Protocol;

/// <summary>The events the hub sends to the clients of a dialogue (server to client).</summary>
public interface IDialogueClient
{
    /// <summary>Every committed change of the room, in one shape: see <see cref="RoomDelta"/>.</summary>
    Task RoomUpdated(RoomUpdated e);

    /// <summary>
    /// Facilitators only: how many have voted. Not a room change (no version); sent at most a few times a
    /// second per dialogue however fast votes come in.
    /// </summary>
    Task VotingProgress(VotingProgress e);

    /// <summary>Who is in the room, coalesced: at most a few times a second per dialogue, however many join at once.</summary>
    Task PresenceUpdated(PresenceUpdated e);

    /// <summary>The room's version and presence version now: a client behind either loads a snapshot (see rule 3).</summary>
    Task RoomVersion(RoomVersion e);
}
