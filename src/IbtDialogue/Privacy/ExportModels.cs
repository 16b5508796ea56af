using IbtDialogue.Dialogues;
using IbtDialogue.Minutes;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;

namespace IbtDialogue.Privacy;

// The two exports of the AVG and Woo, as written to JSON (camelCase, enums as camelCase strings, UTC times with
// "Z"). Their JSON Schemas are docs/schemas/participant-export.schema.json and dialogue-record.schema.json: a
// change here is a change there (the tests validate every export against them).

/// <summary>Everything stored about one participant (AVG art. 15): who they are, what they wrote, their +1s and votes.</summary>
/// <param name="SealedVoteThemes">Themes whose votes are secret now: whatever the participant voted there is no longer linked to them.</param>
/// <param name="MinutesVersionsNamingYou">How many stored versions of the (internal) minutes name the participant.</param>
public sealed record ParticipantExport(
    string Kind,
    int FormatVersion,
    DateTime ExportedAt,
    string Controller,
    ExportedDialogue Dialogue,
    ExportedParticipant Participant,
    IReadOnlyList<ExportedContribution> Contributions,
    IReadOnlyList<ExportedPlusOne> PlusOnes,
    IReadOnlyList<ExportedVote> Votes,
    IReadOnlyList<string> SealedVoteThemes,
    IReadOnlyList<ExportedProposedRisk> ProposedRisks,
    IReadOnlyList<ExportedAgreement> AgreementsNamingYou,
    int MinutesVersionsNamingYou,
    IReadOnlyList<string> Notes)
{
    public const string KindName = "participant-export";
}

/// <param name="PersonalDataKeptUntil">When the retention period ends (null while the dialogue is not closed).</param>
public sealed record ExportedDialogue(
    int Id,
    string Title,
    DateOnly Date,
    DialogueStatus Status,
    Anonymity Anonymity,
    DateTime? ClosedAt,
    int RetentionMonths,
    DateTime? PersonalDataKeptUntil,
    DateTime? PseudonymisedAt);

public sealed record ExportedParticipant(
    int Id,
    string DisplayName,
    string Organisation,
    OrganisationType OrganisationType,
    bool IsMunicipality,
    RoomRole Role,
    DateTime JoinedAt,
    DateTime? LastLeftAt);

/// <param name="PostedAs">The anonymity it was posted under: what everyone, facilitators too, saw of its author.</param>
/// <param name="QuestionAbout">For a question about a good practice: that practice's id.</param>
public sealed record ExportedContribution(
    int Id,
    string Theme,
    ContributionKind Kind,
    ContributionStatus Status,
    string Text,
    DateTime CreatedAt,
    bool Edited,
    Anonymity PostedAs,
    int? QuestionAbout,
    ExportedPractice? GoodPractice,
    IReadOnlyList<ExportedEarlierText> EarlierTexts,
    IReadOnlyList<ExportedModeration> Moderation,
    int PlusOnes);

public sealed record ExportedPractice(
    string? Title,
    string? Why,
    string? Organisation,
    CycleStep? Step,
    string? ContactName,
    string? ContactDetails,
    DateTime? ContactConsentAt);

/// <param name="EditedBy">"self" or "facilitator".</param>
public sealed record ExportedEarlierText(string Text, DateTime EditedAt, string EditedBy);

/// <param name="Action">hide, show, approve, reject, edit or merge.</param>
public sealed record ExportedModeration(string Action, DateTime At);

/// <param name="Text">The text of the contribution, while it is visible in the room; else null.</param>
public sealed record ExportedPlusOne(int ContributionId, string Theme, string? Text, DateTime At);

public sealed record ExportedVote(string Theme, string Risk, int Points, int? Likelihood, int? Impact, DateTime CastAt);

public sealed record ExportedProposedRisk(string Theme, string Title, string? Description, RiskStatus Status, DateTime ProposedAt);

public sealed record ExportedAgreement(string Theme, string What, string? Who, DateOnly? Due);

/// <summary>
/// A whole dialogue's record, for the archive or a Woo request: every contribution (its author only as far as the
/// anonymity it was posted under allows), the moderation audit trail, risks and vote results, agreements, every
/// version of the minutes and the final one, and the public summary. No participant's name stands in it except
/// where a contribution was posted with names.
/// </summary>
/// <param name="FinalMinutes">The minutes version in force: the newest one.</param>
public sealed record DialogueRecordExport(
    string Kind,
    int FormatVersion,
    DateTime ExportedAt,
    string Controller,
    RecordDialogue Dialogue,
    IReadOnlyList<RecordFacilitator> Facilitators,
    IReadOnlyList<RecordOrganisation> Organisations,
    IReadOnlyList<RecordTheme> Themes,
    IReadOnlyList<RecordModeration> Moderation,
    IReadOnlyList<RecordMinutesVersion> MinutesVersions,
    RecordMinutesVersion? FinalMinutes,
    RecordPublication? Publication,
    IReadOnlyList<string> Notes,
    IReadOnlyList<RecordInvitation> Invited,
    IReadOnlyList<RecordLookBack> LookBack)
{
    public const string KindName = "dialogue-record";

    /// <summary>2: the series, the invited organisations and the look-back (1 had none of them).</summary>
    public const int Version = 2;
}

