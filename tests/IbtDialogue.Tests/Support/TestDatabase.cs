using IbtDialogue.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Support;

/// <summary>A real SQLite database file in a temporary folder, migrated like the app does it, removed afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private TestDatabase(string folder)
    {
        Folder = folder;
        ConnectionString = $"Data Source={System.IO.Path.Combine(folder, "test.db")}";
        services = new ServiceCollection()
            .AddDbContextFactory<DialogueDb>(options => options.UseSqlite(ConnectionString))
            .BuildServiceProvider();
        Factory = services.GetRequiredService<IDbContextFactory<DialogueDb>>();
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public IDbContextFactory<DialogueDb> Factory { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ibt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(folder);
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        return database;
    }

    public async Task<T> QueryAsync<T>(Func<DialogueDb, Task<T>> query)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await query(db);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the temp folder is cleaned by the OS.
        }
    }
}
