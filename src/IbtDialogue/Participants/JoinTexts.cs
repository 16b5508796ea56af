using IbtDialogue.Protocol;
using IbtDialogue.Client.Resources;
using IbtDialogue.Live;
using IbtDialogue.Resources;

namespace IbtDialogue.Participants;

public static class JoinTexts
{
    /// <param name="typedMunicipality">What was typed in the municipality field, to name it in the answer.</param>
    public static string Error(JoinError error, string? typedMunicipality = null) => error switch
    {
        JoinError.CodeNotAccepted => Texts.JoinErrorUnknownCode,
        JoinError.NameEmpty => Texts.JoinErrorNameEmpty,
        JoinError.NameTooLong => string.Format(Texts.Culture, Texts.ErrorNameTooLong, HubContract.MaxDisplayNameLength),
        JoinError.OrganisationMissing => Texts.JoinErrorOrganisationMissing,
        JoinError.OrganisationTooLong => string.Format(Texts.Culture, Texts.JoinErrorOrganisationTooLong, HubContract.MaxOrganisationLength),
        JoinError.ObserversNotAllowed => Texts.JoinErrorObserversNotAllowed,
        JoinError.NameWithoutLetters => Texts.JoinErrorNameWithoutLetters,
        JoinError.OrganisationReserved => Texts.JoinErrorOrganisationReserved,
        _ => UnknownMunicipality(typedMunicipality),
    };

    /// <summary>"‘Zwole’ is not in the list … Bedoel je: Zwolle?": what was typed, what to do, and what may have been meant.</summary>
    public static string UnknownMunicipality(string? typed)
    {
        var shown = TextRules.NormalizeLine(typed);
        shown = shown.Length <= 40 ? shown : string.Concat(shown.AsSpan(0, 39), "…");
        var text = string.Format(Texts.Culture, Texts.JoinErrorUnknownMunicipality, shown);
        var suggestions = Municipalities.Suggest(typed);
        return suggestions.Count == 0 ? text : $"{text} {string.Format(ServerTexts.Culture, ServerTexts.JoinMunicipalitySuggestions, string.Join(", ", suggestions))}";
    }

    public static string Field(JoinError error) => error switch
    {
        JoinError.NameEmpty or JoinError.NameTooLong or JoinError.NameWithoutLetters => "displayName",
        JoinError.OrganisationMissing or JoinError.OrganisationTooLong or JoinError.OrganisationReserved => "otherOrganisation",
        JoinError.UnknownMunicipality => "municipality",
        JoinError.ObserversNotAllowed => "asObserver",
        _ => "",
    };
}
