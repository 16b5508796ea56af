namespace IbtDialogue.Client.Protocol;

// Hub payloads. Records are serialized as camelCase JSON with enums as camelCase strings; see docs/protocol.md.

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

/// <summary>Answer to <c>Enter</c>, <c>EnterPresenter</c> and <c>GetSnapshot</c>.</summary>
public sealed record SnapshotResult(bool Ok, string? Error, string? Detail, RoomSnapshot? Snapshot)
{
    public static SnapshotResult Success(RoomSnapshot snapshot) => new(true, null, null, snapshot);

    public static SnapshotResult Failure(string error, string detail) => new(false, error, detail, null);
}

/// <summary>The whole state of a dialogue's room at one version, as this connection may see it.</summary>
public sealed record RoomSnapshot(
    int DialogueId,
    string Title,
    DateOnly Date,
    string JoinCode,
    long Version,
    DateTimeOffset ServerTime,
    StageView Stage,
    SettingsView Settings,
    IReadOnlyList<ThemeView> Themes,
    IReadOnlyList<ContributionView> Contributions,
    IReadOnlyList<AgreementView> Agreements,
    PresenceView Presence,
    ViewerInfo You);

/// <summary>What is happening now: status, theme, phase, lock, timer, spotlight.</summary>
public sealed record StageView(DialogueStatus Status, int? ThemeId, Phase Phase, bool InputLocked, TimerView? Timer, int? SpotlightId);

/// <summary>The phase timer: running (<see cref="EndsAt"/> set) or paused (<see cref="RemainingSeconds"/> set).</summary>
public sealed record TimerView(int DurationSeconds, DateTimeOffset? EndsAt, int? RemainingSeconds);

public sealed record SettingsView(Anonymity Anonymity, bool ApproveBeforeShow, bool ObserversAllowed);

public sealed record ThemeView(int Id, int Position, string Title, string? Goal);

/// <param name="AuthorName">Null when the dialogue's anonymity hides it from this audience.</param>
/// <param name="Organisation">Null when the dialogue is anonymous (for this audience).</param>
/// <param name="Mine">Posted by this participant (snapshots only; events carry false).</param>
/// <param name="ReactedByMe">This participant gave it a +1 (snapshots only; events carry false).</param>
public sealed record ContributionView(
    int Id,
    int ThemeId,
    ContributionKind Kind,
    ContributionStatus Status,
    string Text,
    string? AuthorName,
    string? Organisation,
    int Reactions,
    bool Edited,
    DateTimeOffset CreatedAt,
    bool Mine = false,
    bool ReactedByMe = false);

public sealed record AgreementView(int Id, int ThemeId, string What, string? Who, DateOnly? Due);

/// <param name="People">Facilitators: everyone present and who dropped out. Others: those present, only in a named dialogue; else null.</param>
public sealed record PresenceView(
    int Participants,
    int Observers,
    int Facilitators,
    IReadOnlyList<OrganisationPresence> Organisations,
    IReadOnlyList<PersonPresence>? People);

public sealed record OrganisationPresence(string Organisation, int Count);

public sealed record PersonPresence(string DisplayName, string Organisation, RoomRole Role, bool Present);

/// <summary>Who the connection is, as the server sees it.</summary>
public sealed record ViewerInfo(int? ParticipantId, string DisplayName, string? Organisation, RoomRole Role);

/// <summary>
/// The parts of the room one committed change touched; absent parts are unchanged. Lists of themes replace
/// the agenda; contributions and agreements are upserts by id; removed ids disappear.
/// </summary>
public sealed record RoomDelta(
    StageView? Stage = null,
    SettingsView? Settings = null,
    IReadOnlyList<ThemeView>? Themes = null,
    IReadOnlyList<ContributionView>? Contributions = null,
    IReadOnlyList<int>? RemovedContributions = null,
    IReadOnlyList<AgreementView>? Agreements = null,
    IReadOnlyList<int>? RemovedAgreements = null,
    PresenceView? Presence = null)
{
    public static readonly RoomDelta Nothing = new();
}

// Commands (client to server). Every command carries a client-made id: a retry with the same id changes nothing.

public sealed record DialogueCommand(Guid CommandId, int DialogueId);

public sealed record PostContribution(Guid CommandId, int DialogueId, int ThemeId, ContributionKind Kind, string Text);

public sealed record EditContribution(Guid CommandId, int DialogueId, int ContributionId, string Text);

/// <summary>Withdraw, react (+1) or take back a reaction.</summary>
public sealed record ContributionCommand(Guid CommandId, int DialogueId, int ContributionId);

public sealed record ModerateContribution(Guid CommandId, int DialogueId, int ContributionId, ModerationAction Action);

/// <summary>Merges <see cref="SourceId"/> into <see cref="TargetId"/>: the source disappears, its +1s count for the target.</summary>
public sealed record MergeContributions(Guid CommandId, int DialogueId, int SourceId, int TargetId);

/// <summary>Puts a contribution on everyone's screen; null takes it off.</summary>
public sealed record SetSpotlight(Guid CommandId, int DialogueId, int? ContributionId);

public sealed record SetStage(Guid CommandId, int DialogueId, int ThemeId, Phase Phase);

public sealed record SetInputLocked(Guid CommandId, int DialogueId, bool Locked);

/// <param name="Seconds">For start: the duration (10 s – 4 h); for extend: the extra time (10 s – 1 h); otherwise ignored.</param>
public sealed record ControlTimer(Guid CommandId, int DialogueId, TimerAction Action, int Seconds);

/// <summary>Adds a theme at the end of the agenda (<see cref="ThemeId"/> null) or changes one.</summary>
public sealed record SaveTheme(Guid CommandId, int DialogueId, int? ThemeId, string Title, string? Goal);

/// <param name="Position">The new place on the agenda, from 1.</param>
public sealed record MoveTheme(Guid CommandId, int DialogueId, int ThemeId, int Position);

public sealed record ThemeCommand(Guid CommandId, int DialogueId, int ThemeId);

public sealed record UpdateSettings(Guid CommandId, int DialogueId, Anonymity Anonymity, bool ApproveBeforeShow, bool ObserversAllowed);

/// <summary>Adds an agreement (<see cref="AgreementId"/> null) or changes one.</summary>
public sealed record SaveAgreement(Guid CommandId, int DialogueId, int? AgreementId, int ThemeId, string What, string? Who, DateOnly? Due);

public sealed record AgreementCommand(Guid CommandId, int DialogueId, int AgreementId);

// The one event (server to client).

/// <summary>A committed change of the room at <see cref="Version"/>, as this audience may see it.</summary>
public sealed record RoomUpdated(int DialogueId, long Version, DateTimeOffset ServerTime, RoomDelta Delta);
