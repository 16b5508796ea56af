using System.Globalization;
using IbtDialogue.Resources;

namespace IbtDialogue.Security;

/// <summary>How long to wait after a refusal, for people and for the Retry-After header.</summary>
public static class Waiting
{
    /// <summary>"1 seconde", "40 seconden", "2 minuten".</summary>
    public static string Duration(TimeSpan wait)
    {
        var seconds = WholeSeconds(wait);
        if (seconds < 60)
        {
            return string.Format(ServerTexts.Culture, seconds == 1 ? ServerTexts.DurationSecond : ServerTexts.DurationSeconds, seconds);
        }

        var minutes = (int)Math.Ceiling(seconds / 60.0);
        return string.Format(ServerTexts.Culture, minutes == 1 ? ServerTexts.DurationMinute : ServerTexts.DurationMinutes, minutes);
    }

    /// <summary>The value of a Retry-After header: whole seconds, at least one.</summary>
    public static string Seconds(TimeSpan wait) => WholeSeconds(wait).ToString(CultureInfo.InvariantCulture);

    private static int WholeSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
