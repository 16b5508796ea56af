namespace IbtDialogue.Protocol;

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

/// <summary>
/// Answer of <c>POST /api/hub-token/{dialogueId}</c>: a participant's short-lived hub token, sent as the
/// connection's access token. Valid for connecting (negotiate and transport) for <paramref name="ExpiresIn"/>
/// seconds from when it was made; a connection that is open stays open after that.
/// </summary>
public sealed record HubToken(string Token, int ExpiresIn);

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
    ViewerInfo You,
    IReadOnlyList<RiskView> Risks,
    IReadOnlyList<VotingView> Votings,
    IReadOnlyList<BallotEntry> MyBallot,
    IReadOnlyList<VotingProgress> Progress,
    long PresenceVersion = 0,
    string? ResultsPath = null,
    IReadOnlyList<LookBackItem>? LookBack = null);

/// <summary>What is happening now: status, theme, phase, lock, timer, spotlight, and what of the national picture is on screen.</summary>
public sealed record StageView(DialogueStatus Status, int? ThemeId, Phase Phase, bool InputLocked, TimerView? Timer, int? SpotlightId, NationalItemView? National = null);

/// <summary>Something of the national picture the facilitator put on everyone's screen: a risk with its national figures, a good practice, or a finding.</summary>
/// <param name="Text">Plain text (figures, what was done, or the finding).</param>
public sealed record NationalItemView(NationalItemKind Kind, int Id, string Title, string Text, string? Source);

/// <summary>The phase timer: running (<see cref="EndsAt"/> set) or paused (<see cref="RemainingSeconds"/> set).</summary>
public sealed record TimerView(int DurationSeconds, DateTimeOffset? EndsAt, int? RemainingSeconds);

public sealed record SettingsView(Anonymity Anonymity, bool ApproveBeforeShow, bool ObserversAllowed);

/// <param name="LookBack">The "Terugblik" of a series: the room shows <see cref="RoomSnapshot.LookBack"/> on it.</param>
public sealed record ThemeView(int Id, int Position, string Title, string? Goal, bool LookBack = false);

/// <summary>An agreement of an earlier dialogue of the series, looked back on in this one, with where it stands now.</summary>
/// <param name="FromTitle">The dialogue it was agreed in.</param>
public sealed record LookBackItem(int AgreementId, string What, string? Who, DateOnly? Due, AgreementStatus Status, string FromTitle, DateOnly FromDate);

/// <param name="AuthorName">Null when the dialogue's anonymity hides it from this audience.</param>
/// <param name="Organisation">Null when the dialogue is anonymous (for this audience).</param>
/// <param name="Text">The text; for a good practice, what was done.</param>
/// <param name="Practice">The details of a good practice; null for other kinds.</param>
/// <param name="ParentId">For a question under a good practice: that good practice.</param>
/// <param name="Mine">Posted by this participant (snapshots only; events carry false).</param>
/// <param name="ReactedByMe">This participant gave it a +1 (snapshots only; events carry false).</param>
/// <param name="ByFacilitator">Written by a facilitator of the dialogue (an inspector), shown as such in every view so nobody can pass for one.</param>
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
    bool ReactedByMe = false,
    GoodPracticeView? Practice = null,
    int? ParentId = null,
    bool ByFacilitator = false);

/// <param name="Organisation">The municipality or organisation the practice comes from.</param>
/// <param name="ContactName">Someone who may be approached about it; only stored with their consent.</param>
public sealed record GoodPracticeView(string Title, string Why, string Organisation, CycleStep Step, string? ContactName, string? ContactDetails);

/// <param name="ProposedByMe">Proposed by this participant (snapshots only).</param>
public sealed record RiskView(int Id, int ThemeId, int Position, string Title, string? Description, RiskStatus Status, bool ProposedByMe = false);

/// <summary>A theme's vote: its method and limits, where it is, and — only once revealed — its results.</summary>
/// <param name="National">Once revealed: the national figures of the risks on the list that are in the national catalogue (only figures on at least 5 dialogues and 5 municipalities).</param>
public sealed record VotingView(int ThemeId, VoteMethod Method, int Budget, int Cap, VoteState State, bool Revealed, IReadOnlyList<RiskResult>? Results, IReadOnlyList<NationalComparison>? National = null);

/// <summary>A risk's place in the national picture (the newest year up to the dialogue's, the whole country), to set beside the room's own result.</summary>
/// <param name="Rank">Its rank in the theme nationally, among the risks with shareable figures weighed the same way.</param>
/// <param name="MeanShare">Dots: its mean share of the points nationally.</param>
/// <param name="Score">Matrix: mean likelihood × mean impact nationally.</param>
public sealed record NationalComparison(int RiskId, int Year, VoteMethod Method, int Rank, double? MeanShare, double? Score, int Dialogues);

/// <summary>
/// One risk's result. Dots: points and voters. Matrix: the mean and spread (population standard deviation)
/// of likelihood and impact over those who rated it, and score = mean likelihood × mean impact.
/// Equal results share a rank.
/// </summary>
public sealed record RiskResult(
    int RiskId,
    int Rank,
    int Points,
    int Voters,
    double? MeanLikelihood = null,
    double? MeanImpact = null,
    double? Score = null,
    double? SpreadLikelihood = null,
    double? SpreadImpact = null);

