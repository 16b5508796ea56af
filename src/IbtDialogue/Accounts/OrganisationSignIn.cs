using System.Security.Claims;
using IbtDialogue.Persistence;
using IbtDialogue.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IbtDialogue.Accounts;

/// <summary>Sign-in with the organisation's identity provider (configuration section <c>Authentication:Oidc</c>); off while <see cref="Authority"/> is empty.</summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The provider's issuer address; its discovery document is read from there.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The text of the sign-in button.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The claim that carries the user's roles or groups.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>
    /// Values of <see cref="RoleClaim"/> and the role each gives (<c>Facilitator</c>, <c>Analyst</c>,
    /// <c>Administrator</c>). When set, the roles are taken from the provider at every sign-in; when empty,
    /// the administrator gives them.
    /// </summary>
    public Dictionary<string, string> RoleMapping { get; set; } = [];

    /// <summary>Whether local passwords still work beside the provider.</summary>
    public bool LocalPasswords { get; set; } = true;

    public bool Enabled => Authority.Length > 0;
}

/// <summary>
/// The OpenID Connect sign-in: the authorization-code flow with PKCE, the provider's answer checked (state,
/// nonce, signature, issuer), then the local account found or made by its verified e-mail address.
/// </summary>
public static partial class OrganisationSignIn
{
    public const string Scheme = "oidc";
    public const string StartPath = "/account/login/organisatie";
    public const string DonePath = "/account/login/organisatie/klaar";

    public static AuthenticationBuilder AddOrganisationSignIn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var settings = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        authentication.Services.Configure<OidcOptions>(configuration.GetSection(OidcOptions.Section));
        if (!settings.Enabled)
        {
            return authentication;
        }

        var plainHttp = new Uri(settings.Authority).Scheme == Uri.UriSchemeHttp;
        return authentication.AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.SaveTokens = false;
            options.MapInboundClaims = false; // Keep the provider's names: sub, email, email_verified, name, roles.
            options.GetClaimsFromUserInfoEndpoint = false; // What we need (e-mail, verified, name, roles) is in the ID token.
            options.Scope.Clear();
            foreach (var scope in new[] { OpenIdConnectScope.OpenId, OpenIdConnectScope.Email, "profile", settings.RoleClaim })
            {
                options.Scope.Add(scope);
            }

            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = settings.RoleClaim;
            options.Events.OnTokenValidated = context =>
            {
                // Identity links external logins by NameIdentifier: the provider's subject.
                if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst("sub") is { } subject)
                {
                    identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, subject.Value));
                }

                return Task.CompletedTask;
            };
            options.Events.OnRemoteFailure = context =>
            {
                // A wrong state or nonce, a refused code: say so in Dutch, log it without any secret.
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OrganisationSignIn));
                LogRefused(logger, context.Failure?.GetType().Name ?? "unknown", context.Failure?.Message ?? "");
                context.Response.Redirect("/account/login?fout=organisatie");
                context.HandleResponse();
                return Task.CompletedTask;
            };

            if (plainHttp)
            {
                // Only for a provider on plain http (a test provider on loopback): the correlation and nonce
                // cookies must come back without TLS. Real providers use https and the secure defaults.
                options.RequireHttpsMetadata = false;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
            }
        });
    }

    public static IEndpointRouteBuilder MapOrganisationSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StartPath, (string? returnUrl, IOptions<OidcOptions> oidc, SignInManager<UserAccount> signIn) =>
        {
            if (!oidc.Value.Enabled)
            {
                return Results.NotFound();
            }

            var properties = signIn.ConfigureExternalAuthenticationProperties(Scheme, $"{DonePath}?returnUrl={Uri.EscapeDataString(LocalReturnUrl(returnUrl))}");
            return Results.Challenge(properties, [Scheme]);
        });

        endpoints.MapGet(DonePath, async (string? returnUrl, HttpContext http, IOptions<OidcOptions> oidc, OrganisationAccounts accounts) =>
        {
            if (!oidc.Value.Enabled)
            {
                return Results.NotFound();
            }

            var problem = await accounts.SignInAsync(http.RequestAborted);
            return problem is null
                ? Results.LocalRedirect(LocalReturnUrl(returnUrl))
                : Results.LocalRedirect($"/account/login?fout={problem}");
        });
        return endpoints;
    }

    /// <summary>A path on this site, or the start of the account's own work: never an absolute address (an open redirect).</summary>
    public static string LocalReturnUrl(string? url) =>
        url is { Length: > 1 } path && IsLocalPath(path) ? path : AccountsExtensions.StartPath;

    /// <summary>No return address, or a path on this site: the login page refuses anything else with a 400.</summary>
    public static bool IsAcceptableReturnUrl(string? url) => string.IsNullOrEmpty(url) || IsLocalPath(url);

    private static bool IsLocalPath(string path) => LocalPath.IsLocal(path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in with the organisation's provider refused: {Kind}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string kind, string reason);
}

