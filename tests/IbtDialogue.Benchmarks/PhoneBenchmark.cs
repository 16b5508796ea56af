using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IbtDialogue.Contributions;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IbtDialogue.Benchmarks;

/// <summary>
/// Issue 14, a participant's load: the app started exactly as the README's run command starts it, a participant
/// who joins through the real join form in Debian's Chromium (Playwright), on loopback and on an emulated phone
/// over 4G (DevTools network and CPU throttling). Per visit: what went over the network (encoded bytes,
/// requests), when the room's content was on the screen and when it worked.
/// </summary>
public static class PhoneBenchmark
{
    private const string Chromium = "/usr/bin/chromium";

    // Runs in every page before its own scripts. Stamps, in ms since the page's navigation began (for the room after
    // joining: since the join form was sent, the POST and its redirect included), the first frame in which the
    // room's content is in the page and the first in which its post button works.
    private const string Marks = """
        window.__ibt = {};
        (() => {
          const stamp = key => {
            if (window.__ibt[key] === undefined) {
              window.__ibt[key] = -1;
              requestAnimationFrame(() => window.__ibt[key] = performance.now());
            }
          };
          let shown = null;
          const check = () => {
            const room = document.querySelector('.live-room');
            if (shown && room !== shown) stamp('replaced'); // WebAssembly rendered the room afresh.
            shown = room || shown;
            if (document.querySelector('.live-room h1')) stamp('content');
            const post = document.querySelector('.contribution-form button[type=submit]');
            if (post && !post.matches(':disabled')) stamp('interactive');
          };
          new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
        })();
        """;

    // Content visible: the first contentful paint if the content was already in the page then, else the frame it came in.
    private const string Timings = """
        () => {
          const paint = performance.getEntriesByName('first-contentful-paint')[0];
          return [Math.max(window.__ibt.content, paint ? paint.startTime : 0), window.__ibt.interactive];
        }
        """;

    private sealed record Profile(string Name, bool Phone);

    /// <summary>How long a person takes over the join form, for the second first visit of every run.</summary>
    private static readonly TimeSpan TypingTime = TimeSpan.FromSeconds(5);

    /// <summary>List what a first visit downloaded, by address (argument --verbose).</summary>
    public static bool Verbose { get; set; }

    private sealed record Visit(long Bytes, int Requests, int Revalidated, double ContentMs, double InteractiveMs);

    /// <param name="root">The checkout whose app is measured.</param>
    /// <param name="developerLoop">Measure <c>dotnet run --project src/IbtDialogue</c> (Debug, the build output) instead of the README's command.</param>
    public static async Task<int> RunAsync(string root, int runs, bool developerLoop)
    {
        if (!File.Exists(Chromium))
        {
            Console.Error.WriteLine($"{Chromium} is missing: apt-get install chromium.");
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "ibt-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "phone.db");
        var seeded = await Seeder.SeedAsync(database, 30);
        var code = await SeedRoomAsync(database, seeded);

        string[] command = developerLoop ? ["run", "--project", "src/IbtDialogue"] : ["run", "--project", "src/IbtDialogue", "-c", "Release"];
        Console.WriteLine($"IbtDialogue phone benchmark: `dotnet {string.Join(' ', command)}` in {root}, {runs} runs per profile, {Environment.ProcessorCount} cores.");
        var start = new ProcessStartInfo("dotnet", command) { WorkingDirectory = root };
        var starting = Stopwatch.StartNew();
        await using var server = await ServerProcess.StartAsync(start, new Dictionary<string, string>
        {
            ["ConnectionStrings__Dialogue"] = $"Data Source={database}",
            ["Node__Name"] = "bench",
        }, TimeSpan.FromMinutes(15));
        Console.WriteLine(FormattableString.Invariant($"The command built, published (if it does) and started the app in {starting.Elapsed.TotalSeconds:0} s; the room is {server.Address}d/{code}."));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        var headers = new SortedSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();

        // One join first, not counted: the server's first request of each kind compiles its code (JIT), which only
        // the first participant after a start pays.
        await using (var warmUp = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString(), Locale = "nl-NL" }))
        {
            await warmUp.AddInitScriptAsync(Marks);
            var verbose = Verbose;
            Verbose = false;
            await FirstVisitAsync(warmUp, new Profile("warm-up", Phone: false), code, "Deelnemer warming-up", TimeSpan.Zero, headers, problems);
            Verbose = verbose;
        }

