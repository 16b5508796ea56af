using IbtDialogue.Persistence;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;

namespace IbtDialogue.Tests.Providers;

/// <summary>Each provider has its own migrations (Persistence/Migrations, Persistence/PostgresMigrations); both follow the model.</summary>
public sealed class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A context for the provider as the app configures it; no connection is opened.</summary>
    private static DialogueDb Offline(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<DialogueDb>();
        options.UseDialogueDatabase(provider, provider == DatabaseProvider.Postgres ? "Host=127.0.0.1;Database=unused" : "Data Source=:memory:", Path.GetTempPath());
        return new DialogueDb(options.Options);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Every_change_of_the_model_has_a_migration_for_the_provider(DatabaseProvider provider)
    {
        using var db = Offline(provider);

        // Fails after a model change without `dotnet ef migrations add` for this provider (see docs/operations.md,
        // "Changing the model"): the provider's snapshot no longer matches the model.
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes without a {provider} migration.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "IbtDialogue.Persistence.Migrations")]
    [InlineData(DatabaseProvider.Postgres, "IbtDialogue.Persistence.PostgresMigrations")]
    public void A_provider_sees_only_its_own_migrations_and_snapshot(DatabaseProvider provider, string ns)
    {
        using var db = Offline(provider);
        var migrations = db.GetService<IMigrationsAssembly>();

        Assert.NotEmpty(migrations.Migrations);
        Assert.All(migrations.Migrations.Values, m => Assert.Equal(ns, m.Namespace));
        Assert.Equal(ns, migrations.ModelSnapshot?.GetType().Namespace);
        var all = typeof(DialogueDb).Assembly.DefinedTypes.Count(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract);
        var other = Offline(provider == DatabaseProvider.Sqlite ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite);
        Assert.Equal(all, migrations.Migrations.Count + other.GetService<IMigrationsAssembly>().Migrations.Count);
        other.Dispose();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_app_applies_every_migration_of_the_provider_on_start(DatabaseProvider provider)
    {
        await using var h = await EngineHarness.CreateAsync(provider);
        await using var db = await h.DbFactory.CreateDbContextAsync(Ct);

        Assert.Equal(DatabaseProviders.Of(db.Database), provider);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.NotEmpty(await db.Templates.ToListAsync(Ct)); // Seeded at start, as on SQLite.

        // The good practices' full-text index, made by hand in each provider's migrations.
        var rows = provider == DatabaseProvider.Postgres
            ? db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM practicesearch")
            : db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM PracticeSearch");
        Assert.Equal(0, await rows.SingleAsync(Ct));
    }

    [Fact]
    public void The_provider_is_Sqlite_unless_configured_and_unknown_names_are_refused()
    {
        static DatabaseProvider Of(string? value) => DatabaseProviders.From(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = value }).Build());

        Assert.Equal(DatabaseProvider.Sqlite, Of(null));
        Assert.Equal(DatabaseProvider.Sqlite, Of("sqlite"));
        Assert.Equal(DatabaseProvider.Postgres, Of("Postgres"));
        Assert.Equal(DatabaseProvider.Postgres, Of("PostgreSQL"));
        Assert.Throws<InvalidOperationException>(() => Of("Oracle"));
    }
}
