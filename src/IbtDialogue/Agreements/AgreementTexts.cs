using System.Globalization;
using IbtDialogue.Components;
using IbtDialogue.Protocol;
using IbtDialogue.Resources;

namespace IbtDialogue.Agreements;

/// <summary>The words for an agreement's follow-up, in the request's language.</summary>
public static class AgreementTexts
{
    public static string Status(AgreementStatus status) => Client.Room.ErrorText.AgreementStatus(status);

    public static string Due(DateOnly? due) => due is { } date ? date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture) : ServerTexts.FollowUpNoDue;

    /// <summary>"12 maart 2026 14:30: van open naar bezig, door Anna".</summary>
    public static string Step(FollowUpStep step)
    {
        var by = step.By is null ? ServerTexts.FollowUpByUnknown
            : step.ByContact ? string.Format(ServerTexts.Culture, ServerTexts.FollowUpByContact, step.By)
            : step.By;
        return string.Format(ServerTexts.Culture, ServerTexts.FollowUpStep, DutchTime.Format(step.At, CultureInfo.CurrentCulture), Status(step.From), Status(step.To), by);
    }

    public static string Error(FollowUpError error) => error switch
    {
        FollowUpError.StatusUnknown => ServerTexts.FollowUpErrorStatus,
        FollowUpError.NoteEmpty => ServerTexts.FollowUpErrorNoteEmpty,
        FollowUpError.NoteTooLong => string.Format(ServerTexts.Culture, ServerTexts.FollowUpErrorNoteTooLong, AgreementFollowUp.MaxNoteLength),
        FollowUpError.NameEmpty => ServerTexts.FollowUpErrorNameEmpty,
        FollowUpError.NameTooLong => string.Format(ServerTexts.Culture, ServerTexts.FollowUpErrorNameTooLong, AgreementFollowUp.MaxNameLength),
        FollowUpError.LinkExpired => ServerTexts.FollowUpLinkExpired,
        FollowUpError.LinkOtherAgreement => ServerTexts.FollowUpLinkOther,
        FollowUpError.Pseudonymised => ServerTexts.FollowUpLinkPseudonymised,
        FollowUpError.LinkUnknown => ServerTexts.FollowUpLinkUnknown,
        _ => ServerTexts.FollowUpErrorNotFound,
    };

    /// <summary>The id of the form field an error belongs to ("" for the form as a whole).</summary>
    public static string Field(FollowUpError error, string suffix = "") => error switch
    {
        FollowUpError.StatusUnknown => "status" + suffix,
        FollowUpError.NoteEmpty or FollowUpError.NoteTooLong => "note" + suffix,
        FollowUpError.NameEmpty or FollowUpError.NameTooLong => "name" + suffix,
        _ => "",
    };
}