        var results = new Dictionary<Profile, List<(Visit First, Visit Repeat, Visit Typed)>>();
        Profile[] profiles = [new("loopback", Phone: false), new("4G phone", Phone: true)];
        async Task<IBrowserContext> ContextAsync(Profile profile)
        {
            var context = await browser.NewContextAsync(profile.Phone
                ? new BrowserNewContextOptions { BaseURL = server.Address.ToString(), Locale = "nl-NL", ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 3 }
                : new BrowserNewContextOptions { BaseURL = server.Address.ToString(), Locale = "nl-NL" });
            context.SetDefaultTimeout(180_000);
            await context.AddInitScriptAsync(Marks);
            return context;
        }

        // The profiles take turns, so a neighbour's load on the shared machine falls on both alike.
        foreach (var profile in profiles)
        {
            results[profile] = [];
        }

        for (var run = 1; run <= runs; run++)
        {
            foreach (var profile in profiles)
            {
                Visit first, repeat, typed;
                await using (var context = await ContextAsync(profile))
                {
                    first = await FirstVisitAsync(context, profile, code, $"Deelnemer {profile.Name} {run}", TimeSpan.Zero, headers, problems);
                    repeat = await RepeatVisitAsync(context, profile, code, headers, problems);
                }

                await using (var context = await ContextAsync(profile))
                {
                    typed = await FirstVisitAsync(context, profile, code, $"Deelnemer {profile.Name} {run}b", TypingTime, headers, problems);
                }

                results[profile].Add((first, repeat, typed));
                Console.WriteLine(
                    FormattableString.Invariant($"  {profile.Name} run {run}: first visit {first.Bytes / 1024.0:0} KiB in {first.Requests} requests, content {first.ContentMs:0} ms, interactive {first.InteractiveMs:0} ms ") +
                    FormattableString.Invariant($"(after {TypingTime.TotalSeconds:0} s on the form: {typed.Bytes / 1024.0:0} KiB, content {typed.ContentMs:0} ms, interactive {typed.InteractiveMs:0} ms); ") +
                    FormattableString.Invariant($"repeat visit {repeat.Bytes / 1024.0:0.0} KiB in {repeat.Requests} requests ({repeat.Revalidated} answered 304), content {repeat.ContentMs:0} ms, interactive {repeat.InteractiveMs:0} ms"));
            }
        }

        string Median(Profile p, Func<(Visit First, Visit Repeat, Visit Typed), double> pick, string format)
        {
            var values = results[p].Select(pick).Order().ToList();
            var median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
            return values.Count == 1
                ? median.ToString(format, CultureInfo.InvariantCulture)
                : $"{median.ToString(format, CultureInfo.InvariantCulture)} ({values[0].ToString(format, CultureInfo.InvariantCulture)}–{values[^1].ToString(format, CultureInfo.InvariantCulture)})";
        }

        string Row(string what, Func<(Visit First, Visit Repeat, Visit Typed), double> pick, string format) =>
            $"| {what} | {string.Join(" | ", profiles.Select(p => Median(p, pick, format)))} |";

