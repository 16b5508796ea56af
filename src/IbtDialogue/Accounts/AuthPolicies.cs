namespace IbtDialogue.Accounts;

public static class AuthPolicies
{
    /// <summary>A participant (by token) or a facilitator (by cookie): may enter a room, subject to the engine's check.</summary>
    public const string RoomMember = "RoomMember";

    /// <summary>A signed-in facilitator account.</summary>
    public const string Facilitator = "Facilitator";
}
