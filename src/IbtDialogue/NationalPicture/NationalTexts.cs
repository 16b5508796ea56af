using IbtDialogue.Resources;

namespace IbtDialogue.NationalPicture;

public static class NationalTexts
{
    public static string Describe(CatalogueError error) => error switch
    {
        CatalogueError.TitleEmpty => ServerTexts.CatalogueErrorTitleEmpty,
        CatalogueError.TitleTooLong => string.Format(ServerTexts.Culture, ServerTexts.CatalogueErrorTitleTooLong, RiskCatalogue.MaxTitleLength),
        CatalogueError.TextTooLong => ServerTexts.CatalogueErrorTextTooLong,
        CatalogueError.UnknownTheme => ServerTexts.CatalogueErrorUnknownTheme,
        CatalogueError.DuplicateTitle => ServerTexts.CatalogueErrorDuplicate,
        _ => ServerTexts.CatalogueErrorUnknownRisk,
    };
}