        Console.WriteLine();
        Console.WriteLine($"| median of {runs} (min–max) | {string.Join(" | ", profiles.Select(p => p.Name))} |");
        Console.WriteLine($"| --- |{string.Concat(profiles.Select(_ => " ---: |"))}");
        Console.WriteLine(Row("first visit: downloaded, compressed (MB)", r => r.First.Bytes / 1e6, "0.00"));
        Console.WriteLine(Row("first visit: requests", r => r.First.Requests, "0"));
        Console.WriteLine(Row("content visible after the join form is sent, cold (s)", r => r.First.ContentMs / 1000, "0.00"));
        Console.WriteLine(Row("interactive after the join form is sent, cold (s)", r => r.First.InteractiveMs / 1000, "0.00"));
        Console.WriteLine(Row($"the same after {TypingTime.TotalSeconds:0} s on the form: content (s)", r => r.Typed.ContentMs / 1000, "0.00"));
        Console.WriteLine(Row($"the same after {TypingTime.TotalSeconds:0} s on the form: interactive (s)", r => r.Typed.InteractiveMs / 1000, "0.00"));
        Console.WriteLine(Row("repeat visit: downloaded (kB)", r => r.Repeat.Bytes / 1e3, "0.0"));
        Console.WriteLine(Row("repeat visit: requests on the network", r => r.Repeat.Requests, "0"));
        Console.WriteLine(Row("repeat visit: of which answered 304", r => r.Repeat.Revalidated, "0"));
        Console.WriteLine(Row("content visible, warm (s)", r => r.Repeat.ContentMs / 1000, "0.00"));
        Console.WriteLine(Row("interactive, warm (s)", r => r.Repeat.InteractiveMs / 1000, "0.00"));
        Console.WriteLine();
        Console.WriteLine("Response headers of the static files, as served (a file answered from the cache is not listed again):");
        foreach (var line in headers)
        {
            Console.WriteLine($"  {line}");
        }

        // What the README's command must give: every framework file compressed and cached for good.
        if (!developerLoop && headers.Any(h => h.StartsWith("_framework/*.wasm", StringComparison.Ordinal) && (!h.Contains("immutable", StringComparison.Ordinal) || h.Contains("Content-Encoding: —", StringComparison.Ordinal))))
        {
            problems.Add("A framework file is served uncompressed or without Cache-Control: immutable.");
        }

        foreach (var problem in problems.Distinct())
        {
            Console.WriteLine($"PROBLEM: {problem}");
        }

        Directory.Delete(folder, recursive: true);
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// The join link, the join form filled in and sent (at once, or after <paramref name="onTheForm"/> as a person
    /// typing would), until the room works. Times count from the form's submit.
    /// </summary>
    private static async Task<Visit> FirstVisitAsync(IBrowserContext context, Profile profile, string code, string name, TimeSpan onTheForm, ISet<string> headers, List<string> problems)
    {
        var page = await context.NewPageAsync();
        var traffic = await Traffic.AttachAsync(context, page, profile, headers, problems);
        await page.GotoAsync($"deelnemen/{code}");
        await Task.Delay(onTheForm);
        await page.Locator("#displayName").FillAsync(name);
        var municipality = page.Locator("#municipality");
        if (await municipality.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await municipality.SelectOptionAsync("Aalten");
        }
        else
        {
            await municipality.FillAsync("Aalten"); // The searchable field.
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Naar de dialoog" }).ClickAsync();
        await page.WaitForURLAsync($"**/d/{code}");
        var (content, interactive) = await WhenReadyAsync(page);
        var visit = traffic.Visit(content, interactive);
        if (Verbose)
        {
            foreach (var (url, bytes) in traffic.ByUrl())
            {
                Console.WriteLine($"    {bytes,9} {url}");
            }
        }

        await page.CloseAsync();
        return visit;
    }

    /// <summary>The room again in the same browser (a new tab on its address). Times count from the navigation's start.</summary>
    private static async Task<Visit> RepeatVisitAsync(IBrowserContext context, Profile profile, string code, ISet<string> headers, List<string> problems)
    {
        var page = await context.NewPageAsync();
        var traffic = await Traffic.AttachAsync(context, page, profile, headers, problems);
        await page.GotoAsync($"d/{code}", new() { WaitUntil = WaitUntilState.Commit });
        var (content, interactive) = await WhenReadyAsync(page);
        var visit = traffic.Visit(content, interactive);
        await page.CloseAsync();
        return visit;
    }

    private static async Task<(double Content, double Interactive)> WhenReadyAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__ibt && window.__ibt.interactive > 0 && window.__ibt.content > 0", null, new() { PollingInterval = 100 });
        var times = await page.EvaluateAsync<double[]>(Timings);
        if (Verbose)
        {
            Console.WriteLine(await page.EvaluateAsync<string>(Breakdown));
        }

        return (times[0], times[1]);
    }

