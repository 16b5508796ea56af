using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IbtDialogue.Live;
using IbtDialogue.Participants;

namespace IbtDialogue.Minutes;

/// <summary>
/// What keeps personal data out of a public summary: the names of everyone in the dialogue (participants,
/// facilitators, good-practice contacts, people named as "wie" of an agreement), their surnames on their own,
/// contact details, and any phone number or e-mail address at all. The text is read as typed, without its
/// Markdown escapes and as a reader sees the page, each normalised as everything people type is
/// (<see cref="TextRules.Normalize"/>: NFKC, invisible and format characters such as soft hyphens and zero-width
/// spaces dropped) — so "Pi&#173;et Jan&#8203;sen" is "Piet Jansen". It is a safety net for honest mistakes; the
/// second pair of eyes (<see cref="PublicationService"/>) is the guard against everything else.
/// </summary>
public sealed partial class PersonalDataCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    /// <summary>Words between a first name and a surname: "de" in "Anna de Vries" is not a name on its own.</summary>
    private static readonly HashSet<string> Particles = new(StringComparer.OrdinalIgnoreCase)
    {
        "van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "op", "in", "aan", "bij", "uit", "onder", "voor", "over",
        "la", "le", "les", "du", "des", "da", "dos", "di", "del", "von", "zu", "vom", "zum", "zur", "el", "al", "ben", "bin", "ibn", "y", "e", "en",
    };

    /// <summary>
    /// Words that name organisations, roles or groups rather than people: a display name "Marieke Gemeente Zwolle"
    /// does not make "Gemeente" a surname, and an agreement "wie: GGD" is not a person.
    /// </summary>
    private static readonly HashSet<string> OrganisationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "gemeente", "gemeenten", "ggd", "ggd's", "inspectie", "onderwijsinspectie", "inspecteur", "inspecteurs", "ministerie", "provincie",
        "regio", "college", "raad", "bestuur", "school", "scholen", "schoolbestuur", "kinderopvang", "organisatie", "afdeling", "team",
        "werkgroep", "samenwerkingsverband", "stichting", "vereniging", "iedereen", "allen", "alle", "beide", "wethouder", "burgemeester",
        "toezichthouder", "toezichthouders", "handhaver", "handhavers", "beleidsmedewerker", "beleidsmedewerkers", "medewerker", "medewerkers",
        "coördinator", "secretaris", "voorzitter", "facilitator", "facilitatoren", "deelnemer", "deelnemers", "nog", "nader", "bepalen",
        "onderwijs", "het", "lea", "lrk", "rijk", "rijksoverheid", "duo", "vng",
    };

    private static readonly string[] Provinces =
    [
        "Groningen", "Fryslân", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht", "Noord-Holland", "Zuid-Holland",
        "Zeeland", "Noord-Brabant", "Brabant", "Limburg", "Twente", "Nederland",
    ];

    /// <summary>
    /// Words of provinces and of the Inspectie: never taken for a surname. (Municipalities are not: "Beek", "Hoorn"
    /// and the "Berg" of Berg en Dal are surnames too; the dialogue's own organisations are added per dialogue.)
    /// </summary>
    private static readonly HashSet<string> PublicWords = new(
        Provinces.Append("Inspectie van het Onderwijs").SelectMany(Words), StringComparer.OrdinalIgnoreCase);

    private readonly IReadOnlyList<string> names;
    private readonly IReadOnlyList<string> surnames;

    /// <param name="personalNames">Names and contact details of people, each matched whole and in any case.</param>
    /// <param name="organisations">Names of the organisations in the dialogue, which are public: their words are no surnames.</param>
    public PersonalDataCheck(IEnumerable<string> personalNames, IEnumerable<string> organisations)
    {
        var publicWords = new HashSet<string>(PublicWords, StringComparer.OrdinalIgnoreCase);
        foreach (var organisation in organisations)
        {
            publicWords.UnionWith(Words(organisation));
        }

        names =
        [
            .. personalNames.Select(Prepare).SelectMany(n => new[] { n, Head(n) }).Where(n => n.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(n => n.Length).ThenBy(n => n, StringComparer.Ordinal),
        ];
        surnames =
        [
            .. names.SelectMany(n => Surnames(n, publicWords))
                .Where(s => !names.Contains(s, StringComparer.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal),
        ];
    }

    /// <summary>The check for a dialogue's public summary.</summary>
    public static PersonalDataCheck For(MinutesRecord record) =>
        new(record.PersonalNames, record.Organisations.Select(o => o.Organisation));

    /// <summary>The surnames taken from the names, for tests and the documentation.</summary>
    public IReadOnlyList<string> Surnames() => surnames;

    /// <summary>
    /// What of personal data a Markdown text still holds — as typed, without its escapes, and as the rendered page
    /// reads — named as the dialogue knows it (a name, a surname) or as written (a phone number, an e-mail address).
    /// </summary>
    public IReadOnlyList<string> FindInMarkdown(string markdown, MarkdownRenderer renderer)
    {
        var shown = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{renderer.ToHtml(markdown)}</body>").Body!.TextContent;
        return Find([markdown, MarkdownText.Unescape(markdown), shown]);
    }

    /// <summary>What of personal data a plain text holds.</summary>
    public IReadOnlyList<string> FindInText(string text) => Find([text]);

    private List<string> Find(IEnumerable<string> variants)
    {
        var found = new List<string>();
        var contacts = new List<string>();
        foreach (var variant in variants)
        {
            var text = Prepare(variant);

            // Whole names first, then what is left of them is no surname on its own.
            foreach (var name in names)
            {
                text = Cut(text, WholeWord(name, RegexOptions.IgnoreCase), _ => true, name, found);
            }

            // A surname on its own counts when it is written as a name, with a capital: "Groot" in "de Groot" is a
            // name, "groot" is a word.
            foreach (var surname in surnames)
            {
                text = Cut(text, WholeWord(surname, RegexOptions.IgnoreCase), m => char.IsUpper(m.Value[0]), surname, found);
            }

            foreach (Match email in EmailAddress().Matches(text))
            {
                contacts.Add(email.Value);
            }

            text = EmailAddress().Replace(text, " ");
            foreach (Match phone in PhoneNumber().Matches(text))
            {
                contacts.Add(phone.Value.Trim());
            }
        }

        // A surname that one reading showed alone and another as part of a whole name is that name: "Piet **Jansen**"
        // reads "Piet Jansen" on the page, and is named once.
        var named = found.Distinct(StringComparer.Ordinal).ToList();
        named.RemoveAll(s => surnames.Contains(s, StringComparer.Ordinal)
            && named.Any(n => !string.Equals(n, s, StringComparison.Ordinal) && WholeWord(s, RegexOptions.IgnoreCase).IsMatch(n)));
        return
        [
            .. named.Order(StringComparer.Ordinal),
            .. contacts.Distinct(StringComparer.Ordinal).Where(c => !found.Contains(c, StringComparer.Ordinal)),
        ];
    }

    /// <summary>Removes the matches that count (so a part of them is not found again) and notes the name once.</summary>
    private static string Cut(string text, Regex pattern, Func<Match, bool> counts, string name, List<string> found)
    {
        var any = false;
        var result = pattern.Replace(text, m =>
        {
            if (!counts(m))
            {
                return m.Value;
            }

            any = true;
            return new string(' ', m.Length);
        });
        if (any)
        {
            found.Add(name);
        }

        return result;
    }

    private static Regex WholeWord(string text, RegexOptions options) =>
        new($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(text)}(?![\p{{L}}\p{{N}}])", options | RegexOptions.CultureInvariant, Timeout);

    /// <summary>Normalised as typed text is, without Markdown's backslashes, every run of white space one space.</summary>
    private static string Prepare(string text) =>
        Regex.Replace(TextRules.Normalize(text).Replace("\\", "", StringComparison.Ordinal), @"\s+", " ", RegexOptions.None, Timeout).Trim();

    /// <summary>
    /// The name itself, without what follows a bracket, comma or dash: "Klaas Bakker" of "Klaas Bakker (GGD)" is a
    /// whole name as well. Contact details stay whole.
    /// </summary>
    private static string Head(string name) =>
        name.Contains('@', StringComparison.Ordinal) || name.Any(char.IsDigit) ? name : NameEnd().Split(name, 2)[0].Trim();

    /// <summary>
    /// The surnames in a name: every word after the first that is not a particle ("de", "van"), an initial, an
    /// abbreviation in capitals, or the word of a place or public organisation; a double name also by its halves.
    /// What follows a bracket, comma or dash is not part of the name ("Piet (GGD)", "Piet - Zwolle").
    /// </summary>
    private static IEnumerable<string> Surnames(string name, HashSet<string> publicWords)
    {
        if (name.Contains('@', StringComparison.Ordinal) || name.Any(char.IsDigit))
        {
            yield break; // contact details, not a name
        }

        var cut = NameEnd().Split(name, 2)[0];
        var shouting = !cut.Any(char.IsLower); // "PIET SMIT": "SMIT" is a name, not an abbreviation
        var words = cut.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var word in words.Skip(1))
        {
            foreach (var part in word.Split('-').Prepend(word).Distinct(StringComparer.Ordinal))
            {
                var clean = part.Trim('\'', '’', '.', '-');
                if (clean.Length >= 2 && clean.All(c => char.IsLetter(c) || c is '\'' or '’' or '-')
                    && !Particles.Contains(clean) && (shouting || !IsAbbreviation(clean)) && !publicWords.Contains(clean) && !OrganisationWords.Contains(clean))
                {
                    yield return clean;
                }
            }
        }
    }

    /// <summary>
    /// Whether what was typed as "wie" of an agreement names a person rather than an organisation or a group: after
    /// leaving out the dialogue's organisations, municipalities, provinces, words such as "gemeente" or "GGD", particles and
    /// abbreviations, a word with a capital is left — two of them when it also named an organisation ("Klaas
    /// Bakker (GGD)" is a person, "GGD Twente" is not, "de wethouder" is no name).
    /// </summary>
    public static bool NamesAPerson(string who, IEnumerable<string> organisations)
    {
        var text = " " + Prepare(who) + " ";
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var place in organisations.Concat(Municipalities.All).Select(Prepare).Where(o => o.Length > 0).OrderByDescending(o => o.Length))
        {
            if (text.Contains(place, StringComparison.OrdinalIgnoreCase))
            {
                text = WholeWord(place, RegexOptions.IgnoreCase).Replace(text, " ");
            }
        }

        var words = Words(text).ToList();
        var namedOrganisation = words.Any(OrganisationWords.Contains);
        var capitals = words.Count(w => char.IsUpper(w[0]) && !OrganisationWords.Contains(w) && !Particles.Contains(w) && !IsAbbreviation(w) && !PublicWords.Contains(w));
        return capitals >= (namedOrganisation ? 2 : 1);
    }

    private static bool IsAbbreviation(string word) => word.Length <= 5 && word.All(c => !char.IsLetter(c) || char.IsUpper(c));

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(TextRules.Normalize(text)).Select(m => m.Value.Trim('\'', '’', '-')).Where(w => w.Length > 0);

    [GeneratedRegex(@"[\p{L}][\p{L}'’-]*", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s*(?:[(\[,;/|]|\s[-–—]\s)", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NameEnd();

    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailAddress();

    /// <summary>
    /// A Dutch phone number: 0, +31 or 0031 (with or without "(0)"), an area code (6 for mobiles, else two or three
    /// digits), then the rest in groups with single spaces — ten digits in all counting the 0 — with one optional
    /// dash, space or bracket after the area code: 06-12345678, 06 12 34 56 78, +31 6 12345678, 020-1234567,
    /// (020) 123 45 67. Years, dates (06-02-2025), article numbers and amounts are not.
    /// </summary>
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:(?:\+|00)31\s?(?:\(0\)\s?)?|\(?0)(?:6(?:\s?[-–]\s?|\s|\)\s?)?\d(?:\s?\d){7}|[1-9]\d(?:\s?[-–]\s?|\s|\)\s?)?\d(?:\s?\d){6}|[1-9]\d{2}(?:\s?[-–]\s?|\s|\)\s?)?\d(?:\s?\d){5})(?!\p{N})",
        RegexOptions.CultureInvariant,
        1000)]
    private static partial Regex PhoneNumber();
}
