using System.Diagnostics;
using System.Globalization;

namespace IbtDialogue.Benchmarks;

/// <summary>
/// <c>--gcdump DIR</c> (optional): once every participant has entered, a heap dump of each server with
/// <c>dotnet-gcdump</c> and its GC counters with <c>dotnet-counters</c>, where those global tools are installed
/// (<c>dotnet tool install --global dotnet-gcdump</c>; the run goes on without them). Read a dump with
/// <c>dotnet-gcdump report FILE</c>; the slope between two runs (say 1,000 and 2,000 participants) by type shows
/// what a participant costs. A dump forces a full, blocking collection, so it is taken after the join has been
/// timed and before the fan-out starts; the run's "after the run" memory then follows a compacted heap.
/// </summary>
public static class HeapDump
{
    /// <summary>Resident memory at the dump, before and after the collection the dump forces (MiB).</summary>
    public sealed record Taken(string Label, double RssBefore, double RssAfter, string? Dump, string? Counters);

    public static async Task<IReadOnlyList<Taken>> TakeAsync(string folder, string label, IReadOnlyList<ServerProcess> servers)
    {
        Directory.CreateDirectory(folder);
        var taken = new List<Taken>();
        for (var n = 0; n < servers.Count; n++)
        {
            var server = servers[n];
            var name = servers.Count == 1 ? label : $"{label}-node{n + 1}";
            var before = server.Memory().Now;

            // Counters first: the dump's forced collection would make the "last collection" figures its own.
            string? counters = null;
            if (Tool("dotnet-counters") is { } countersTool)
            {
                counters = Path.Combine(folder, name + ".counters.csv");
                File.Delete(counters);
                await RunAsync(countersTool, ["collect", "-p", Invariant(server.ProcessId), "--counters", "System.Runtime", "--format", "csv", "--refresh-interval", "1", "--duration", "00:00:00:04", "-o", counters]);
                counters = File.Exists(counters) ? counters : null;
            }

            string? dump = null;
            if (Tool("dotnet-gcdump") is { } gcdump)
            {
                dump = Path.Combine(folder, name + ".gcdump");
                File.Delete(dump);
                await RunAsync(gcdump, ["collect", "-p", Invariant(server.ProcessId), "-o", dump]);
                dump = File.Exists(dump) ? dump : null;
            }
            else
            {
                Console.Error.WriteLine("  --gcdump: dotnet-gcdump not found (dotnet tool install --global dotnet-gcdump); resident memory only.");
            }

            var after = server.Memory().Now;
            Console.WriteLine($"  {name}: resident {before:0} MiB when everyone had entered, {after:0} MiB after the dump's full collection; dump {dump ?? "none"}; counters {counters ?? "none"}");
            if (counters is not null)
            {
                Console.WriteLine($"  {name}: {Summary(counters)}");
            }
            taken.Add(new Taken(name, before, after, dump, counters));
        }

        return taken;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The GC's own figures (the last value of each counter): what it has committed, and the heap and its free space after its last collection.</summary>
    private static string Summary(string csv)
    {
        var last = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment (names hold no comma).
            var fields = line.Split(',');
            if (fields.Length >= 5 && double.TryParse(fields[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                last[fields[2]] = value;
            }
        }

        double Sum(string prefix) => last.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value) / (1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture, $"GC committed {Sum("dotnet.gc.last_collection.memory.committed_size"):0} MiB, heap after its last collection {Sum("dotnet.gc.last_collection.heap.size"):0} MiB (of which free/fragmented {Sum("dotnet.gc.last_collection.heap.fragmentation.size"):0} MiB), working set {Sum("dotnet.process.memory.working_set"):0} MiB");
    }

    /// <summary>A global tool on the PATH or in ~/.dotnet/tools, else null.</summary>
    private static string? Tool(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }

    private static async Task RunAsync(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Console.Error.WriteLine($"  {Path.GetFileName(tool)} took more than three minutes and was stopped.");
            return;
        }

        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"  {Path.GetFileName(tool)} failed ({process.ExitCode}): {(await error).Trim()} {(await output).Trim()}");
        }
    }
}