    // Where the time went (--verbose): when the page's own parts arrived and when the room was rendered by WebAssembly.
    private const string Breakdown = """
        () => {
          const r = n => performance.getEntriesByType('resource').filter(e => e.name.includes(n)).map(e => `${n} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`).join(', ');
          const nav = performance.getEntriesByType('navigation')[0];
          const wasm = performance.getEntriesByType('resource').filter(e => e.name.includes('/_framework/'));
          return `    html ${Math.round(nav.responseStart)}–${Math.round(nav.responseEnd)}, dom ${Math.round(nav.domContentLoadedEventEnd)}; ` +
            `framework ${wasm.length} files ${Math.round(Math.min(...wasm.map(e => e.startTime)))}–${Math.round(Math.max(...wasm.map(e => e.responseEnd)))}; ` +
            `${r('dotnet.native')}; ${r('hub-token')}; ${r('negotiate')}; rendered by WebAssembly ${Math.round(window.__ibt.replaced)}; interactive ${Math.round(window.__ibt.interactive)}`;
        }
        """;

    /// <summary>An open dialogue in Delen with 40 contributions of its participants, as a room mid-session.</summary>
    private static async Task<string> SeedRoomAsync(string database, Seeded seeded)
    {
        await using var db = Seeder.Open(database);
        var participants = await db.Participants.Where(p => p.DialogueId == seeded.DialogueId).Select(p => p.Id).ToListAsync();
        ContributionKind[] kinds = [ContributionKind.SuccessFactor, ContributionKind.Bottleneck, ContributionKind.Question];
        db.Contributions.AddRange(Enumerable.Range(0, 40).Select(i => new Contribution
        {
            DialogueId = seeded.DialogueId,
            ThemeId = seeded.SharingTheme,
            Kind = kinds[i % kinds.Length],
            Text = $"Bijdrage {i + 1}: de GGD en de gemeente spreken vooraf af wie welke overtreding opvolgt, en leggen dat vast in het handhavingsbeleid.",
            ParticipantId = participants[i % participants.Count],
            CreatedAt = DateTime.UtcNow,
            Status = ContributionStatus.Visible,
        }));
        await db.SaveChangesAsync();
        return await db.Dialogues.Where(d => d.Id == seeded.DialogueId).Select(d => d.JoinCode).SingleAsync();
    }

    /// <summary>One page's traffic, from the DevTools protocol: what came over the network, and what the cache answered.</summary>
    private sealed class Traffic
    {
        private readonly Lock gate = new();
        private readonly Dictionary<string, string> urls = [];
        private readonly Dictionary<string, long> bytesByUrl = [];
        private long bytes;
        private int requests;
        private int revalidated;

