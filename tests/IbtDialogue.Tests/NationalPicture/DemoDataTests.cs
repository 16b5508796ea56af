using IbtDialogue.NationalPicture;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.NationalPicture;

/// <summary>The README's <c>seed-demo</c>, run as the operator runs it: the app's own build, a fresh database.</summary>
public sealed class DemoDataTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "ibt-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(folder, "app.db");

    public DemoDataTests() => Directory.CreateDirectory(folder);

    private DialogueDb Open() => new(new DbContextOptionsBuilder<DialogueDb>().UseSqlite($"Data Source={DatabasePath}").Options);

    [Fact]
    public async Task Seed_demo_loads_a_labelled_history_that_the_national_picture_shows_and_loads_it_only_once()
    {
        var (exit, output, errors) = await AppProcess.RunCommandAsync(DatabasePath, "seed-demo");
        Assert.True(exit == 0, errors);
        Assert.Contains("Demo data loaded: 40 closed dialogues over 3 years and 12 regions", output, StringComparison.Ordinal);

        await using (var db = Open())
        {
            var dialogues = await db.Dialogues.ToListAsync(Ct);
            Assert.Equal(40, dialogues.Count);
            Assert.All(dialogues, d => Assert.True(d.IsDemo && d.Status == DialogueStatus.Closed && d.CountedAt is not null && d.Title.StartsWith("Demo", StringComparison.Ordinal)));
            Assert.Equal(3, dialogues.Select(d => d.Year).Distinct().Count());
            Assert.Equal(12, dialogues.Select(d => d.Region).Distinct().Count());

            // Enough to show: national figures that pass the small-cell rule, and regional ones that do not.
            var shareable = await db.RiskFigures.Where(f => f.Region == "" && f.Dialogues >= RiskArithmetic.SmallestCell && f.Municipalities >= RiskArithmetic.SmallestCell).CountAsync(Ct);
            Assert.True(shareable > 0, "the demo set has public national figures");
            Assert.True(await db.RiskFigures.AnyAsync(f => f.Region != "" && f.Dialogues < RiskArithmetic.SmallestCell, Ct), "and regional figures that stay inside");
            Assert.True(await db.LibraryPractices.AnyAsync(p => p.Published, Ct));
            Assert.True(await db.LibraryPractices.AnyAsync(p => !p.Published, Ct));
            Assert.Equal(2, (await db.Findings.ToListAsync(Ct)).Count(f => f.Title.StartsWith("Demo", StringComparison.Ordinal)));
            Assert.Equal(3 * IbtDialogue.Participants.Regions.All.Count, await db.IndicatorValues.CountAsync(Ct));
            Assert.True(await db.MinutesVersions.CountAsync(Ct) == 40, "every demo dialogue has its composed minutes");
        }

        // A second run adds nothing and says so.
        var again = await AppProcess.RunCommandAsync(DatabasePath, "seed-demo");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("nothing was added", again.Errors, StringComparison.Ordinal);
        await using (var db = Open())
        {
            Assert.Equal(40, await db.Dialogues.CountAsync(Ct));
        }

        // The app on that database shows the picture, and says it rests on demo data.
        await using var app = await AppProcess.StartAsync(DatabasePath, RepositoryRoot.Path);
        using var http = new HttpClient { BaseAddress = app.Address };
        var page = await http.GetStringAsync("landelijk-beeld", Ct);
        Assert.Contains("data-testid=\"demo-notice\"", page, StringComparison.Ordinal);
        Assert.Contains("<table", page, StringComparison.Ordinal);
        var library = await http.GetStringAsync("landelijk-beeld/goede-voorbeelden", Ct);
        Assert.Contains("data-testid=\"demo-notice\"", library, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_without_demo_data_says_nothing_about_it()
    {
        await using var app = await AppProcess.StartAsync(DatabasePath, RepositoryRoot.Path);
        using var http = new HttpClient { BaseAddress = app.Address };

        Assert.DoesNotContain("demo-notice", await http.GetStringAsync("landelijk-beeld", Ct), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process; the temp folder is cleaned by the OS.
        }
    }
}
