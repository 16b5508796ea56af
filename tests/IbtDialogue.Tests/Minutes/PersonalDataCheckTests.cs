using IbtDialogue.Minutes;

namespace IbtDialogue.Tests.Minutes;

/// <summary>
/// The name check of a public summary on its own: the ways a name or contact slips through that issue 11 lists,
/// and the ordinary words of a summary that it must leave alone.
/// </summary>
public sealed class PersonalDataCheckTests
{
    private static readonly MarkdownRenderer Renderer = new();

    // A dialogue's people as the record knows them: a facilitator, participants, a good-practice contact with their
    // details, and a person named as "wie" of an agreement. Its organisations are public words.
    private static readonly PersonalDataCheck Check = new(
        ["Anna de Vries", "Piet Jansen", "Kees", "Marleen Smit", "m.smit@zwolle.example", "Klaas Bakker", "Fatima el Amrani-Bos"],
        ["Zwolle", "Assen", "GGD IJsselland"]);

    private static IReadOnlyList<string> Find(string text) => Check.FindInMarkdown(text, Renderer);

    [Theory]
    [InlineData("Met dank aan Pi\u00ADet Jan\u00ADsen.")] // soft hyphens inside both words
    [InlineData("Met dank aan Piet Jan\u200Bsen.")] // a zero-width space inside the surname
    [InlineData("Met dank aan Piet\u200B Jansen.")] // a zero-width space beside the space
    [InlineData("Met dank aan P&#173;iet Jansen.")] // an HTML entity for the soft hyphen, as the page shows it
    [InlineData("Met dank aan Pie\\t Jansen.")] // a Markdown escape inside the name
    public void A_name_split_by_invisible_characters_is_found(string text)
    {
        var found = Find(text);
        Assert.True(found.Contains("Piet Jansen") || found.Contains("Jansen"), string.Join(", ", found));
    }

    [Fact]
    public void Invisible_characters_in_a_name_give_the_name_itself()
    {
        Assert.Equal(["Piet Jansen"], Find("Met dank aan Pi\u00ADet Jan\u200Bsen."));
        Assert.Equal(["Anna de Vries"], Find("Voorzitter: An\u00ADna de\u200B Vries."));
    }

    [Theory]
    [InlineData("Jansen wees op de wachtlijsten.", "Jansen")]
    [InlineData("Volgens mevrouw De Vries is dat zo.", "Vries")]
    [InlineData("Zoals Smit zei: korte lijnen.", "Smit")]
    [InlineData("Bakker neemt het op.", "Bakker")]
    [InlineData("Ook Amrani-Bos was erbij.", "Amrani-Bos")]
    [InlineData("Ook Bos was erbij.", "Bos")]
    [InlineData("JANSEN wees erop.", "Jansen")]
    public void A_surname_on_its_own_is_found(string text, string surname) =>
        Assert.Equal([surname], Find(text));

    [Fact]
    public void A_surname_that_is_an_ordinary_word_in_lower_case_is_not_a_name()
    {
        var check = new PersonalDataCheck(["Jan de Groot", "Els Bakker"], []);
        Assert.Empty(check.FindInText("Een groot probleem bij de bakker om de hoek."));
        Assert.Equal(["Groot"], check.FindInText("Zoals De Groot zei."));
    }

    [Fact]
    public void A_name_in_markup_is_named_once()
    {
        Assert.Equal(["Piet Jansen"], Find("Piet **Jansen** was er."));
        Assert.Equal(["Piet Jansen"], Find("[Piet](https://example.org) Jansen was er."));
    }

    [Theory]
    [InlineData("Klaas Bakker", true)]
    [InlineData("Klaas Bakker (GGD)", true)]
    [InlineData("Klaas Bakker, gemeente Zwolle", true)]
    [InlineData("mevrouw Jansen", true)]
    [InlineData("info@zwolle.example", true)]
    [InlineData("GGD IJsselland", false)]
    [InlineData("De gemeente Zwolle", false)]
    [InlineData("gemeente Assen en GGD", false)]
    [InlineData("de wethouder", false)]
    [InlineData("Alle deelnemers", false)]
    [InlineData("Provincie Noord-Brabant", false)]
    [InlineData("het LEA", false)]
    [InlineData("Inspectie van het Onderwijs", false)]
    public void An_agreements_who_names_a_person_or_an_organisation(string who, bool person) =>
        Assert.Equal(person, PersonalDataCheck.NamesAPerson(who, ["GGD IJsselland"]));

    [Fact]
    public void A_person_named_in_an_agreement_is_a_personal_name_of_the_dialogue()
    {
        Assert.Equal(["Klaas Bakker"], Find("| Beleid actualiseren | Klaas Bakker | 1 juni 2026 |"));
        Assert.Equal(["Bakker"], Find("Afspraak: Bakker stuurt het beleid rond."));
    }

