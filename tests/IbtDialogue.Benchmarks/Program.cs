using System.Globalization;
using System.Reflection;
using IbtDialogue.Benchmarks;
using IbtDialogue.Protocol;

// Mode 1: the bare hub, started by mode 2 as a process of its own.
if (args is ["bare-hub", ..])
{
    var builder = WebApplication.CreateBuilder();
    builder.Services.AddSignalR().AddJsonProtocol(o => ProtocolJson.Configure(o.PayloadSerializerOptions));
    var bare = builder.Build();
    bare.MapHub<BareHub>(HubContract.Path);
    await bare.RunAsync();
    return;
}

var configuration = typeof(Seeder).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
var root = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(root, "IbtDialogue.sln")))
{
    root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("IbtDialogue.sln not found.");
}

// Mode 3: the national picture. Argument: closed dialogues in the history (default 1000).
if (args is ["national", ..])
{
    Environment.ExitCode = await NationalBenchmark.RunAsync(root, configuration, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
    return;
}

// Mode 4: one participant floods the room (issue 10, finding 3). Arguments: listeners (default 50), the neighbour's posts (60), milliseconds between them (250).
if (args is ["flood", ..])
{
    Environment.ExitCode = await FloodBenchmark.RunAsync(
        root,
        configuration,
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60,
        TimeSpan.FromMilliseconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 250));
    return;
}

// Mode 6: many rooms at once (issue 16). Arguments: rooms (default 20), participants per room (50), posts per room (20), milliseconds between a room's posts (250).
if (args is ["rooms", ..])
{
    Environment.ExitCode = await RoomsBenchmark.RunAsync(
        root,
        configuration,
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20,
        TimeSpan.FromMilliseconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 250));
    return;
}

// Mode 5: a participant's load on a phone (issue 14): the app as the README's run command starts it, joined in
// Chromium on loopback and under a 4G profile. Arguments: runs per profile (default 5); --dev measures the
// developer loop (dotnet run without -c Release); --root DIR measures another checkout with the same migrations.
if (args is ["phone", ..])
{
    var options = args.Skip(1).ToList();
    var at = options.IndexOf("--root");
    var measured = at >= 0 && at + 1 < options.Count ? Path.GetFullPath(options[at + 1]) : root;
    var runs = options.FirstOrDefault(o => int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out _)) is { } n && (at < 0 || options.IndexOf(n) != at + 1)
        ? int.Parse(n, CultureInfo.InvariantCulture)
        : 5;
    PhoneBenchmark.Verbose = options.Contains("--verbose");
    Environment.ExitCode = await PhoneBenchmark.RunAsync(measured, runs, developerLoop: options.Contains("--dev"));
    return;
}

// Mode 2: the live room. Arguments: participants (default 200), posts (default 50), milliseconds between posts (default 100),
// participants taking turns posting (default 1; with several and a short interval their posts race). Options:
// --db postgres runs the app on PostgreSQL (a database of its own on the server IBT_BENCH_POSTGRES names);
// --history N seeds N contributions before anyone joins, so every joiner's snapshot carries a room with a past;
// --nodes N runs N app nodes on that database with a Redis backplane (a redis-server of its own), participant i on node i mod N;
// --gcdump DIR takes a heap dump and the GC counters of every server once everyone has entered (HeapDump.cs).
var positional = new List<string>();
var (nodes, onPostgres, history) = (1, false, 0);
string? gcdumpFolder = null;
for (var a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--history" when a + 1 < args.Length:
            history = int.Parse(args[++a], CultureInfo.InvariantCulture);
            break;
        case "--nodes" when a + 1 < args.Length:
            nodes = int.Parse(args[++a], CultureInfo.InvariantCulture);
            break;
        case "--gcdump" when a + 1 < args.Length:
            gcdumpFolder = Path.GetFullPath(args[++a]);
            break;
        case "--db" when a + 1 < args.Length:
            onPostgres = args[++a] switch
            {
                "postgres" => true,
                "sqlite" => false,
                var other => throw new ArgumentException($"--db {other}: sqlite or postgres."),
            };
            break;
        default:
            positional.Add(args[a]);
            break;
    }
}