/// <summary>An organisation invited to the dialogue.</summary>
public sealed record RecordInvitation(string Organisation, OrganisationType Type);

/// <summary>An agreement of an earlier dialogue of the series that this one looked back on, as it stands at the export.</summary>
public sealed record RecordLookBack(int AgreementId, string What, string? Who, DateOnly? Due, Protocol.AgreementStatus Status, string FromTitle, DateOnly FromDate);

public sealed record RecordDialogue(
    int Id,
    string Title,
    DateOnly Date,
    Domain Domain,
    int Year,
    string? Region,
    DialogueStatus Status,
    Anonymity Anonymity,
    bool ApproveBeforeShow,
    DateTime CreatedAt,
    DateTime? OpenedAt,
    DateTime? ClosedAt,
    int RetentionMonths,
    DateTime? PseudonymisedAt,
    string? Series);

public sealed record RecordFacilitator(string Name, bool Owner);

public sealed record RecordOrganisation(string Organisation, OrganisationType Type, int Participants, int Observers);

/// <param name="FrameworkTheme">The theme of the supervision framework it is, if any.</param>
public sealed record RecordTheme(
    int Id,
    int Position,
    string Title,
    string? Goal,
    string? FrameworkTheme,
    IReadOnlyList<RecordContribution> Contributions,
    IReadOnlyList<RecordRisk> Risks,
    RecordVote Vote,
    IReadOnlyList<RecordAgreement> Agreements,
    bool LookBack);

public sealed record RecordContribution(
    int Id,
    ContributionKind Kind,
    ContributionStatus Status,
    string Text,
    DateTime CreatedAt,
    bool Edited,
    Anonymity PostedAs,
    RecordAuthor Author,
    int PlusOnes,
    int? QuestionAbout,
    int? MergedInto,
    RecordPractice? GoodPractice,
    IReadOnlyList<RecordEarlierText> EarlierTexts);

/// <param name="Name">Null when posted anonymously or with the organisation only.</param>
/// <param name="Organisation">Null when posted anonymously.</param>
public sealed record RecordAuthor(string? Name, string? Organisation, bool ByFacilitator);

public sealed record RecordPractice(string? Title, string? Why, string? Organisation, CycleStep? Step, string? ContactName, string? ContactDetails);

public sealed record RecordEarlierText(string Text, DateTime EditedAt, bool ByFacilitator);

public sealed record RecordRisk(int Id, int Position, string Title, string? Description, RiskStatus Status, bool ProposedByParticipant, int? CatalogueRiskId);

/// <param name="Results">The ranking once the vote is closed; else null.</param>
public sealed record RecordVote(VoteMethod Method, VoteState State, bool Revealed, int DotBudget, int DotCap, IReadOnlyList<RecordRiskResult>? Results);

public sealed record RecordRiskResult(
    int RiskId,
    string Risk,
    int Rank,
    int Points,
    int Voters,
    double? MeanLikelihood,
    double? MeanImpact,
    double? Score,
    double? SpreadLikelihood,
    double? SpreadImpact);

/// <param name="Status">Where its follow-up stands.</param>
/// <param name="History">Every status change, oldest first.</param>
public sealed record RecordAgreement(int Id, string What, string? Who, DateOnly? Due, string? RecordedBy, DateTime RecordedAt, Protocol.AgreementStatus Status, IReadOnlyList<RecordStatusChange> History);

/// <param name="By">The facilitator (null when the account no longer exists), or the name the owner organisation's contact gave.</param>
/// <param name="ByContact">Made by the contact through a follow-up link.</param>
public sealed record RecordStatusChange(Protocol.AgreementStatus From, Protocol.AgreementStatus To, string Note, string? By, bool ByContact, DateTime At);

/// <param name="By">The facilitator who did it (null when the account no longer exists).</param>
/// <param name="Detail">For an edit, the text before it; for a merge, the id it was merged into.</param>
public sealed record RecordModeration(int Id, DateTime At, string Action, string? By, int ContributionId, string? Detail);

public sealed record RecordMinutesVersion(int Number, DateTime CreatedAt, string? Author, MinutesSource Source, int? RestoredFrom, string Markdown);

public sealed record RecordPublication(bool IsPublished, DateTime? FirstPublishedAt, DateTime UpdatedAt, string Markdown);

/// <summary>One line of the moderation audit trail as the dialogue's facilitators read it.</summary>
public sealed record ModerationLine(
    int Id,
    DateTime At,
    string Action,
    string? By,
    int ContributionId,
    ContributionKind Kind,
    ContributionStatus Status,
    string Theme,
    string Text,
    string? Detail);

/// <summary>A dialogue as an administrator finds it to export its record.</summary>
public sealed record DialogueFound(int Id, string Title, DateOnly Date, string JoinCode, DialogueStatus Status);
