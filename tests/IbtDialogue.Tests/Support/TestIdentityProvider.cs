using System.Net;
using System.Security.Claims;
using System.Xml.Linq;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IbtDialogue.Tests.Support;

/// <summary>Who the test provider says signed in.</summary>
public sealed record ProviderUser(string Subject, string Email, string Name, IReadOnlyList<string> Groups, bool EmailVerified = true);

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on http://127.0.0.1 with a free port, standing in for the
/// organisation's identity provider: discovery, the authorization-code flow with PKCE required, signed ID
/// tokens. Its authorization endpoint signs <see cref="NextUser"/> in without a login screen of its own.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "ibt-dialogue";
    public const string ClientSecret = "test-secret-not-for-production";
    public const string GroupClaim = "groups";

    private readonly WebApplication app;
    private readonly SqliteConnection keepAlive; // A shared in-memory database lives while one connection is open.

    private TestIdentityProvider(WebApplication app, SqliteConnection keepAlive) => (this.app, this.keepAlive) = (app, keepAlive);

    /// <summary>The issuer, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Authority { get; private set; } = default!;

    public ProviderUser NextUser { get; set; } = new("sub-1", "someone@owinsp.example", "Someone", []);

    /// <summary>The settings that make the app use this provider, mapping the group "ibt-facilitators" to facilitators.</summary>
    public IEnumerable<KeyValuePair<string, string?>> AppSettings(bool localPasswords = true) =>
    [
        new("Authentication:Oidc:Authority", Authority.ToString()),
        new("Authentication:Oidc:ClientId", ClientId),
        new("Authentication:Oidc:ClientSecret", ClientSecret),
        new("Authentication:Oidc:DisplayName", "Inloggen met Inspectie-account"),
        new("Authentication:Oidc:RoleClaim", GroupClaim),
        new("Authentication:Oidc:RoleMapping:ibt-facilitators", "Facilitator"),
        new("Authentication:Oidc:RoleMapping:ibt-analysts", "Analyst"),
        new("Authentication:Oidc:LocalPasswords", localPasswords ? "true" : "false"),
    ];

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var keepAlive = new SqliteConnection($"Data Source=idp-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        await keepAlive.OpenAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = new MemoryKeys());
        builder.Services.AddDbContext<ProviderDb>(options => options.UseSqlite(keepAlive.ConnectionString).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.Email, Scopes.Profile, GroupClaim);
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        var provider = new TestIdentityProvider(app, keepAlive);
        app.MapMethods("connect/authorize", [HttpMethods.Get, HttpMethods.Post], provider.Authorize);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        provider.Authority = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return provider;
    }

    /// <summary>Registers the app as a confidential client that must use the code flow with PKCE (after the app started: its port is in the address).</summary>
    public async Task RegisterAppAsync(Uri appBase)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(appBase, "signin-oidc") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Prefixes.Scope + GroupClaim,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var user = NextUser;
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, GroupClaim);
        identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Email, user.Email).SetClaim(Claims.Name, user.Name).SetClaims(GroupClaim, [.. user.Groups]);
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Email or Claims.EmailVerified or Claims.Name or GroupClaim => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await keepAlive.DisposeAsync();
    }

    private sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);

    /// <summary>Keeps the provider's data-protection keys in memory, not in the user's profile.</summary>
    private sealed class MemoryKeys : IXmlRepository
    {
        private readonly List<XElement> elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (elements)
            {
                return [.. elements];
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (elements)
            {
                elements.Add(element);
            }
        }
    }
}
