using IbtDialogue.Protocol;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Client.Room;

/// <summary>The Dutch words a user sees for the protocol's codes and values.</summary>
public static class ErrorText
{
    public static string For(string? code) => code switch
    {
        ErrorCodes.TextEmpty => Texts.ErrorTextEmpty,
        ErrorCodes.TextTooLong => Texts.ErrorTextTooLongGeneric,
        ErrorCodes.DialogueNotOpen => Texts.ErrorDialogueNotOpen,
        ErrorCodes.DialogueClosed => Texts.ErrorDialogueClosed,
        ErrorCodes.Forbidden => Texts.ErrorForbidden,
        ErrorCodes.NotFound => Texts.ErrorNotFound,
        ErrorCodes.Unavailable => Texts.ErrorUnavailable,
        ErrorCodes.PhaseClosed => Texts.ErrorPhaseClosed,
        ErrorCodes.ItemUnavailable => Texts.ErrorItemUnavailable,
        ErrorCodes.AlreadyReacted => Texts.ErrorAlreadyReacted,
        ErrorCodes.NotReacted => Texts.ErrorNotReacted,
        ErrorCodes.NotYours => Texts.ErrorNotYours,
        ErrorCodes.InvalidTimer => Texts.ErrorInvalidTimer,
        ErrorCodes.ThemeInUse => Texts.ErrorThemeInUse,
        ErrorCodes.ThemeHasContent => Texts.ErrorThemeHasContent,
        ErrorCodes.AgendaEmpty => Texts.ErrorAgendaEmpty,
        ErrorCodes.InvalidMerge => Texts.ErrorInvalidMerge,
        ErrorCodes.ConsentRequired => Texts.ErrorConsentRequired,
        ErrorCodes.VotingClosed => Texts.ErrorVotingClosed,
        ErrorCodes.VotingState => Texts.ErrorVotingState,
        ErrorCodes.OverBudget => Texts.ErrorOverBudget,
        ErrorCodes.OverCap => Texts.ErrorOverCap,
        ErrorCodes.InvalidVote => Texts.ErrorInvalidVote,
        ErrorCodes.WrongMethod => Texts.ErrorWrongMethod,
        ErrorCodes.RiskLocked => Texts.ErrorRiskLocked,
        ErrorCodes.RiskExists => Texts.ErrorRiskExists,
        ErrorCodes.NotNational => Texts.ErrorNotNational,
        ErrorCodes.RateLimited => Texts.ErrorRateLimited,
        ErrorCodes.TooManyConnections => Texts.ErrorTooManyConnections,
        ErrorCodes.DueInPast => Texts.ErrorDueInPast,
        _ => Texts.ErrorGeneric,
    };

    /// <summary>The error sentence for a contribution text, with the limit in it.</summary>
    public static string ForContribution(string? code) => code == ErrorCodes.TextTooLong
        ? string.Format(Texts.Culture, Texts.ErrorTextTooLong, HubContract.MaxContributionLength)
        : For(code);

    public static string Kind(ContributionKind kind) => kind switch
    {
        ContributionKind.SuccessFactor => Texts.KindSuccessFactor,
        ContributionKind.Bottleneck => Texts.KindBottleneck,
        ContributionKind.GoodPractice => Texts.KindGoodPractice,
        _ => Texts.KindQuestion,
    };

    public static string Step(CycleStep step) => step switch
    {
        CycleStep.Plan => Texts.StepPlan,
        CycleStep.Do => Texts.StepDo,
        CycleStep.Check => Texts.StepCheck,
        _ => Texts.StepAct,
    };

    public static string Method(VoteMethod method) => method == VoteMethod.Dots ? Texts.MethodDots : Texts.MethodMatrix;

    /// <summary>A mean or score as people read it: one decimal, Dutch notation.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.CurrentCulture) : "—";

    public static string Phase(Phase phase) => phase switch
    {
        Protocol.Phase.Sharing => Texts.PhaseSharing,
        Protocol.Phase.GoodPractices => Texts.PhaseGoodPractices,
        Protocol.Phase.RiskWeighing => Texts.PhaseRiskWeighing,
        _ => Texts.PhaseAgreements,
    };

    /// <summary>Where the follow-up of an agreement stands: open, bezig, gedaan, vervallen.</summary>
    public static string AgreementStatus(AgreementStatus status) => status switch
    {
        Protocol.AgreementStatus.InProgress => Texts.AgreementStatusInProgress,
        Protocol.AgreementStatus.Done => Texts.AgreementStatusDone,
        Protocol.AgreementStatus.Dropped => Texts.AgreementStatusDropped,
        _ => Texts.AgreementStatusOpen,
    };

    /// <summary>What a participant does in a phase, in one or two plain sentences.</summary>
    public static string PhaseHint(Phase phase) => phase switch
    {
        Protocol.Phase.Sharing => Texts.PhaseSharingHint,
        Protocol.Phase.GoodPractices => Texts.PhaseGoodPracticesHint,
        Protocol.Phase.RiskWeighing => Texts.PhaseRiskWeighingHint,
        _ => Texts.PhaseAgreementsHint,
    };

    public static string Status(DialogueStatus status) => status switch
    {
        DialogueStatus.Draft => Texts.StatusDraft,
        DialogueStatus.Open => Texts.StatusOpen,
        _ => Texts.StatusClosed,
    };

    public static string Anonymity(Anonymity anonymity) => anonymity switch
    {
        Protocol.Anonymity.Named => Texts.AnonymityNamed,
        Protocol.Anonymity.OrganisationOnly => Texts.AnonymityOrganisationOnly,
        _ => Texts.AnonymityAnonymous,
    };

    /// <summary>What the room shows of the authors of what is posted now, in one sentence.</summary>
    public static string RoomAnonymity(Anonymity anonymity) => anonymity switch
    {
        Protocol.Anonymity.Named => Texts.RoomAnonymityNamed,
        Protocol.Anonymity.OrganisationOnly => Texts.RoomAnonymityOrganisationOnly,
        _ => Texts.RoomAnonymityAnonymous,
    };

    /// <summary>"Piet Jansen, Zwolle", "Zwolle", or "Anoniem", as far as the dialogue shows authors.</summary>
    public static string Author(ContributionView item)
    {
        var author = (item.AuthorName, item.Organisation) switch
        {
            ({ } name, { } organisation) => $"{name}, {organisation}",
            ({ } name, null) => name,
            (null, { } organisation) => organisation,
            _ => Texts.AuthorAnonymous,
        };
        return item.ByFacilitator ? $"{author} ({Texts.AuthorFacilitator})" : author;
    }

    /// <summary>A duration as people say it: "5:00", "1:02:30".</summary>
    public static string Clock(int seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return span.TotalHours >= 1 ? span.ToString(@"h\:mm\:ss", Texts.Culture) : span.ToString(@"m\:ss", Texts.Culture);
    }

    /// <summary>What kind of item of the national picture is on screen.</summary>
    public static string NationalKind(NationalItemKind kind) => kind switch
    {
        NationalItemKind.Risk => Texts.NationalKindRisk,
        NationalItemKind.Practice => Texts.NationalKindPractice,
        _ => Texts.NationalKindFinding,
    };
}
