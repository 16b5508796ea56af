using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IbtDialogue.Persistence;

/// <summary>The database engine behind <see cref="DialogueDb"/>, chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>One file on one machine (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, shared by every node of a deployment.</summary>
    Postgres,
}

public static class DatabaseProviders
{
    public const string ConfigurationKey = "Database:Provider";

    /// <summary>The provider named in the configuration; <see cref="DatabaseProvider.Sqlite"/> when none is named.</summary>
    public static DatabaseProvider From(IConfiguration configuration)
    {
        var configured = configuration[ConfigurationKey];
        return configured?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"{ConfigurationKey} is '{configured}'; it must be Sqlite or Postgres."),
        };
    }

    /// <summary>The namespace (and folder under Persistence/) of each provider's own migrations.</summary>
    public static string MigrationsNamespace(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "IbtDialogue.Persistence.Migrations",
        DatabaseProvider.Postgres => "IbtDialogue.Persistence.PostgresMigrations",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static DatabaseProvider Of(DatabaseFacade database) =>
        database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
}

/// <summary>
/// The migrations of the provider in use. Both sets live in this assembly, each in its own namespace
/// (<c>Persistence/Migrations</c> for SQLite, <c>Persistence/PostgresMigrations</c> for PostgreSQL) with its own
/// model snapshot; EF Core's own lookup would take every migration of <see cref="DialogueDb"/> from both. The
/// same filter serves <c>dotnet ef migrations add</c>, which then finds the snapshot of the provider it runs with.
/// </summary>
public sealed class ProviderMigrationsAssembly(ICurrentDbContext currentContext, IMigrationsIdGenerator idGenerator) : IMigrationsAssembly
{
    private IReadOnlyDictionary<string, TypeInfo>? migrations;
    private ModelSnapshot? snapshot;
    private bool snapshotLooked;

    public Assembly Assembly => typeof(DialogueDb).Assembly;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= FindMigrations();

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!snapshotLooked)
            {
                snapshot = OwnTypes().Where(t => t.IsSubclassOf(typeof(ModelSnapshot)))
                    .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!)
                    .SingleOrDefault();
                snapshotLooked = true;
            }

            return snapshot;
        }
    }

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(idGenerator.IsValidId(nameOrId)
            ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : id => string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase));

    private SortedDictionary<string, TypeInfo> FindMigrations()
    {
        var found = new SortedDictionary<string, TypeInfo>(StringComparer.Ordinal);
        foreach (var type in OwnTypes().Where(t => t.IsSubclassOf(typeof(Migration))))
        {
            if (type.GetCustomAttribute<MigrationAttribute>() is { } attribute)
            {
                found.Add(attribute.Id, type);
            }
        }

        return found;
    }

    /// <summary>The constructible types of the provider's namespace that belong to <see cref="DialogueDb"/>.</summary>
    private IEnumerable<TypeInfo> OwnTypes()
    {
        var contextType = currentContext.Context.GetType();
        var ns = DatabaseProviders.MigrationsNamespace(DatabaseProviders.Of(currentContext.Context.Database));
        return Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition
            && t.Namespace == ns
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType);
    }
}