/// <summary>Turns the provider's answer into a local account: linked before, or found by verified e-mail, or made new.</summary>
public sealed partial class OrganisationAccounts(
    SignInManager<UserAccount> signIn, UserManager<UserAccount> users, RoleManager<IdentityRole> roles, IOptions<OidcOptions> oidc, WriteGate gate, TimeProvider clock, ILogger<OrganisationAccounts> logger)
{
    /// <summary>Signs the user in; answers null, or the reason for the login page: <c>geen-email</c>, <c>gedeactiveerd</c>, <c>organisatie</c>.</summary>
    public async Task<string?> SignInAsync(CancellationToken cancellationToken)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return "organisatie";
        }

        var principal = info.Principal;
        var email = principal.FindFirstValue("email");
        var verified = string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        var mapped = MappedRoles(principal);

        var user = await gate.RunAsync(async () =>
        {
            var linked = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
            if (linked is not null)
            {
                return linked;
            }

            if (email is null || !verified)
            {
                return null;
            }

            var existing = await users.FindByEmailAsync(email);
            if (existing is null)
            {
                existing = new UserAccount
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    DisplayName = Shorten(principal.FindFirstValue("name") ?? email),
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                };
                if (!(await users.CreateAsync(existing)).Succeeded)
                {
                    return null;
                }

                LogCreated(logger, existing.Id, info.LoginProvider);
            }

            await users.AddLoginAsync(existing, new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName));
            return existing;
        }, cancellationToken);

        if (user is null)
        {
            LogRefusedNoEmail(logger, info.LoginProvider);
            return "geen-email";
        }

        if (!user.IsActive)
        {
            return "gedeactiveerd";
        }

        if (oidc.Value.RoleMapping.Count > 0)
        {
            await SyncRolesAsync(user, mapped);
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        return result.Succeeded ? null : result.IsNotAllowed ? "gedeactiveerd" : "organisatie";
    }

    private IReadOnlyList<string> MappedRoles(ClaimsPrincipal principal) =>
        [.. principal.FindAll(oidc.Value.RoleClaim)
            .Select(c => oidc.Value.RoleMapping.TryGetValue(c.Value, out var role) ? role : null)
            .OfType<string>()
            .Where(Roles.IsKnown)
            .Distinct()];

    private async Task SyncRolesAsync(UserAccount user, IReadOnlyList<string> mapped)
    {
        await AccountService.SeedRolesAsync(roles);
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, [.. current.Where(r => !mapped.Contains(r))]);
        await users.AddToRolesAsync(user, [.. mapped.Where(r => !current.Contains(r))]);
    }

    private static string Shorten(string name)
    {
        var line = Live.TextRules.NormalizeLine(name);
        return line.Length > Protocol.HubContract.MaxDisplayNameLength ? line[..Protocol.HubContract.MaxDisplayNameLength] : line;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} made at the first sign-in with {Provider}.")]
    private static partial void LogCreated(ILogger logger, string userId, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in with {Provider} refused: no verified e-mail address.")]
    private static partial void LogRefusedNoEmail(ILogger logger, string provider);
}
