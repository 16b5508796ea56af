using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Persistence;

public static class PersistenceExtensions
{
    /// <summary>Registers the database: SQLite at <c>ConnectionStrings:Dialogue</c>, relative paths taken from the content root.</summary>
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        // Read when first needed, so configuration added by a host (tests, environment) is seen.
        builder.Services.AddDbContextFactory<DialogueDb>((services, options) => options.UseSqlite(SqliteConnectionString(
            services.GetRequiredService<IConfiguration>().GetConnectionString("Dialogue") ?? "Data Source=data/ibt-dialogue.db",
            services.GetRequiredService<IWebHostEnvironment>().ContentRootPath)));
        builder.Services.AddSingleton<WriteGate>();
        builder.Services.AddDataProtection().SetApplicationName("IbtDialogue").PersistKeysToDbContext<DialogueDb>()
            .ProtectKeysWithConfiguredCertificate(builder.Configuration, builder.Environment.ContentRootPath);
        return builder;
    }

    /// <summary>Applies the migrations, switches SQLite to WAL and forgets the connections this node had before it stopped.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<DialogueDb>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");

        var node = app.Services.GetRequiredService<NodeIdentity>().Name;
        await db.RoomConnections.Where(c => c.Node == node).ExecuteDeleteAsync();
        await app.Services.GetRequiredService<TemplateService>().SeedBuiltInAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        await Accounts.AccountService.SeedRolesAsync(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>());
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
