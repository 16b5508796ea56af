using IbtDialogue.Protocol;

namespace IbtDialogue.Live;

/// <summary>
/// Every way a room command can end. A command's body answers one of these; <see cref="RoomWriter"/> turns
/// it into the caller's answer and, for a committed change, the broadcast sent after the commit.
/// </summary>
public abstract record CommandOutcome
{
    private CommandOutcome()
    {
    }

    /// <summary>Not allowed or not valid: nothing is stored, the version stays, nobody hears of it.</summary>
    public sealed record Refused(string Code, string Detail) : CommandOutcome;

    /// <summary>Valid, but the room is already as asked (opening an open dialogue): nothing is stored.</summary>
    public sealed record Unchanged : CommandOutcome;

    /// <summary>Stored with a new room version; each audience hears the change as it may see it.</summary>
    public sealed record Committed(RoomDelta Facilitators, RoomDelta Room, int? EntityId) : CommandOutcome;

    /// <summary>
    /// Stored without a new version or broadcast: changes that are nobody else's business (a secret vote,
    /// presence, which has its own counter).
    /// </summary>
    public sealed record CommittedQuietly(int? EntityId) : CommandOutcome;

    public static Refused Refuse(string code, string detail) => new(code, detail);

    public static readonly Unchanged NoChange = new();

    /// <summary>A change facilitators see one way and the room another (the room sees nothing unless told).</summary>
    public static Committed Commit(RoomDelta facilitators, RoomDelta? room = null, int? entityId = null) =>
        new(facilitators, room ?? RoomDelta.Nothing, entityId);

    /// <summary>A change that looks the same to everyone.</summary>
    public static Committed CommitToAll(RoomDelta delta, int? entityId = null) => new(delta, delta, entityId);

    public static CommittedQuietly CommitQuietly(int? entityId = null) => new(entityId);

    /// <summary>A text outside its length limit, with the limit from the contract in the explanation.</summary>
    public static Refused TextRefused(string code, string what, int maxLength) =>
        new(code, code == ErrorCodes.TextEmpty ? $"{what} may not be empty." : $"{what} has at most {maxLength} characters.");
}
