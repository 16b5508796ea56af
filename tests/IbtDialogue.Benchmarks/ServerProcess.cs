using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace IbtDialogue.Benchmarks;

/// <summary>A server in a process of its own, so its memory is its own.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The server's process id, for the diagnostic tools (<see cref="HeapDump"/>).</summary>
    public int ProcessId => process.Id;

    /// <summary>The server's log lines (standard output), for figures it logs itself.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; } = new();

    public static Task<ServerProcess> StartAsync(string dll, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments]);
        // Plain http on loopback: HttpClient's cookie jar would not send Secure cookies back.
        start.Environment["Https__SecureCookies"] = "false";
        return StartAsync(start, environment, TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// Any command that ends up serving the app (<c>dotnet run …</c> builds first, hence the time allowed), on a free
    /// loopback port, with <paramref name="environment"/> on top of the app's configuration.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(ProcessStartInfo start, IDictionary<string, string> environment, TimeSpan startTimeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var process = Process.Start(start)!;
        ServerProcess? server = null;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Listening().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups["url"].Value + "/"));
            }
            else if (e.Data is { } building && !listening.Task.IsCompleted && building.Contains("error", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"  [server] {building}"); // dotnet run writes build errors to standard output.
            }

            if (e.Data is { } logged && server is { } self)
            {
                self.Output.Enqueue(logged);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine($"  [server] {line}");
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} ended (exit code {process.ExitCode}) before it listened."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server = new ServerProcess(process, await listening.Task.WaitAsync(startTimeout));
        return server;
    }

    /// <summary>Resident and peak resident memory of the server, in MiB (Linux /proc).</summary>
    public (double Now, double Peak) Memory()
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        double Read(string key) => double.Parse(status.Single(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        return (Read("VmRSS"), Read("VmHWM"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex Listening();
}