/// <summary>One line of this participant's own ballot: points (dots) or a rating (matrix).</summary>
public sealed record BallotEntry(int RiskId, int? Points, int? Likelihood, int? Impact);

/// <summary>For facilitators: how many of the eligible participants have voted on a theme (never what they voted).</summary>
public sealed record VotingProgress(int DialogueId, int ThemeId, int Voters, int Eligible);

public sealed record AgreementView(int Id, int ThemeId, string What, string? Who, DateOnly? Due);

/// <param name="People">Facilitators: everyone present and everyone who dropped out. The room: always null (counts and organisations only).</param>
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
    IReadOnlyList<RiskView>? Risks = null,
    IReadOnlyList<int>? RemovedRisks = null,
    IReadOnlyList<VotingView>? Votings = null)
{
    public static readonly RoomDelta Nothing = new();
}

// Commands (client to server). Every command carries a client-made id: a retry with the same id changes nothing.

/// <summary>What every command carries: its client-made id and the dialogue it is for.</summary>
public interface IRoomCommand
{
    /// <summary>Made by the client; a resend with the same id after a lost answer changes nothing.</summary>
    Guid CommandId { get; }

    int DialogueId { get; }
}

public sealed record DialogueCommand(Guid CommandId, int DialogueId) : IRoomCommand;

/// <param name="ParentId">Only for a question about a good practice (in the good-practices phase).</param>
public sealed record PostContribution(Guid CommandId, int DialogueId, int ThemeId, ContributionKind Kind, string Text, int? ParentId = null) : IRoomCommand;

/// <summary>Records a good practice (<see cref="ContributionId"/> null) or changes one.</summary>
/// <param name="What">What was done.</param>
/// <param name="Why">Why it works.</param>
/// <param name="ContactConsent">Required when a contact is named: that person agreed to be approached.</param>
public sealed record SaveGoodPractice(
    Guid CommandId,
    int DialogueId,
    int ThemeId,
    int? ContributionId,
    string Title,
    string What,
    string Why,
    string Organisation,
    CycleStep Step,
    string? ContactName,
    string? ContactDetails,
    bool ContactConsent) : IRoomCommand;

public sealed record EditContribution(Guid CommandId, int DialogueId, int ContributionId, string Text) : IRoomCommand;

/// <summary>Withdraw, react (+1) or take back a reaction.</summary>
public sealed record ContributionCommand(Guid CommandId, int DialogueId, int ContributionId) : IRoomCommand;

public sealed record ModerateContribution(Guid CommandId, int DialogueId, int ContributionId, ModerationAction Action) : IRoomCommand;

/// <summary>Merges <see cref="SourceId"/> into <see cref="TargetId"/>: the source disappears, its +1s count for the target.</summary>
public sealed record MergeContributions(Guid CommandId, int DialogueId, int SourceId, int TargetId) : IRoomCommand;

/// <summary>Puts a contribution on everyone's screen; null takes it off.</summary>
public sealed record SetSpotlight(Guid CommandId, int DialogueId, int? ContributionId) : IRoomCommand;

public sealed record SetStage(Guid CommandId, int DialogueId, int ThemeId, Phase Phase) : IRoomCommand;

public sealed record SetInputLocked(Guid CommandId, int DialogueId, bool Locked) : IRoomCommand;

/// <param name="Seconds">For start: the duration (10 s – 4 h); for extend: the extra time (10 s – 1 h); otherwise ignored.</param>
public sealed record ControlTimer(Guid CommandId, int DialogueId, TimerAction Action, int Seconds) : IRoomCommand;

/// <summary>Adds a theme at the end of the agenda (<see cref="ThemeId"/> null) or changes one.</summary>
public sealed record SaveTheme(Guid CommandId, int DialogueId, int? ThemeId, string Title, string? Goal) : IRoomCommand;

/// <param name="Position">The new place on the agenda, from 1.</param>
public sealed record MoveTheme(Guid CommandId, int DialogueId, int ThemeId, int Position) : IRoomCommand;

public sealed record ThemeCommand(Guid CommandId, int DialogueId, int ThemeId) : IRoomCommand;

public sealed record UpdateSettings(Guid CommandId, int DialogueId, Anonymity Anonymity, bool ApproveBeforeShow, bool ObserversAllowed) : IRoomCommand;

/// <summary>Adds an agreement (<see cref="AgreementId"/> null) or changes one.</summary>
public sealed record SaveAgreement(Guid CommandId, int DialogueId, int? AgreementId, int ThemeId, string What, string? Who, DateOnly? Due) : IRoomCommand;

public sealed record AgreementCommand(Guid CommandId, int DialogueId, int AgreementId) : IRoomCommand;

/// <summary>A facilitator adds or changes a risk (accepted at once); a participant proposes one (<see cref="RiskId"/> null).</summary>
public sealed record SaveRisk(Guid CommandId, int DialogueId, int ThemeId, int? RiskId, string Title, string? Description) : IRoomCommand;

