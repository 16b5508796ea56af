using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace IbtDialogue.Benchmarks;

/// <summary>
/// A database of its own for one run on a PostgreSQL server (the load benchmark's <c>--db postgres</c>), dropped
/// afterwards. The server is named by <c>IBT_BENCH_POSTGRES</c> (else <c>IBT_TEST_POSTGRES</c>): a superuser's
/// connection string, as tests/run.sh makes one.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string server;
    private readonly string name;

    private BenchPostgres(string server, string name, string connectionString)
    {
        this.server = server;
        this.name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<BenchPostgres> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("IBT_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("IBT_TEST_POSTGRES") is { Length: > 0 } test ? test
            : throw new InvalidOperationException("--db postgres needs a server: set IBT_BENCH_POSTGRES to a superuser's connection string (see docs/benchmarks.md).");
        var name = $"ibt_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new BenchPostgres(server, name, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>Debian's <c>redis-server</c> on a free loopback port, keeping nothing on disk: the backplane of a run with several nodes.</summary>
public sealed class BenchRedis : IAsyncDisposable
{
    private const string Server = "/usr/bin/redis-server";
    private readonly Process process;

    private BenchRedis(Process process, int port)
    {
        this.process = process;
        Connection = $"127.0.0.1:{port}";
    }

    public string Connection { get; }

    public static async Task<BenchRedis> StartAsync()
    {
        if (!File.Exists(Server))
        {
            throw new InvalidOperationException($"{Server} is missing: several nodes need Redis (sudo apt-get install redis-server).");
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var process = Process.Start(new ProcessStartInfo(Server, ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                await client.GetStream().WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await client.GetStream().ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return new BenchRedis(process, port);
                }
            }
            catch (SocketException) when (attempt < 100)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
