using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using IbtDialogue.Client.Resources;
using IbtDialogue.Resources;

namespace IbtDialogue.Tests.Localization;

/// <summary>
/// Every text exists in Dutch (the neutral resources) and in English (the <c>en</c> satellite assemblies), as
/// compiled into the app: a key added in one language only, an empty text, a text whose placeholders differ (a
/// missing <c>{1}</c> throws or drops a value at run time) or a Dutch text copied into the English file fails here.
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>Texts that are the same word in both languages (names, codes, international words).</summary>
    private static readonly HashSet<string> SameInBothLanguages =
    [
        // Server texts.
        "ExportStatus", "IndicatorChartMarker", "IndicatorImportExample", "IndicatorImportIndicator", "OrgTypeVng",
        "RoleFacilitator", "TeamStatus", "TeamTitle", "TwoFactorCode", "FollowUpStatus", "SeriesStatus",
        // Client texts.
        "AuthorFacilitator", "AgreementStatusColumn", "AgreementStatusOpen", "DialogueStatus", "MatrixImpact", "MinutesDownloadWord", "ResultsScore", "RoomJoinCode",
        "StatusOpen", "TimerTitle",
    ];

    public static TheoryData<string> ResourceSets => ["server", "client"];

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Every_key_exists_in_Dutch_and_in_English(string set)
    {
        var (dutch, english) = Texts(set);

        Assert.NotEmpty(dutch);
        Assert.Empty(dutch.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(english.Keys.Except(dutch.Keys).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void No_text_is_empty(string set)
    {
        var (dutch, english) = Texts(set);

        Assert.Empty(dutch.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => "nl: " + t.Key));
        Assert.Empty(english.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => "en: " + t.Key));
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void Both_languages_have_the_same_placeholders(string set)
    {
        var (dutch, english) = Texts(set);

        var differing = dutch.Keys.Intersect(english.Keys)
            .Where(key => !Placeholders(dutch[key]).SequenceEqual(Placeholders(english[key])))
            .Order(StringComparer.Ordinal);
        Assert.Empty(differing);
    }

    [Theory]
    [MemberData(nameof(ResourceSets))]
    public void English_texts_are_not_Dutch_left_untranslated(string set)
    {
        var (dutch, english) = Texts(set);

        var copied = dutch.Keys.Intersect(english.Keys)
            .Where(key => dutch[key] == english[key] && !SameInBothLanguages.Contains(key))
            .Order(StringComparer.Ordinal);
        Assert.Empty(copied);
    }

    private static (Dictionary<string, string> Dutch, Dictionary<string, string> English) Texts(string set)
    {
        var manager = set == "server" ? ServerTexts.ResourceManager : IbtDialogue.Client.Resources.Texts.ResourceManager;
        return (Read(manager, CultureInfo.InvariantCulture), Read(manager, English));
    }

    /// <summary>Only the texts of that culture itself, without falling back to the neutral (Dutch) ones.</summary>
    private static Dictionary<string, string> Read(ResourceManager manager, CultureInfo culture)
    {
        var resources = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(resources);
        return resources.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
    }

    private static IEnumerable<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+(?:,-?\d+)?(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
