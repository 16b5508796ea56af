using System.Globalization;

namespace IbtDialogue.Client.Resources;

/// <summary>Counted nouns: "1 deelnemer", "3 deelnemers" (Dutch, like English, has one singular form and uses the plural for 0).</summary>
public static class Plural
{
    public static string Of(int count, string one, string other, CultureInfo? culture = null) =>
        string.Format(culture ?? CultureInfo.CurrentCulture, count == 1 ? one : other, count);

    public static string Participants(int count) => Of(count, Texts.CountParticipantsOne, Texts.CountParticipantsOther);

    public static string Organisations(int count) => Of(count, Texts.CountOrganisationsOne, Texts.CountOrganisationsOther);
}
