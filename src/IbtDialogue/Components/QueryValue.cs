using System.Globalization;

namespace IbtDialogue.Components;

/// <summary>
/// Reads filter values from a page's query string. Blazor cannot bind enums from the query, and a value a user
/// typed by hand must not break the page, so filters arrive as text and what does not parse means "no filter".
/// </summary>
public static class QueryValue
{
    public static T? Enum<T>(string? text)
        where T : struct, Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : null;

    public static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
