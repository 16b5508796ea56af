using IbtDialogue.Resources;

namespace IbtDialogue.Series;

/// <summary>The words for what the series pages refuse, in the request's language.</summary>
public static class SeriesTexts
{
    public static string Error(SeriesError error) => error switch
    {
        SeriesError.NameEmpty => ServerTexts.SeriesErrorNameEmpty,
        SeriesError.NameTooLong => string.Format(ServerTexts.Culture, ServerTexts.SeriesErrorNameTooLong, SeriesService.MaxNameLength),
        SeriesError.NameTaken => ServerTexts.SeriesErrorNameTaken,
        SeriesError.UnknownDomain => ServerTexts.SeriesErrorUnknownDomain,
        SeriesError.UnknownRegion => ServerTexts.SeriesErrorUnknownRegion,
        SeriesError.OtherDomain => ServerTexts.SeriesErrorOtherDomain,
        SeriesError.NoEarlierDialogue => ServerTexts.SeriesErrorNoEarlierDialogue,
        SeriesError.DomainLocked => ServerTexts.SeriesErrorDomainLocked,
        SeriesError.TitleEmpty => Client.Resources.Texts.NewDialogueErrorTitleEmpty,
        SeriesError.TitleTooLong => string.Format(ServerTexts.Culture, Client.Resources.Texts.NewDialogueErrorTitleTooLong, Dialogues.DialogueService.MaxTitleLength),
        SeriesError.DateMissing => Client.Resources.Texts.NewDialogueErrorDateMissing,
        _ => ServerTexts.SeriesErrorUnknownSeries,
    };

    /// <summary>The id of the form field an error belongs to ("" for the form as a whole).</summary>
    public static string Field(SeriesError error) => error switch
    {
        SeriesError.NameEmpty or SeriesError.NameTooLong or SeriesError.NameTaken => "name",
        SeriesError.UnknownDomain or SeriesError.DomainLocked => "domain",
        SeriesError.UnknownRegion => "region",
        SeriesError.TitleEmpty or SeriesError.TitleTooLong => "title",
        SeriesError.DateMissing => "date",
        SeriesError.UnknownSeries or SeriesError.OtherDomain => "series",
        _ => "",
    };
}
