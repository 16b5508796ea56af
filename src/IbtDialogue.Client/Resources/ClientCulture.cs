using System.Globalization;

namespace IbtDialogue.Client.Resources;

/// <summary>
/// The client speaks the language of the page it runs in: the server renders <c>&lt;html lang&gt;</c> from the
/// visitor's choice (cookie or browser), prerenders the room in that language, and the client takes over in the
/// same one.
/// </summary>
public static class ClientCulture
{
    /// <summary>The culture for the page's <c>lang</c> attribute: English for "en", Dutch for anything else.</summary>
    public static CultureInfo ForPageLanguage(string? lang) =>
        lang is not null && (lang == "en" || lang.StartsWith("en-", StringComparison.OrdinalIgnoreCase)) ? EnglishFormats.Create() : DutchFormats.Create();
}
