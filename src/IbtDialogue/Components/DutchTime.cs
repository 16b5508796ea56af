using System.Globalization;

namespace IbtDialogue.Components;

/// <summary>Times as people in the Netherlands read them, whatever the server's own time zone (it runs in UTC).</summary>
public static class DutchTime
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Amsterdam);

    /// <summary>The date it is now in the Netherlands (a due date is a Dutch date: "before today" means before today there).</summary>
    public static DateOnly Today(TimeProvider clock) => Date(clock.GetUtcNow().UtcDateTime);

    /// <summary>The Dutch date of a moment in UTC.</summary>
    public static DateOnly Date(DateTime utc) => DateOnly.FromDateTime(FromUtc(utc));

    /// <summary>"12 maart 2026 14:30".</summary>
    public static string Format(DateTime utc, CultureInfo culture) => FromUtc(utc).ToString("d MMMM yyyy HH:mm", culture);
}