        public static async Task<Traffic> AttachAsync(IBrowserContext context, IPage page, Profile profile, ISet<string> headers, List<string> problems)
        {
            var traffic = new Traffic();
            var cdp = await context.NewCDPSessionAsync(page);
            cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            {
                if (e is { } data && data.GetProperty("request").GetProperty("url").GetString() is { } url && url.StartsWith("http", StringComparison.Ordinal))
                {
                    lock (traffic.gate)
                    {
                        traffic.urls[data.GetProperty("requestId").GetString()!] = url;
                        if (data.TryGetProperty("redirectResponse", out var redirect))
                        {
                            traffic.requests++; // The redirect: an answer from the server of its own.
                            traffic.bytes += (long)redirect.GetProperty("encodedDataLength").GetDouble();
                        }
                    }
                }
            };
            cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
            {
                if (e is not { } data)
                {
                    return;
                }

                var response = data.GetProperty("response");
                var url = response.GetProperty("url").GetString() ?? "";
                bool From(string source) => response.TryGetProperty(source, out var flag) && flag.ValueKind == JsonValueKind.True;
                if (!url.StartsWith("http", StringComparison.Ordinal) || From("fromDiskCache") || From("fromPrefetchCache") || From("fromServiceWorker"))
                {
                    return; // Answered without the server.
                }

                lock (traffic.gate)
                {
                    traffic.requests++;
                    if (response.GetProperty("status").GetInt32() == 304)
                    {
                        traffic.revalidated++;
                    }
                }

                var path = new Uri(url).AbsolutePath;
                var extension = Path.GetExtension(path);
                if (extension is ".wasm" or ".js" or ".css" or ".svg" or ".dat")
                {
                    var fields = response.GetProperty("headers");
                    string Header(string name) => fields.EnumerateObject().FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.String } v ? v.GetString()! : "—";
                    var fingerprinted = System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(path), @"\.[a-zA-Z0-9]{5,}\.[a-z]+$");
                    var where = path.StartsWith("/_framework/", StringComparison.Ordinal) ? "_framework/" : "";
                    lock (headers)
                    {
                        headers.Add($"{where}*{extension}, {(fingerprinted ? "fingerprinted" : "not fingerprinted")}: Cache-Control: {Header("cache-control")}; Content-Encoding: {Header("content-encoding")}; ETag {(Header("etag") == "—" ? "absent" : "present")}");
                    }
                }
            };
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
            {
                if (e is { } data)
                {
                    lock (traffic.gate)
                    {
                        var length = (long)data.GetProperty("encodedDataLength").GetDouble();
                        traffic.bytes += length;
                        var url = traffic.urls.GetValueOrDefault(data.GetProperty("requestId").GetString()!, "?");
                        traffic.bytesByUrl[url] = traffic.bytesByUrl.GetValueOrDefault(url) + length;
                    }
                }
            };
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (problems)
                    {
                        problems.Add($"{page.Url}: console error: {message.Text}");
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                lock (problems)
                {
                    problems.Add($"{page.Url}: {error}");
                }
            };

            await cdp.SendAsync("Network.enable");
            if (profile.Phone)
            {
                // The profile of issue 14: 9 Mbit/s down, 3 up, 60 ms latency, the CPU four times slower.
                await cdp.SendAsync("Network.emulateNetworkConditions", new()
                {
                    ["offline"] = false,
                    ["latency"] = 60,
                    ["downloadThroughput"] = 9_000_000 / 8,
                    ["uploadThroughput"] = 3_000_000 / 8,
                    ["connectionType"] = "cellular4g",
                });
                await cdp.SendAsync("Emulation.setCPUThrottlingRate", new() { ["rate"] = 4 });
            }

            return traffic;
        }

        /// <summary>What came over the network, by address, largest first.</summary>
        public IReadOnlyList<(string Url, long Bytes)> ByUrl()
        {
            lock (gate)
            {
                return [.. bytesByUrl.Where(b => b.Value > 0).OrderByDescending(b => b.Value).Select(b => (b.Key, b.Value))];
            }
        }

        /// <summary>Only requests the server answered count (not those the browser's cache answered).</summary>
        public Visit Visit(double contentMs, double interactiveMs)
        {
            lock (gate)
            {
                return new Visit(bytes, requests, revalidated, contentMs, interactiveMs);
            }
        }
    }
}
