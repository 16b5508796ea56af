using System.Globalization;

namespace IbtDialogue.Components;

/// <summary>Times as people in the Netherlands read them, whatever the server's own time zone (it runs in UTC).</summary>
public static class DutchTime
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Amsterdam);

    /// <summary>"12 maart 2026 14:30".</summary>
    public static string Format(DateTime utc, CultureInfo culture) => FromUtc(utc).ToString("d MMMM yyyy HH:mm", culture);
}
