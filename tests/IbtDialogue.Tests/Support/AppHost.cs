using System.Net;
using System.Text.RegularExpressions;
using IbtDialogue.Accounts;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Dialogues;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 on a free port, with its own SQLite file. Clients reach it over
/// real HTTP and WebSockets. Several hosts may share one database file to act as a restarted server.
/// </summary>
public sealed partial class AppHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "een lang genoeg wachtwoord";

    private readonly bool ownsFolder;

    /// <summary>The PostgreSQL database this host made for itself (<c>IBT_TEST_PROVIDER=Postgres</c>), dropped when it goes.</summary>
    private TestPostgresDatabase? ownDatabase;

    public AppHost()
        : this(Path.Combine(Path.GetTempPath(), "ibt-tests", Guid.NewGuid().ToString("N")), ownsFolder: true)
    {
    }

    /// <summary>A host on the SQLite database in this folder (whatever the tests' provider); the folder stays when the host goes.</summary>
    public static AppHost OnFolder(string folder)
    {
        var host = new AppHost(folder, ownsFolder: false);
        host.Settings["Database:Provider"] = "Sqlite";
        return host;
    }

    private AppHost(string folder, bool ownsFolder)
    {
        Folder = folder;
        this.ownsFolder = ownsFolder;
        Directory.CreateDirectory(folder);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "app.db");

    public Uri BaseAddress { get; private set; } = default!;

    public Uri HubUrl => new(BaseAddress, HubContract.Path);

    /// <summary>Configuration for this host (mail, sign-in with a provider, …), set before it starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The environment the app runs in; outside Development cookies are Secure and carry the __Host- prefix.</summary>
    public string HostEnvironment { get; set; } = "Development";

    /// <summary>Services this host replaces (a test clock for one part, …), set before it starts.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>
    /// One node of a deployment with several: on this PostgreSQL database, with the Redis backplane when one is
    /// given (the channel prefix keeps tests that share a Redis server apart). Start the nodes one after the
    /// other: the first applies the migrations and makes the Data Protection keys the others read.
    /// </summary>
    public static AppHost ScaleOutNode(string name, string postgres, string? redis, string channelPrefix, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = new AppHost();
        host.Settings["Database:Provider"] = "Postgres";
        host.Settings["ConnectionStrings:Dialogue"] = postgres;
        host.Settings["Node:Name"] = name;
        if (redis is not null)
        {
            host.Settings["Redis:Connection"] = redis;
            host.Settings["Redis:ChannelPrefix"] = channelPrefix;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            host.Settings[key] = value;
        }

        return host;
    }

    /// <summary>A second host on the same database: the server after a restart.</summary>
    public AppHost Restarted()
    {
        var restarted = new AppHost(Folder, ownsFolder: false);
        foreach (var key in new[] { "Database:Provider", "ConnectionStrings:Dialogue" }.Where(Settings.ContainsKey))
        {
            restarted.Settings[key] = Settings[key];
        }

        return restarted;
    }

    /// <summary>
    /// Starts the app. Its database is SQLite in the host's folder, unless the settings name one, or the tests run on
    /// PostgreSQL (<c>IBT_TEST_PROVIDER=Postgres</c>, as tests/run.sh does for the hub tests): then a database of its own there.
    /// </summary>
    public async ValueTask InitializeAsync()
    {
        if (TestPostgres.DefaultProvider == IbtDialogue.Persistence.DatabaseProvider.Postgres && !Settings.ContainsKey("Database:Provider"))
        {
            ownDatabase = await TestPostgres.CreateDatabaseAsync();
            Settings["Database:Provider"] = "Postgres";
            Settings["ConnectionStrings:Dialogue"] = ownDatabase.ConnectionString;
        }

        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(HostEnvironment);
        builder.UseSetting("ConnectionStrings:Dialogue", $"Data Source={DatabasePath}");
        builder.UseSetting("Node:Name", "test-node");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
            .AddFilter("Microsoft.AspNetCore.Antiforgery", LogLevel.Error));
        if (TestServices is { } replace)
        {
            builder.ConfigureTestServices(replace);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownDatabase is not null)
        {
            await ownDatabase.DisposeAsync();
        }

        if (ownsFolder)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Another host on the same files may still close them; the OS cleans the temp folder.
            }
        }

        GC.SuppressFinalize(this);
    }

    public async Task<T> QueryAsync<T>(Func<DialogueDb, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<DialogueDb>>().CreateDbContextAsync();
        return await query(db);
    }

    /// <summary>Creates a facilitator account and answers its user id.</summary>
    public Task<string> CreateFacilitatorAsync(string email, string displayName) => CreateAccountAsync(email, displayName, Roles.Facilitator);

    /// <summary>Creates an account with these roles (the app seeded the roles at start) and answers its user id.</summary>
    public async Task<string> CreateAccountAsync(string email, string displayName, params string[] roles)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var user = new UserAccount { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, roles);
        return user.Id;
    }

    /// <summary>Signs in through the real login form and answers the browser's cookies.</summary>
    public Task<CookieContainer> LoginAsync(string email) => LoginAsync(BaseAddress, email);

    /// <summary>Signs in through the login form of the app at this address.</summary>
    public static async Task<CookieContainer> LoginAsync(Uri baseAddress, string email)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var form = await http.GetStringAsync(new Uri(baseAddress, "account/login"));
        var fields = HiddenFields(form);
        fields["Input.Email"] = email;
        fields["Input.Password"] = Password;
        using var response = await http.PostAsync(new Uri(baseAddress, "account/login"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(cookies.GetCookies(baseAddress).Cast<Cookie>(), c => c.Name == "ibt.facilitator");
        return cookies;
    }

    /// <summary>An HTTP client that behaves like a browser tab: keeps cookies, does not follow redirects by itself.</summary>
    public HttpClient CreateBrowserClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html)
            .GroupBy(m => WebUtility.HtmlDecode(m.Groups["name"].Value)) // The layout's logout form repeats the antiforgery token.
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups["value"].Value));

    /// <summary>The hidden fields of the one form on the page that Blazor knows by this name.</summary>
    public static Dictionary<string, string> FormFields(string html, string formName) =>
        HiddenFields(FormElement().Matches(html).Select(m => m.Value).Single(f => f.Contains($"name=\"_handler\" value=\"{formName}\"", StringComparison.Ordinal)));

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    public async Task<(int Id, string Code)> CreateDialogueAsync(string ownerId, params string[] themes)
    {
        var service = Services.GetRequiredService<DialogueService>();
        var (id, errors) = await service.CreateAsync(
            new DialogueDraft("Lerende dialoog handhaving", new DateOnly(2026, 3, 12), themes.Length == 0 ? ["Handhaving", "LRK op orde"] : themes),
            ownerId,
            CancellationToken.None);
        Assert.Empty(errors);
        var code = await QueryAsync(db => db.Dialogues.Where(d => d.Id == id).Select(d => d.JoinCode).SingleAsync());
        return (id!.Value, code);
    }

    /// <summary>Joins as the join page does and answers the participant's token.</summary>
    public async Task<string> JoinAsync(string code, string name, string organisation)
    {
        var isMunicipality = Municipalities.Contains(organisation);
        var result = await Services.GetRequiredService<JoinService>().JoinAsync(
            new JoinRequest(code, name, isMunicipality ? organisation : "", isMunicipality ? null : organisation), CancellationToken.None);
        Assert.True(result.Ok, string.Join(", ", result.Errors));
        return result.Token!;
    }

    /// <summary>
    /// A participant's client, connecting as the browser's room does: with short-lived hub tokens that it gets
    /// for the participant's (long-lived) token at <c>POST /api/hub-token/{dialogueId}</c> of the same address.
    /// </summary>
    public DialogueHubClient ParticipantClient(string token, Uri? hubUrl = null)
    {
        var url = hubUrl ?? HubUrl;
        var tokens = HubTokenSource.ForParticipantToken(new Uri(url, "/"), DialogueOfToken(token), token);
        return new(url, options => options.AccessTokenProvider = tokens.GetAsync);
    }

    /// <summary>The dialogue a participant's token is for.</summary>
    public int DialogueOfToken(string token)
    {
        using var db = Services.GetRequiredService<IDbContextFactory<DialogueDb>>().CreateDbContext();
        var hash = ParticipantTokens.Hash(token);
        return db.Participants.Where(p => p.TokenHash == hash).Select(p => p.DialogueId).Single();
    }

    /// <summary>A short-lived hub token for this participant, asked for as the browser asks (its cookie, no Origin).</summary>
    public Task<string?> HubTokenAsync(string participantToken) =>
        HubTokenSource.ForParticipantToken(BaseAddress, DialogueOfToken(participantToken), participantToken).GetAsync();

    public DialogueHubClient FacilitatorClient(CookieContainer cookies, Uri? hubUrl = null) => FacilitatorClientFor(hubUrl ?? HubUrl, cookies);

    /// <summary>A facilitator's client for a hub anywhere; the cookie is sent to whatever host the URL names.</summary>
    public static DialogueHubClient FacilitatorClientFor(Uri hubUrl, CookieContainer cookies)
    {
        // Cookies are kept per host and port: hand the same cookies to the address actually connected to.
        var forTarget = new CookieContainer();
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            forTarget.Add(new Uri($"{hubUrl.Scheme}://{hubUrl.Authority}/"), new Cookie(cookie.Name, cookie.Value, "/"));
        }

        return new DialogueHubClient(hubUrl, options => options.Cookies = forTarget);
    }
}