/// <summary>Accepts or rejects a proposed risk.</summary>
public sealed record DecideRisk(Guid CommandId, int DialogueId, int RiskId, bool Accept) : IRoomCommand;

public sealed record RiskCommand(Guid CommandId, int DialogueId, int RiskId) : IRoomCommand;

/// <summary>Sets how a theme's risks are weighed; only before its vote opens.</summary>
/// <param name="Budget">Dots: points per participant (1–50).</param>
/// <param name="Cap">Dots: most points on one risk (1 – budget).</param>
public sealed record ConfigureVoting(Guid CommandId, int DialogueId, int ThemeId, VoteMethod Method, int Budget, int Cap) : IRoomCommand;

/// <summary>Opens a theme's vote with these settings (as <see cref="ConfigureVoting"/>).</summary>
public sealed record OpenVoting(Guid CommandId, int DialogueId, int ThemeId, VoteMethod Method, int Budget, int Cap) : IRoomCommand;

/// <summary>Closes or reveals a theme's vote.</summary>
public sealed record VotingCommand(Guid CommandId, int DialogueId, int ThemeId) : IRoomCommand;

/// <summary>Puts this many points (0 takes them off) on a risk; the rest of the ballot stays.</summary>
public sealed record CastDots(Guid CommandId, int DialogueId, int ThemeId, int RiskId, int Points) : IRoomCommand;

/// <summary>Rates a risk: likelihood and impact, each 1–5.</summary>
public sealed record RateRisk(Guid CommandId, int DialogueId, int ThemeId, int RiskId, int Likelihood, int Impact) : IRoomCommand;

/// <summary>Adds a risk of the national catalogue to the theme's list (only before its vote starts).</summary>
public sealed record AddCatalogueRisk(Guid CommandId, int DialogueId, int ThemeId, int CatalogueRiskId) : IRoomCommand;

/// <summary>Puts something of the national picture on everyone's screen; <see cref="Kind"/> null takes it off.</summary>
public sealed record ShowNational(Guid CommandId, int DialogueId, NationalItemKind? Kind, int? Id) : IRoomCommand;

/// <summary>Asks for the national picture of one theme of the dialogue (facilitators).</summary>
public sealed record NationalPanelRequest(int DialogueId, int ThemeId);

/// <summary>Answer to <c>GetNationalPanel</c>.</summary>
public sealed record NationalPanelResult(bool Ok, string? Error, string? Detail, NationalPanel? Panel)
{
    public static NationalPanelResult Success(NationalPanel panel) => new(true, null, null, panel);

    public static NationalPanelResult Failure(string error, string detail) => new(false, error, detail, null);
}

/// <summary>
/// What the national picture says about one theme, for the facilitator to use in the room: the national
/// ranking of its risks, the catalogue risks to add to the vote, featured good practices, and findings.
/// Empty lists when the theme is not a theme of the supervision framework (<see cref="ThemeKey"/> null).
/// </summary>
/// <param name="Year">The year of <see cref="Risks"/>: the newest up to the dialogue's year with figures.</param>
public sealed record NationalPanel(
    string? ThemeKey,
    int? Year,
    IReadOnlyList<NationalRiskView> Risks,
    IReadOnlyList<NationalCatalogueItem> Catalogue,
    IReadOnlyList<NationalPracticeView> Practices,
    IReadOnlyList<NationalFindingView> Findings);

/// <summary>A catalogue risk's national figure (only figures on at least 5 dialogues and 5 municipalities).</summary>
public sealed record NationalRiskView(int CatalogueRiskId, string Title, VoteMethod Method, int Rank, int? PreviousRank, int Dialogues, int Municipalities, double? MeanShare, double? Score);

/// <param name="OnList">Already on this theme's list of risks.</param>
public sealed record NationalCatalogueItem(int Id, string Title, string? Explanation, string? Source, bool OnList);

public sealed record NationalPracticeView(int Id, string Title, string What, string Why, string Organisation, CycleStep Step);

/// <param name="Html">The finding, rendered from its Markdown by the server's safe renderer.</param>
public sealed record NationalFindingView(int Id, string Title, string Html, string? Sources);

// The one event (server to client).

/// <summary>
/// Who is in the room now, as this audience may see it. Not a room change: it has its own counter, raised in
/// the database by every enter and leave; the highest <see cref="PresenceVersion"/> wins (a snapshot counts too).
/// </summary>
public sealed record PresenceUpdated(int DialogueId, long PresenceVersion, PresenceView Presence);

/// <summary>
/// Where the room stands: its version and presence version now. Sent by a node to its own connections when
/// events may have been lost on the way between nodes (the backplane reconnected, and every so often with
/// several nodes). A client that shows an older version or presence loads a snapshot.
/// </summary>
public sealed record RoomVersion(int DialogueId, long Version, long PresenceVersion);

/// <summary>A committed change of the room at <see cref="Version"/>, as this audience may see it.</summary>
public sealed record RoomUpdated(int DialogueId, long Version, DateTimeOffset ServerTime, RoomDelta Delta);
