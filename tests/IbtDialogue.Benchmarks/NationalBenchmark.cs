using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HdrHistogram;
using IbtDialogue.Client.Live;
using IbtDialogue.Dialogues;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Benchmarks;

/// <summary>
/// The national picture under a real history: the app's own <c>seed-demo</c> loads N closed dialogues (10 themes,
/// 8 risks, 40 participants each) into a fresh database; then, against the app in a process of its own, it
/// times the public national page, the facilitator's national panel over the hub, and how long after a
/// dialogue's close the national figures include it.
/// </summary>
public static partial class NationalBenchmark
{
    private const string Email = "bench@owinsp.example";
    private const string Password = "een lang genoeg wachtwoord voor de benchmark";
    private const int Themes = 10, Risks = 8, Participants = 40, Requests = 200, Closes = 21;

    public static async Task<int> RunAsync(string root, string configuration, int dialogues)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ibt-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "national.db");
        var app = Path.Combine(root, "src", "IbtDialogue", "bin", configuration, "net10.0", "IbtDialogue.dll");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Dialogue"] = $"Data Source={database}",
            ["Node__Name"] = "bench",
            ["Logging__LogLevel__IbtDialogue.NationalPicture"] = "Information", // its "counted … in N ms" lines
            // One facilitator asks for the panel hundreds of times in a row: measure the app, not its limiter.
            ["Security__HubCallLimits__Account__Burst"] = "100000",
            ["Security__HubCallLimits__Account__PerMinute"] = "100000",
            ["Security__HubCallLimits__Connection__Burst"] = "100000",
            ["Security__HubCallLimits__Connection__PerMinute"] = "100000",
        };
        Console.WriteLine($"IbtDialogue national picture benchmark: {dialogues} closed dialogues × {Themes} themes × {Risks} risks × {Participants} participants, {Environment.ProcessorCount} cores, {configuration} build.");

        var seeding = Stopwatch.StartNew();
        await SeedDemoAsync(app, environment, dialogues);
        seeding.Stop();
        var (outcomes, figures) = await CountsAsync(database);
        Console.WriteLine(FormattableString.Invariant($"Seeded with seed-demo in {seeding.Elapsed.TotalSeconds:0} s: {outcomes} risk outcomes, {figures} figures, database {new FileInfo(database).Length / 1024 / 1024} MiB."));

        LongHistogram page, panel, counted;
        var firstClose = TimeSpan.Zero;
        var countedByServer = new LongHistogram(TimeStamp.Minutes(10), 3);
        var outcomesByServer = new LongHistogram(TimeStamp.Minutes(10), 3);
        int? lastRank;
        await using (var server = await ServerProcess.StartAsync(app, [], environment))
        {
            var cookies = await SetUpFacilitatorAsync(server.Address);
            var open = await OpenDialoguesAsync(database, Closes);

            page = await TimeAsync(Requests, async () =>
            {
                using var http = new HttpClient { BaseAddress = server.Address };
                using var response = await http.GetAsync("landelijk-beeld");
                response.EnsureSuccessStatusCode();
            });

            await using var hub = new DialogueHubClient(new Uri(server.Address, HubContract.Path), options => options.Cookies = cookies);
            await hub.StartAsync();
            var (firstDialogue, firstThemes) = open[0];
            var theme = 0;
            lastRank = null;
            panel = await TimeAsync(Requests, async () =>
            {
                var result = await hub.GetNationalPanelAsync(new NationalPanelRequest(firstDialogue, firstThemes[theme++ % firstThemes.Count]));
                if (!result.Ok || result.Panel!.Risks.Count == 0)
                {
                    throw new InvalidOperationException($"The national panel answered {result.Error} or no risks.");
                }

                lastRank = result.Panel.Risks[0].Rank;
            });

            // Close → counted: from the close's acknowledgement until the dialogue is in the figures. The first
            // close after the server started runs its queries for the first time (cold): reported apart.
            counted = new LongHistogram(TimeStamp.Minutes(10), 3);
            foreach (var (dialogue, _) in open)
            {
                var watch = Stopwatch.StartNew();
                var closed = await hub.CloseDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue));
                if (!closed.Ok)
                {
                    throw new InvalidOperationException($"Close failed: {closed.Error}");
                }

                watch.Restart();
                while (!await CountedAsync(database, dialogue))
                {
                    if (watch.Elapsed > TimeSpan.FromMinutes(1))
                    {
                        throw new TimeoutException($"Dialogue {dialogue} was not counted within a minute.");
                    }

                    await Task.Delay(1);
                }

                if (dialogue == open[0].Dialogue)
                {
                    firstClose = watch.Elapsed;
                }
                else
                {
                    counted.RecordValue(Micro(watch.Elapsed));
                }
            }

            await Task.Delay(500); // the last log lines
            foreach (var line in server.Output.Where(l => !l.Contains($"Dialogue {open[0].Dialogue} counted", StringComparison.Ordinal)))
            {
                if (CountedLine().Match(line) is { Success: true } match)
                {
                    countedByServer.RecordValue(long.Parse(match.Groups["ms"].Value, CultureInfo.InvariantCulture) * 1000);
                    outcomesByServer.RecordValue(long.Parse(match.Groups["outcomes"].Value, CultureInfo.InvariantCulture) * 1000);
                }
            }
        }

        static string Ms(LongHistogram h, double percentile) => (h.GetValueAtPercentile(percentile) / 1000.0).ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"| measure ({dialogues} closed dialogues) | p50 (ms) | p95 (ms) | max (ms) | goal |");
        Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
        Console.WriteLine($"| national page `/landelijk-beeld`, whole response over loopback ({Requests}×) | {Ms(page, 50)} | {Ms(page, 95)} | {Ms(page, 100)} | < 200 |");
        Console.WriteLine($"| console's national panel, `GetNationalPanel` over the hub ({Requests}×) | {Ms(panel, 50)} | {Ms(panel, 95)} | {Ms(panel, 100)} | < 200 |");
        Console.WriteLine(FormattableString.Invariant($"| first close after the server started (cold), close acknowledged → figures include it | {firstClose.TotalMilliseconds:0.0} | | | < 500 |"));
        Console.WriteLine($"| close acknowledged → figures include the dialogue, seen from outside ({counted.TotalCount}×) | {Ms(counted, 50)} | {Ms(counted, 95)} | {Ms(counted, 100)} | < 500 |");
        Console.WriteLine($"| counting one closed dialogue, as the server logs it ({countedByServer.TotalCount}×) | {Ms(countedByServer, 50)} | {Ms(countedByServer, 95)} | {Ms(countedByServer, 100)} | < 500 |");
        Console.WriteLine($"| … of which its outcomes and library entries | {Ms(outcomesByServer, 50)} | {Ms(outcomesByServer, 95)} | {Ms(outcomesByServer, 100)} | |");
        Console.WriteLine();
        Directory.Delete(folder, recursive: true);
        return lastRank == 1 ? 0 : 1;
    }

    private static async Task SeedDemoAsync(string app, Dictionary<string, string> environment, int dialogues)
    {
        var start = new ProcessStartInfo("dotnet", [app, "seed-demo", "--dialogues", dialogues.ToString(CultureInfo.InvariantCulture), "--themes", $"{Themes}", "--risks", $"{Risks}", "--participants", $"{Participants}"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Console.WriteLine("  " + output.Trim());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("seed-demo failed.");
        }
    }

    private static async Task<(int Outcomes, int Figures)> CountsAsync(string database)
    {
        await using var db = Seeder.Open(database);
        return (await db.RiskOutcomes.CountAsync(), await db.RiskFigures.CountAsync());
    }

    private static async Task<bool> CountedAsync(string database, int dialogue)
    {
        await using var db = Seeder.Open(database);
        return await db.Dialogues.AnyAsync(d => d.Id == dialogue && d.CountedAt != null);
    }

    /// <summary>The first account through the app's own setup page, then signed in through its login form.</summary>
    private static async Task<CookieContainer> SetUpFacilitatorAsync(Uri address)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var setup = Hidden(await http.GetStringAsync("setup"));
        setup["Input.DisplayName"] = "Benchmark";
        setup["Input.Email"] = Email;
        setup["Input.Password"] = Password;
        setup["Input.Confirm"] = Password;
        using (var done = await http.PostAsync("setup", new FormUrlEncodedContent(setup)))
        {
            if (done.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Redirect))
            {
                throw new InvalidOperationException($"The setup page answered {done.StatusCode}.");
            }
        }

        var login = Hidden(await http.GetStringAsync("account/login"));
        login["Input.Email"] = Email;
        login["Input.Password"] = Password;
        using var response = await http.PostAsync("account/login", new FormUrlEncodedContent(login));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("Could not sign in the benchmark's facilitator.");
        }

        var forHub = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            forHub.Add(address, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        return forHub;
    }

    /// <summary>Open dialogues of the benchmark's facilitator, shaped like the history: every theme's dot vote closed, 40 participants' points in it.</summary>
    private static async Task<List<(int Dialogue, List<int> Themes)>> OpenDialoguesAsync(string database, int count)
    {
        await using var db = Seeder.Open(database);
        var owner = await db.Users.Where(u => u.Email == Email).Select(u => u.Id).SingleAsync();
        var keys = BuiltInTemplates.Themes.Where(t => t.Domain == Domain.ChildcareSupervision).ToList();
        var catalogue = await db.CatalogueRisks.Where(r => r.Domain == Domain.ChildcareSupervision).OrderBy(r => r.Id).ToListAsync();
        var now = DateTime.UtcNow;
        var result = new List<(int, List<int>)>();
        for (var n = 0; n < count; n++)
        {
            var dialogue = new Dialogue
            {
                Title = $"Benchmark {n}", Date = DateOnly.FromDateTime(now), Domain = Domain.ChildcareSupervision, Year = now.Year, JoinCode = JoinCodes.Create(),
                ResultsKey = StoredSecrets.Create(), Status = DialogueStatus.Open, CreatedAt = now, OpenedAt = now,
                Themes = [.. Enumerable.Range(0, Themes).Select(t => new Theme
                {
                    Position = t + 1, Title = keys[t % keys.Count].Title, ThemeKey = keys[t % keys.Count].Key, VoteState = VoteState.Closed, ResultsRevealed = true,
                })],
                Facilitators = [new DialogueFacilitator { UserId = owner, IsOwner = true }],
            };
            db.Dialogues.Add(dialogue);
            await db.SaveChangesAsync();
            var people = Enumerable.Range(0, Participants).Select(i => new Participant
            {
                DialogueId = dialogue.Id, DisplayName = $"Deelnemer {i}", Organisation = Municipalities.All[(n * Participants + i) % Municipalities.All.Count],
                IsMunicipality = true, OrganisationType = OrganisationType.Municipality, TokenHash = ParticipantTokens.Hash(ParticipantTokens.Create()), JoinedAt = now,
            }).ToList();
            db.Participants.AddRange(people);
            await db.SaveChangesAsync();
            foreach (var theme in dialogue.Themes)
            {
                var risks = catalogue.Where(c => c.ThemeKey == theme.ThemeKey).Take(Risks).Select((c, i) => new Risk
                {
                    DialogueId = dialogue.Id, ThemeId = theme.Id, Position = i + 1, Title = c.Title, Status = RiskStatus.Accepted, CatalogueRiskId = c.Id, CreatedAt = now,
                }).ToList();
                db.Risks.AddRange(risks);
                await db.SaveChangesAsync();
                db.Votes.AddRange(people.SelectMany((p, i) => new[]
                {
                    new Vote { DialogueId = dialogue.Id, ThemeId = theme.Id, RiskId = risks[i % risks.Count].Id, ParticipantId = p.Id, Ballot = i + 1, Municipality = p.Organisation, Points = 3, CastAt = now },
                    new Vote { DialogueId = dialogue.Id, ThemeId = theme.Id, RiskId = risks[(i + 1) % risks.Count].Id, ParticipantId = p.Id, Ballot = i + 1, Municipality = p.Organisation, Points = 2, CastAt = now },
                }));
            }

            await db.SaveChangesAsync();
            result.Add((dialogue.Id, [.. dialogue.Themes.Select(t => t.Id)]));
        }

        return result;
    }

    private static async Task<LongHistogram> TimeAsync(int times, Func<Task> action)
    {
        for (var i = 0; i < 10; i++)
        {
            await action(); // warm-up
        }

        var histogram = new LongHistogram(TimeStamp.Minutes(10), 3);
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            histogram.RecordValue(Micro(watch.Elapsed));
        }

        return histogram;
    }

    private static long Micro(TimeSpan elapsed) => (long)(elapsed.TotalMilliseconds * 1000);

    private static Dictionary<string, string> Hidden(string html) =>
        HiddenInput().Matches(html)
            .GroupBy(m => WebUtility.HtmlDecode(m.Groups["name"].Value))
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));

    [GeneratedRegex(@"counted into the national picture \(outcomes and library (?<outcomes>\d+) ms, .*, (?<ms>\d+) ms")]
    private static partial Regex CountedLine();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
