using IbtDialogue.Protocol;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Dialogues;

/// <summary>Dutch words for the dialogue values the server pages show.</summary>
public static class DialogueTexts
{
    public static string Status(DialogueStatus status) => status switch
    {
        DialogueStatus.Draft => Texts.StatusDraft,
        DialogueStatus.Open => Texts.StatusOpen,
        _ => Texts.StatusClosed,
    };

    public static string Error(NewDialogueError error) => error switch
    {
        NewDialogueError.TitleEmpty => Texts.NewDialogueErrorTitleEmpty,
        NewDialogueError.TitleTooLong => string.Format(Texts.Culture, Texts.NewDialogueErrorTitleTooLong, DialogueService.MaxTitleLength),
        NewDialogueError.DateMissing => Texts.NewDialogueErrorDateMissing,
        NewDialogueError.NoThemes => Texts.NewDialogueErrorNoThemes,
        NewDialogueError.ThemeTooLong => string.Format(Texts.Culture, Texts.NewDialogueErrorThemeTooLong, DialogueService.MaxTitleLength),
        _ => string.Format(Texts.Culture, Texts.NewDialogueErrorTooManyThemes, DialogueService.MaxThemes),
    };

    /// <summary>The same checks on a template: its name plays the part of the title.</summary>
    public static string TemplateError(NewDialogueError error) => error switch
    {
        NewDialogueError.TitleEmpty => Texts.TemplateErrorNameEmpty,
        NewDialogueError.TitleTooLong => string.Format(Texts.Culture, Texts.NewDialogueErrorTitleTooLong, DialogueService.MaxTitleLength),
        NewDialogueError.NotYours => Resources.ServerTexts.TemplateNotYours,
        _ => Error(error),
    };

    public static string Details(DetailsError error) => error switch
    {
        DetailsError.TitleEmpty => Texts.NewDialogueErrorTitleEmpty,
        DetailsError.TitleTooLong => string.Format(Texts.Culture, Texts.NewDialogueErrorTitleTooLong, DialogueService.MaxTitleLength),
        DetailsError.DateMissing => Texts.NewDialogueErrorDateMissing,
        DetailsError.EndBeforeStart => Resources.ServerTexts.DetailsErrorEndBeforeStart,
        DetailsError.EndWithoutStart => Resources.ServerTexts.DetailsErrorEndWithoutStart,
        DetailsError.PlaceTooLong => string.Format(Resources.ServerTexts.Culture, Resources.ServerTexts.DetailsErrorPlaceTooLong, DialogueDetailsService.MaxPlaceLength),
        _ => Resources.ServerTexts.DetailsClosed,
    };

    public static string Invitation(InvitationError error) => error switch
    {
        InvitationError.NameEmpty => Resources.ServerTexts.InvitedErrorNameEmpty,
        InvitationError.NameTooLong => string.Format(Resources.ServerTexts.Culture, Resources.ServerTexts.InvitedErrorNameTooLong, InvitationService.MaxNameLength),
        InvitationError.UnknownKind => Resources.ServerTexts.InvitedErrorUnknownKind,
        InvitationError.UnknownMunicipality => Resources.ServerTexts.InvitedErrorUnknownMunicipality,
        InvitationError.UnknownGgdRegion => Resources.ServerTexts.InvitedErrorUnknownGgdRegion,
        InvitationError.AlreadyInvited => Resources.ServerTexts.InvitedErrorAlreadyInvited,
        _ => Resources.ServerTexts.InvitedClosed,
    };

    public static string Field(NewDialogueError error) => error switch
    {
        NewDialogueError.TitleEmpty or NewDialogueError.TitleTooLong => "title",
        NewDialogueError.DateMissing => "date",
        _ => "themes",
    };

    public static string Domain(Domain domain) => domain switch
    {
        Dialogues.Domain.ChildcareSupervision => Resources.ServerTexts.DomainChildcareSupervision,
        Dialogues.Domain.LeaConsultation => Resources.ServerTexts.DomainLeaConsultation,
        _ => Resources.ServerTexts.DomainOther,
    };
}
