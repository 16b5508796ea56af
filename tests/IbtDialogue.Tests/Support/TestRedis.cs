using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// A throwaway Redis server of one test (Debian's <c>redis-server</c>, which tests/run.sh installs), on a
/// loopback port of its own, keeping nothing on disk. The test can stop it and start it again on the same
/// port, as an outage and a restart would.
/// </summary>
public sealed class TestRedis : IAsyncDisposable
{
    public const string Server = "/usr/bin/redis-server";

    private readonly int port;
    private Process? process;

    private TestRedis(int port) => this.port = port;

    /// <summary>The configuration string the app takes as <c>Redis:Connection</c>.</summary>
    public string Connection => $"127.0.0.1:{port}";

    public static async Task<TestRedis> StartAsync()
    {
        ExternalTool.Require(Server, "sudo apt-get install redis-server");
        var redis = new TestRedis(AppProcess.FreePort());
        await redis.StartAgainAsync();
        return redis;
    }

    /// <summary>Ends the server at once (SIGKILL): whatever it was passing on is lost.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        process?.Dispose();
        process = null;
    }

    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Server, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(PingAsync, $"redis-server answers on port {port}");
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false; // Not listening yet.
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
