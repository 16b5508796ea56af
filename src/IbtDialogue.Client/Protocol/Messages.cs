namespace IbtDialogue.Client.Protocol;

// Hub payloads. Records are serialized as camelCase JSON with enums as strings; see docs/protocol.md.

/// <summary>Answer to every command: ok, or an error code from <see cref="ErrorCodes"/>.</summary>
/// <param name="Ok">Whether the command took effect (or had already taken effect: a replay).</param>
/// <param name="Error">Error code when not ok.</param>
/// <param name="Detail">A short English explanation for developers; the UI shows its own text for the code.</param>
/// <param name="Version">The dialogue version after the command (0 when it failed).</param>
/// <param name="EntityId">Id of what the command created, if anything.</param>
public sealed record CommandResult(bool Ok, string? Error, string? Detail, long Version, int? EntityId)
{
    public static CommandResult Success(long version, int? entityId = null) => new(true, null, null, version, entityId);

    public static CommandResult Failure(string error, string detail) => new(false, error, detail, 0, null);
}

/// <summary>Answer to <c>Enter</c> and <c>GetSnapshot</c>.</summary>
public sealed record SnapshotResult(bool Ok, string? Error, string? Detail, RoomSnapshot? Snapshot)
{
    public static SnapshotResult Success(RoomSnapshot snapshot) => new(true, null, null, snapshot);

    public static SnapshotResult Failure(string error, string detail) => new(false, error, detail, null);
}

/// <summary>The whole visible state of a dialogue at one version.</summary>
public sealed record RoomSnapshot(
    int DialogueId,
    string Title,
    DateOnly Date,
    string JoinCode,
    DialogueStatus Status,
    long Version,
    int? CurrentThemeId,
    IReadOnlyList<ThemeView> Themes,
    IReadOnlyList<ContributionView> Contributions,
    PresenceView Presence,
    ViewerInfo You);

public sealed record ThemeView(int Id, int Position, string Title, string? Goal);

public sealed record ContributionView(
    int Id,
    int ThemeId,
    ContributionKind Kind,
    string Text,
    string? AuthorName,
    string? Organisation,
    DateTimeOffset CreatedAt);

public sealed record PresenceView(int Participants, int Observers, int Facilitators, IReadOnlyList<OrganisationPresence> Organisations);

public sealed record OrganisationPresence(string Organisation, int Count);

/// <summary>Who the connection is, as the server sees it.</summary>
public sealed record ViewerInfo(int? ParticipantId, string DisplayName, string? Organisation, bool IsFacilitator);

// Commands (client to server). Every command carries a client-made id: a retry with the same id changes nothing.

public sealed record PostContribution(Guid CommandId, int DialogueId, int ThemeId, ContributionKind Kind, string Text);

public sealed record DialogueCommand(Guid CommandId, int DialogueId);

public sealed record SetCurrentTheme(Guid CommandId, int DialogueId, int ThemeId);

// Events (server to client). Each carries the dialogue version it produced.

public sealed record ContributionPosted(int DialogueId, long Version, ContributionView Contribution);

public sealed record PresenceChanged(int DialogueId, long Version, PresenceView Presence);

public sealed record DialogueChanged(int DialogueId, long Version, DialogueStatus Status, int? CurrentThemeId);
