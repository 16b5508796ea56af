using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// The app as its own operating-system process (the build output of src/IbtDialogue), so a test can kill
/// it the hard way — no graceful shutdown, no flushing — and start it again on the same database.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    private AppProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    private static string Dll =>
        Path.Combine(RepositoryRoot.Path, "src", "IbtDialogue", "bin", typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug", "net10.0", "IbtDialogue.dll");

    /// <summary>Runs one of the app's commands (such as <c>seed-demo</c>) on a database and answers how it ended.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunCommandAsync(string databasePath, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. arguments])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Dialogue"] = $"Data Source={databasePath}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await errors);
    }

    /// <param name="port">0: any free port; a port of its own lets a restarted server take the same address.</param>
    /// <param name="environment">The ASP.NET Core environment (default Production); Development serves the WebAssembly room from the build output.</param>
    /// <param name="settings">Configuration on top (<c>Database:Provider</c>, <c>Redis:Connection</c>, …), given to the process as environment variables.</param>
    public static async Task<AppProcess> StartAsync(string databasePath, string workingDirectory, int port = 0, string? environment = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet", [Dll])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Dialogue"] = $"Data Source={databasePath}";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        if (environment is not null)
        {
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        }

        // Plain http on loopback: HttpClient's cookie jar would not send Secure cookies back.
        start.Environment["Https__SecureCookies"] = "false";
        start.Environment["Node__Name"] = "test-node";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && Listening().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value + "/"));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return new AppProcess(process, address);
    }

    /// <summary>A port that was free a moment ago (for a server that must come back on the same address).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ends the process at once, as a crash or a pulled plug would.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex Listening();
}