    [Theory]
    [InlineData("Vraag Marleen Smit naar het draaiboek.", "Marleen Smit")]
    [InlineData("Vraag M\u00ADarleen Smit naar het draaiboek.", "Marleen Smit")]
    [InlineData("Contact: m.smit@zwolle.example", "m.smit@zwolle.example")]
    [InlineData("Contact: Smit, via de GGD.", "Smit")]
    public void A_good_practice_contact_is_found(string text, string expected) =>
        Assert.Equal([expected], Find(text));

    [Theory]
    [InlineData("Bel 06-12345678 voor vragen.", "06-12345678")]
    [InlineData("Bel 06 12345678 voor vragen.", "06 12345678")]
    [InlineData("Bel 06 12 34 56 78 voor vragen.", "06 12 34 56 78")]
    [InlineData("Bel +31 6 1234 5678 voor vragen.", "+31 6 1234 5678")]
    [InlineData("Bel +31612345678 voor vragen.", "+31612345678")]
    [InlineData("Bel 0031 (0)6 12345678 voor vragen.", "0031 (0)6 12345678")]
    [InlineData("Bel 030 123 4567 voor vragen.", "030 123 4567")]
    [InlineData("Bel 030-1234567 voor vragen.", "030-1234567")]
    [InlineData("Bel (020) 123 45 67 voor vragen.", "(020) 123 45 67")]
    [InlineData("Bel 0575-123456 voor vragen.", "0575-123456")]
    [InlineData("Bel 06-1234\u00AD5678 voor vragen.", "06-12345678")]
    public void A_phone_number_anywhere_is_found_even_of_nobody_in_the_dialogue(string text, string number) =>
        Assert.Equal([number], new PersonalDataCheck([], []).FindInMarkdown(text, Renderer));

    [Theory]
    [InlineData("Mail j.de.boer@gemeente.example voor vragen.", "j.de.boer@gemeente.example")]
    [InlineData("Mail <info@kinderopvang-zon.example>.", "info@kinderopvang-zon.example")]
    [InlineData("Mail [ons](mailto:team@ggd.example).", "team@ggd.example")]
    [InlineData("Mail in\u200Bfo@ggd.example.", "info@ggd.example")]
    public void An_email_address_anywhere_is_found_even_of_nobody_in_the_dialogue(string text, string address) =>
        Assert.Contains(address, new PersonalDataCheck([], []).FindInMarkdown(text, Renderer));

    [Theory]
    [InlineData("De gemeenten Zwolle, Assen en Beek spraken met de GGD IJsselland en de GGD Gelderland-Zuid.")]
    [InlineData("In Noord-Brabant, Zuid-Holland, Utrecht, Groningen en Fryslân gaat het net zo.")]
    [InlineData("De Inspectie van het Onderwijs, de VNG en het ministerie van OCW denken mee.")]
    [InlineData("Op 06-02-2025 is het LRK bijgewerkt; artikel 1.65 Wko, 2.500 kindplaatsen, 12 toezichthouders.")]
    [InlineData("Wachttijd 6 tot 12 weken; 030 procent? Nee: 30%. Versie 1.2.3 van 2026.")]
    [InlineData("Een groot probleem: de vries van de winter en de bakker op de hoek.")]
    [InlineData("| Beleid actualiseren | GGD IJsselland | 1 juni 2026 |")]
    [InlineData("Zie https://www.onderwijsinspectie.nl/onderwerpen voor meer.")]
    public void Ordinary_text_of_a_summary_is_not_flagged(string text) =>
        Assert.Empty(Find(text));

    [Fact]
    public void An_organisation_word_in_a_display_name_is_no_surname()
    {
        var check = new PersonalDataCheck(["Marieke Gemeente Zwolle", "Joop GGD", "Sanne (Assen)"], ["Zwolle"]);
        Assert.Empty(check.Surnames());
        Assert.Empty(check.FindInText("De Gemeente Zwolle en de GGD in Assen."));
    }

    [Fact]
    public void A_name_typed_with_its_organisation_is_found_without_it()
    {
        var check = new PersonalDataCheck(["Klaas Bakker (GGD)", "Marleen Smit - Zwolle"], ["Zwolle"]);
        Assert.Equal(["Klaas Bakker"], check.FindInText("Klaas Bakker stuurt het rond."));
        Assert.Equal(["Marleen Smit"], check.FindInText("Met Marleen Smit."));
        Assert.Equal(["Klaas Bakker (GGD)"], check.FindInText("Klaas Bakker (GGD) stuurt het rond."));
    }
}
