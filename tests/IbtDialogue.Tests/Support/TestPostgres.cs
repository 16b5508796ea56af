using IbtDialogue.Persistence;
using Npgsql;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// The PostgreSQL server of the tests: tests/run.sh starts a throwaway cluster on loopback and names it in
/// <c>IBT_TEST_POSTGRES</c> (a connection string of a superuser, database <c>postgres</c>). Without it, a test
/// that needs PostgreSQL is skipped on a developer's machine and fails under CI (CI=true), like every
/// <see cref="ExternalTool"/>. Every test gets a database of its own, dropped afterwards.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "IBT_TEST_POSTGRES";

    /// <summary>
    /// The provider of the tests that do not name one: SQLite, unless <c>IBT_TEST_PROVIDER=Postgres</c> runs them all
    /// on PostgreSQL (to see what a change does there: <c>IBT_TEST_PROVIDER=Postgres dotnet test … --filter-class …</c>).
    /// </summary>
    public static DatabaseProvider DefaultProvider =>
        string.Equals(Environment.GetEnvironmentVariable("IBT_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>The server's connection string; skips (or fails under CI) when there is none.</summary>
    public static string Require()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            return server;
        }

        var message = $"{Variable} is not set: PostgreSQL tests need a server. tests/run.sh installs postgresql from Debian's packages, starts one and sets it.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return "";
    }

    /// <summary>Creates an empty database with a random name on the test server.</summary>
    public static async Task<TestPostgresDatabase> CreateDatabaseAsync()
    {
        var server = Require();
        var name = $"ibt_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestPostgresDatabase(server, name, builder.ConnectionString);
    }
}

/// <summary>A database of one test; disposing it closes its pooled connections and drops it.</summary>
public sealed class TestPostgresDatabase(string server, string name, string connectionString) : IAsyncDisposable
{
    public string Name => name;

    public string ConnectionString => connectionString;

    public async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
