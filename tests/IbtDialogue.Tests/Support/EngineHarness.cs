using IbtDialogue.Accounts;
using IbtDialogue.Agreements;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Voting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// The engine and the services around it, registered by the app's own feature extensions, on a real
/// SQLite database file (or a fresh PostgreSQL database, see <see cref="TestPostgres"/>) prepared as the app
/// prepares it; no web server, and a clock the test moves.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> app;

    /// <summary>The PostgreSQL database this harness made (and drops); null on SQLite and for a second node.</summary>
    private readonly TestPostgresDatabase? postgres;

    private EngineHarness(WebApplicationFactory<Program> app, string folder, FakeTimeProvider clock, DatabaseProvider provider, string connectionString, TestPostgresDatabase? postgres)
    {
        this.app = app;
        Folder = folder;
        Clock = clock;
        Provider = provider;
        ConnectionString = connectionString;
        this.postgres = postgres;
    }

    /// <summary>The database engine under the test.</summary>
    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The temporary folder of the database file, removed afterwards.</summary>
    public string Folder { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => app.Services;

    public IDbContextFactory<DialogueDb> DbFactory => Services.GetRequiredService<IDbContextFactory<DialogueDb>>();

    public RoomEngine Room => Services.GetRequiredService<RoomEngine>();

    public ContributionCommands Contributions => Services.GetRequiredService<ContributionCommands>();

    public VotingCommands Voting => Services.GetRequiredService<VotingCommands>();

    public AgreementCommands Agreements => Services.GetRequiredService<AgreementCommands>();

    public DialogueService Dialogues => Services.GetRequiredService<DialogueService>();

    public JoinService Joining => Services.GetRequiredService<JoinService>();

    public MinutesService Minutes => Services.GetRequiredService<MinutesService>();

    public PublicationService Publications => Services.GetRequiredService<PublicationService>();

    public MarkdownRenderer Renderer => Services.GetRequiredService<MarkdownRenderer>();

    public MinutesExports Exports => Services.GetRequiredService<MinutesExports>();

    public MinutesComposer Composer => Services.GetRequiredService<MinutesComposer>();

    /// <summary>
    /// The app as Program.cs builds it — every feature's own registration and the database prepared at start —
    /// in memory (no web server), with the clock replaced.
    /// </summary>
    public static Task<EngineHarness> CreateAsync() => CreateAsync(DatabaseProvider.Sqlite);

    /// <inheritdoc cref="CreateAsync()"/>
    /// <param name="provider">SQLite (a file in a temporary folder) or PostgreSQL (a database of its own on the test server).</param>
    /// <param name="sharedDatabase">Another harness whose PostgreSQL database this one uses too: a second node.</param>
    public static async Task<EngineHarness> CreateAsync(DatabaseProvider provider, EngineHarness? sharedDatabase = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ibt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (sharedDatabase is not null && (provider != DatabaseProvider.Postgres || sharedDatabase.Provider != DatabaseProvider.Postgres))
        {
            throw new ArgumentException("Only a PostgreSQL database can be shared by two nodes.", nameof(sharedDatabase));
        }

        var postgres = provider == DatabaseProvider.Postgres && sharedDatabase is null ? await TestPostgres.CreateDatabaseAsync() : null;
        var connectionString = provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(folder, "test.db")}"
            : postgres?.ConnectionString ?? sharedDatabase!.ConnectionString;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 12, 13, 30, 0, TimeSpan.Zero));
        var app = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Database:Provider", provider.ToString());
            web.UseSetting("ConnectionStrings:Dialogue", connectionString);
            web.UseSetting("Node:Name", sharedDatabase is null ? "test-node" : $"test-node-{Guid.NewGuid():N}");
            web.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
            .AddFilter("Microsoft.AspNetCore.Antiforgery", LogLevel.Error));
            web.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        });
        try
        {
            _ = app.Services; // Builds and starts the app: migrations, seeding.
        }
        catch
        {
            await app.DisposeAsync();
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            throw;
        }

        return new EngineHarness(app, folder, clock, provider, connectionString, postgres);
    }

    public async Task<T> QueryAsync<T>(Func<DialogueDb, Task<T>> query)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await query(db);
    }

    public async Task<Actor> AddFacilitatorAsync(string displayName)
    {
        var user = new UserAccount { UserName = $"{Guid.NewGuid():N}@example.org", DisplayName = displayName };
        await using var db = await DbFactory.CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Actor(user.Id, null, null);
    }

    public async Task<int> CreateDialogueAsync(Actor owner, string title = "Handhaving kinderopvang", params string[] themes)
    {
        var (id, errors) = await Dialogues.CreateAsync(
            new DialogueDraft(title, new DateOnly(2026, 3, 12), themes.Length == 0 ? ["Handhaving bij overtredingen", "Het LRK op orde"] : themes),
            owner.UserId!,
            TestContext.Current.CancellationToken);
        Assert.Empty(errors);
        return id!.Value;
    }

    public async Task<int> CreateOpenDialogueAsync(Actor owner, string title = "Handhaving kinderopvang", params string[] themes)
    {
        var id = await CreateDialogueAsync(owner, title, themes);
        var opened = await Room.OpenAsync(new DialogueCommand(Guid.NewGuid(), id), owner, TestContext.Current.CancellationToken);
        Assert.True(opened.Result.Ok, opened.Result.Error);
        return id;
    }

    /// <summary>Joins like the join page does and answers the actor the token authenticates as.</summary>
    public async Task<Actor> JoinAsync(int dialogueId, string name, string organisation)
    {
        var code = await QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogueId).Select(d => d.JoinCode).SingleAsync());
        var isMunicipality = Municipalities.Contains(organisation);
        var result = await Joining.JoinAsync(
            new JoinRequest(code, name, isMunicipality ? organisation : "", isMunicipality ? null : organisation),
            TestContext.Current.CancellationToken);
        Assert.True(result.Ok, string.Join(", ", result.Errors));
        var hash = ParticipantTokens.Hash(result.Token!);
        var participantId = await QueryAsync(db => db.Participants.Where(p => p.TokenHash == hash).Select(p => p.Id).SingleAsync());
        return new Actor(null, participantId, dialogueId);
    }

    public async Task<int> FirstThemeAsync(int dialogueId) =>
        await QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogueId).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync());

    public async Task<long> VersionAsync(int dialogueId) =>
        await QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogueId).Select(d => d.Version).SingleAsync());

    public async Task<int> ContributionCountAsync(int dialogueId) =>
        await QueryAsync(db => db.Contributions.CountAsync(c => c.DialogueId == dialogueId));

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

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
