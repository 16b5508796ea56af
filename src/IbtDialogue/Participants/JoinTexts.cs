using IbtDialogue.Protocol;
using IbtDialogue.Client.Resources;

namespace IbtDialogue.Participants;

public static class JoinTexts
{
    public static string Error(JoinError error) => error switch
    {
        JoinError.CodeNotAccepted => Texts.JoinErrorUnknownCode,
        JoinError.NameEmpty => Texts.JoinErrorNameEmpty,
        JoinError.NameTooLong => string.Format(Texts.Culture, Texts.ErrorNameTooLong, HubContract.MaxDisplayNameLength),
        JoinError.OrganisationMissing => Texts.JoinErrorOrganisationMissing,
        JoinError.OrganisationTooLong => string.Format(Texts.Culture, Texts.JoinErrorOrganisationTooLong, HubContract.MaxOrganisationLength),
        JoinError.ObserversNotAllowed => Texts.JoinErrorObserversNotAllowed,
        JoinError.NameWithoutLetters => Texts.JoinErrorNameWithoutLetters,
        JoinError.OrganisationReserved => Texts.JoinErrorOrganisationReserved,
        _ => Texts.JoinErrorUnknownMunicipality,
    };

    public static string Field(JoinError error) => error switch
    {
        JoinError.NameEmpty or JoinError.NameTooLong or JoinError.NameWithoutLetters => "displayName",
        JoinError.OrganisationMissing or JoinError.OrganisationTooLong or JoinError.OrganisationReserved => "otherOrganisation",
        JoinError.UnknownMunicipality => "municipality",
        JoinError.ObserversNotAllowed => "asObserver",
        _ => "",
    };
}