if (nodes > 1 && !onPostgres)
{
    Console.Error.WriteLine("Several nodes need a database they share: add --db postgres.");
    Environment.ExitCode = 2;
    return;
}

var participants = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 200;
var posts = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 50;
var interval = TimeSpan.FromMilliseconds(positional.Count > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 100);
var posters = positional.Count > 3 ? int.Parse(positional[3], CultureInfo.InvariantCulture) : 1;

var folder = Path.Combine(Path.GetTempPath(), "ibt-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
var database = Path.Combine(folder, "bench.db");
var engine = $"{nodes} node{(nodes == 1 ? "" : "s")} on {(onPostgres ? "PostgreSQL" : "SQLite")}{(nodes > 1 ? " with the Redis backplane" : "")}";
Console.WriteLine($"IbtDialogue load benchmark: {participants} participants, {posts} posts every {interval.TotalMilliseconds} ms by {posters} poster(s), {engine}, {Environment.ProcessorCount} cores, {configuration} build.");

await using var postgres = onPostgres ? await BenchPostgres.CreateAsync() : null;
await using var redis = nodes > 1 ? await BenchRedis.StartAsync() : null;
var appDll = Path.Combine(root, "src", "IbtDialogue", "bin", configuration, "net10.0", "IbtDialogue.dll");
Dictionary<string, string> NodeSettings(int node)
{
    var settings = new Dictionary<string, string>
    {
        ["Node__Name"] = $"bench-{node}",
        // Every client is on 127.0.0.1 and one participant does all the posting: limits sized to this run, so
        // the figures are the app's and not the limiter's (the limiter still runs on every call).
        ["Security__HubNegotiateLimit__Burst"] = Invariant(2 * participants + 100),
        ["Security__HubCallLimits__Participant__Burst"] = Invariant(posts + 100),
        ["Security__HubCallLimits__Connection__Burst"] = Invariant(posts + 100),
    };
    if (postgres is null)
    {
        settings["ConnectionStrings__Dialogue"] = $"Data Source={database}";
    }
    else
    {
        settings["Database__Provider"] = "Postgres";
        settings["ConnectionStrings__Dialogue"] = postgres.ConnectionString;
    }

    if (redis is not null)
    {
        settings["Redis__Connection"] = redis.Connection;
        settings["Redis__ChannelPrefix"] = $"ibt-bench-{Path.GetFileName(folder)}";
    }

    return settings;
}

// SQLite is seeded before the app starts; PostgreSQL after the first node has migrated it.
var seeded = postgres is null ? await Seeder.SeedAsync(database, participants, history) : null;
var servers = new List<ServerProcess>();
Measured app;
int stored;
try
{
    servers.Add(await ServerProcess.StartAsync(appDll, [], NodeSettings(1)));
    if (postgres is not null)
    {
        await using var db = Seeder.OpenPostgres(postgres.ConnectionString);
        seeded = await Seeder.SeedAsync(db, participants, history);
    }

    for (var node = 2; node <= nodes; node++)
    {
        servers.Add(await ServerProcess.StartAsync(appDll, [], NodeSettings(node)));
    }

    app = await Scenario.RunAsync(servers, seeded!, authenticate: true, posts, interval, posters, Dump($"app-{participants}"));
    if (postgres is null)
    {
        stored = await Seeder.VotesAsync(database, seeded!.VotingTheme);
    }
    else
    {
        await using var db = Seeder.OpenPostgres(postgres.ConnectionString);
        stored = await Seeder.VotesAsync(db, seeded!.VotingTheme);
    }
}
finally
{
    foreach (var server in servers)
    {
        await server.DisposeAsync();
    }
}

Measured floor;
await using (var server = await ServerProcess.StartAsync(typeof(BareHub).Assembly.Location, ["bare-hub"], new Dictionary<string, string>()))
{
    floor = await Scenario.RunAsync(server, seeded, authenticate: false, posts, interval, posters, Dump($"floor-{participants}"));
}

Func<IReadOnlyList<ServerProcess>, Task>? Dump(string label) =>
    gcdumpFolder is null ? null : async running => await HeapDump.TakeAsync(gcdumpFolder, label, running);

static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
static string Ms(double micro) => (micro / 1000).ToString("0.0", CultureInfo.InvariantCulture);
static string Ratio(double app, double floor) => floor <= 0 ? "—" : (app / floor).ToString("0.0", CultureInfo.InvariantCulture) + "×";
// The last column is always "how many times worse the app is": app ÷ floor for times and memory, floor ÷ app for rates.
string Row(string what, double a, double f, Func<double, string> show) => $"| {what} | {show(a)} | {show(f)} | {Ratio(a, f)} |";
string RateRow(string what, double a, double f, Func<double, string> show) => $"| {what} | {show(a)} | {show(f)} | {Ratio(f, a)} |";

var lines = new List<string>
{
    $"| measure ({participants} participants, {posts} posts, {seeded.Risks.Count} risks) | IbtDialogue ({engine}) | bare SignalR hub | app costs |",
    "| --- | ---: | ---: | ---: |",
    Row("join, all participants (s)", app.JoinTotal.TotalSeconds, floor.JoinTotal.TotalSeconds, v => v.ToString("0.00", CultureInfo.InvariantCulture)),
    Row("join, one participant p50 (ms)", app.Join.GetValueAtPercentile(50), floor.Join.GetValueAtPercentile(50), Ms),
    Row("join, one participant p99 (ms)", app.Join.GetValueAtPercentile(99), floor.Join.GetValueAtPercentile(99), Ms),
    Row("fan-out to the last recipient p50 (ms)", app.FanOut.GetValueAtPercentile(50), floor.FanOut.GetValueAtPercentile(50), Ms),
    Row("fan-out p99 (ms)", app.FanOut.GetValueAtPercentile(99), floor.FanOut.GetValueAtPercentile(99), Ms),
    Row("fan-out max (ms)", app.FanOut.GetValueAtPercentile(100), floor.FanOut.GetValueAtPercentile(100), Ms),
    RateRow("votes per second (durably committed for the app)", app.Votes / app.VoteTotal.TotalSeconds, floor.Votes / floor.VoteTotal.TotalSeconds, v => v.ToString("0", CultureInfo.InvariantCulture)),
    Row("server memory after the run (MiB)", app.ServerMemoryMiB, floor.ServerMemoryMiB, v => v.ToString("0", CultureInfo.InvariantCulture)),
    Row("server peak memory (MiB)", app.ServerPeakMiB, floor.ServerPeakMiB, v => v.ToString("0", CultureInfo.InvariantCulture)),
};
Console.WriteLine();
lines.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine($"Deliveries: app {app.Deliveries}/{app.ExpectedDeliveries}, floor {floor.Deliveries}/{floor.ExpectedDeliveries}. Votes acknowledged {app.Votes}, stored {stored}.");
Console.WriteLine($"Resyncs (a gap still open after the {IbtDialogue.Client.Live.LiveRoom.ReorderWindow.TotalMilliseconds:0} ms reorder window, summed over clients): app {app.Resyncs}, floor {floor.Resyncs}.");
Console.WriteLine($"Without the window (every event ahead of the shown version): app {app.ResyncsWithoutWindow}, floor {floor.ResyncsWithoutWindow}.");
Console.WriteLine(app.HeldFor.TotalCount == 0
    ? $"Events held for order: app 0, floor {floor.Held}."
    : $"Events held for order: app {app.Held} (waited p50 {Ms(app.HeldFor.GetValueAtPercentile(50))}, p99 {Ms(app.HeldFor.GetValueAtPercentile(99))}, max {Ms(app.HeldFor.GetValueAtPercentile(100))} ms), floor {floor.Held}.");
if (app.Deliveries != app.ExpectedDeliveries || stored != app.Votes)
{
    Console.WriteLine("INCOMPLETE: not every post reached every participant, or not every acknowledged vote is stored.");
    Environment.ExitCode = 1;
}

Directory.Delete(folder, recursive: true);
