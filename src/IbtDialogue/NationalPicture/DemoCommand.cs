using System.Diagnostics;
using System.Globalization;

namespace IbtDialogue.NationalPicture;

/// <summary>
/// <c>seed-demo</c>: loads the demo data set into the configured database and stops, instead of serving.
/// Options (for the benchmark's larger sets): <c>--dialogues</c>, <c>--years</c>, <c>--regions</c>,
/// <c>--themes</c>, <c>--risks</c>, <c>--participants</c>.
/// </summary>
public static class DemoCommand
{
    /// <summary>Runs the command when the arguments ask for it; answers whether it did (the app then stops).</summary>
    public static async Task<bool> SeedDemoIfAskedAsync(this WebApplication app, string[] args)
    {
        if (args is not ["seed-demo", .. var options])
        {
            return false;
        }

        int Option(string name, int fallback)
        {
            var at = Array.IndexOf(options, "--" + name);
            return at >= 0 && at + 1 < options.Length && int.TryParse(options[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : fallback;
        }

        var defaults = new DemoShape();
        var shape = new DemoShape(
            Option("dialogues", defaults.Dialogues),
            Option("years", defaults.Years),
            Math.Min(Option("regions", defaults.Regions), Participants.Regions.GgdRegions.Count),
            Option("themes", defaults.ThemesPerDialogue),
            Option("risks", defaults.RisksPerTheme),
            Option("participants", defaults.ParticipantsPerDialogue));
        var watch = Stopwatch.StartNew();
        var made = await app.Services.GetRequiredService<DemoData>().SeedAsync(shape, app.Lifetime.ApplicationStopping);
        if (made == 0)
        {
            Console.Error.WriteLine("Demo data is in this database already; nothing was added.");
            Environment.ExitCode = 1;
        }
        else
        {
            Console.WriteLine(FormattableString.Invariant($"Demo data loaded: {made} closed dialogues over {shape.Years} years and {shape.Regions} regions, counted into the national picture in {watch.Elapsed.TotalSeconds:0.0} s."));
        }

        return true;
    }
}
