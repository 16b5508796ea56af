using IbtDialogue.Protocol;
using IbtDialogue.Resources;

namespace IbtDialogue.Privacy;

/// <summary>The words for the stored facts of the exports and the audit trail, in the request's language.</summary>
public static class PrivacyTexts
{
    public static string Status(ContributionStatus status) => status switch
    {
        ContributionStatus.Visible => ServerTexts.ContributionStatusVisible,
        ContributionStatus.Pending => ServerTexts.ContributionStatusPending,
        ContributionStatus.Hidden => ServerTexts.ContributionStatusHidden,
        ContributionStatus.Withdrawn => ServerTexts.ContributionStatusWithdrawn,
        _ => ServerTexts.ContributionStatusMerged,
    };

    public static string Role(RoomRole role) => role == RoomRole.Observer ? ServerTexts.RoleObserverName : ServerTexts.RoleParticipantName;

    public static string RiskStatus(RiskStatus status) => status switch
    {
        Protocol.RiskStatus.Accepted => ServerTexts.RiskStatusAccepted,
        Protocol.RiskStatus.Rejected => ServerTexts.RiskStatusRejected,
        _ => ServerTexts.RiskStatusProposed,
    };

    /// <summary>What a moderator did, as the trail stores it (hide, show, approve, reject, edit, merge).</summary>
    public static string Action(string action) => action switch
    {
        "hide" => ServerTexts.ModerationHide,
        "show" => ServerTexts.ModerationShow,
        "approve" => ServerTexts.ModerationApprove,
        "reject" => ServerTexts.ModerationReject,
        "edit" => ServerTexts.ModerationEdit,
        "merge" => ServerTexts.ModerationMerge,
        _ => action,
    };

    /// <summary>The anonymity of a dialogue, in words a participant reads before joining.</summary>
    public static string AnonymityBeforeJoining(Anonymity anonymity) => anonymity switch
    {
        Protocol.Anonymity.Named => ServerTexts.JoinAnonymityNamed,
        Protocol.Anonymity.OrganisationOnly => ServerTexts.JoinAnonymityOrganisationOnly,
        _ => ServerTexts.JoinAnonymityAnonymous,
    };

    public static string EditedBy(string editedBy) => editedBy == "self" ? ServerTexts.ExportEditedBySelf : ServerTexts.ExportEditedByFacilitator;

    public static string Kind(ContributionKind kind) => Client.Room.ErrorText.Kind(kind);

    public static string Anonymity(Anonymity anonymity) => Client.Room.ErrorText.Anonymity(anonymity);

    public static string Step(CycleStep step) => Client.Room.ErrorText.Step(step);

    /// <summary>"12 maart 2026 14:30" (or "12 March 2026 14:30"), Dutch time.</summary>
    public static string Time(DateTime utc) => Components.DutchTime.Format(utc, System.Globalization.CultureInfo.CurrentCulture);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.CurrentCulture);
}
