using IbtDialogue.Client.Protocol;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Client.Room;

/// <summary>The Dutch sentence a user sees for a hub error code.</summary>
public static class ErrorText
{
    public static string For(string? code) => code switch
    {
        ErrorCodes.TextEmpty => Texts.ErrorTextEmpty,
        ErrorCodes.TextTooLong => string.Format(Texts.Culture, Texts.ErrorTextTooLong, HubContract.MaxContributionLength),
        ErrorCodes.DialogueNotOpen => Texts.ErrorDialogueNotOpen,
        ErrorCodes.DialogueClosed => Texts.ErrorDialogueClosed,
        ErrorCodes.Forbidden => Texts.ErrorForbidden,
        ErrorCodes.NotFound => Texts.ErrorNotFound,
        ErrorCodes.Unavailable => Texts.ErrorUnavailable,
        _ => Texts.ErrorGeneric,
    };

    public static string Kind(ContributionKind kind) => kind switch
    {
        ContributionKind.SuccessFactor => Texts.KindSuccessFactor,
        ContributionKind.Bottleneck => Texts.KindBottleneck,
        ContributionKind.Question => Texts.KindQuestion,
        _ => kind.ToString(),
    };
}
