using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IbtDialogue.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers the database: by <c>Database:Provider</c>, SQLite (the default) at <c>ConnectionStrings:Dialogue</c>
    /// with relative paths taken from the content root, or PostgreSQL at that connection string. Each provider
    /// has its own migrations (<see cref="ProviderMigrationsAssembly"/>).
    /// </summary>
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        // Read when first needed, so configuration added by a host (tests, environment) is seen.
        builder.Services.AddDbContextFactory<DialogueDb>((services, options) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            options.UseDialogueDatabase(
                DatabaseProviders.From(configuration),
                configuration.GetConnectionString("Dialogue"),
                services.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
        });
        builder.Services.AddSingleton<WriteGate>();
        builder.Services.AddDataProtection().SetApplicationName("IbtDialogue").PersistKeysToDbContext<DialogueDb>()
            .ProtectKeysWithConfiguredCertificate(builder.Configuration, builder.Environment.ContentRootPath);
        return builder;
    }

    /// <summary>Applies the migrations of the provider in use, switches SQLite to WAL and forgets the connections this node had before it stopped.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<DialogueDb>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        // This node's connections ended when it stopped. Other nodes' clients must hear that those people left:
        // raise the rooms' presence version and report it once the notifier runs.
        var node = app.Services.GetRequiredService<NodeIdentity>().Name;
        var rooms = await db.RoomConnections.Where(c => c.Node == node).Select(c => c.DialogueId).Distinct().ToListAsync();
        await db.RoomConnections.Where(c => c.Node == node).ExecuteDeleteAsync();
        if (rooms.Count > 0)
        {
            await db.Dialogues.Where(d => rooms.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.PresenceVersion, d => d.PresenceVersion + 1));
            var notifier = app.Services.GetRequiredService<RoomNotifier>();
            foreach (var dialogueId in rooms)
            {
                notifier.TouchPresence(dialogueId);
            }
        }
        await app.Services.GetRequiredService<TemplateService>().SeedBuiltInAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        await Accounts.AccountService.SeedRolesAsync(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>());
    }

    /// <summary>The options of <see cref="DialogueDb"/> for a provider: its connection and its own migrations.</summary>
    internal static DbContextOptionsBuilder UseDialogueDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string? connectionString, string contentRoot)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException("Database:Provider is Postgres: set ConnectionStrings:Dialogue to the PostgreSQL connection string.")
                : connectionString);
        }
        else
        {
            options.UseSqlite(SqliteConnectionString(connectionString ?? "Data Source=data/ibt-dialogue.db", contentRoot))
                // SQLite cannot alter a table: EF rebuilds it with "PRAGMA foreign_keys", which runs outside the
                // migration's transaction. Every fresh database logged that warning once per rebuild, for nobody to act on.
                .ConfigureWarnings(warnings => warnings.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning));
        }

        return options.ReplaceService<IMigrationsAssembly, ProviderMigrationsAssembly>();
    }

    internal static string SqliteConnectionString(string configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured);
        if (builder.DataSource is not ("" or ":memory:") && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        // Microsoft.Data.Sqlite retries a busy database until the command timeout: this is the busy timeout.
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
