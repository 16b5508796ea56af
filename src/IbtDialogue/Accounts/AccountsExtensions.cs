using IbtDialogue.Protocol;
using Microsoft.AspNetCore.Antiforgery;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Accounts;

public static class AccountsExtensions
{
    /// <summary>Facilitator accounts (ASP.NET Core Identity, cookie) and participant tokens, with the policies that use them.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<AccountService>();
        services.AddScoped<TeamService>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<OrganisationAccounts>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<Mailer>();
        services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.Section));
        services.Configure<AccountOptions>(builder.Configuration.GetSection(AccountOptions.Section));
        services.AddSingleton<IAuthorizationHandler, SecondFactorHandler>();
        services.AddSingleton<LoginGuard>();
        services.Configure<SessionOptions>(builder.Configuration.GetSection(SessionOptions.Section));
        services.AddSingleton<ServerSessions>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, ServerSessionCookies>();

        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            });
        authentication.AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(options =>
            {
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/geen-toegang";
                options.Cookie.Name = "ibt.facilitator";
                options.Events.OnRedirectToLogin = context =>
                {
                    // The hub answers 401 like an API; only pages redirect to the login form.
                    if (context.Request.Path.StartsWithSegments(HubContract.Path))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
                // The stamp is checked on every request (below) and asks to renew the cookie each time; the session is
                // on the server, so renewing it would write the database on every request, static files included.
                // The principal checked now serves this request; the cookie slides by itself once half its time is gone.
                var validate = options.Events.OnValidatePrincipal;
                options.Events.OnValidatePrincipal = async context =>
                {
                    await validate(context);
                    context.ShouldRenew = false;
                };
                options.Events.OnSignedIn = async context =>
                {
                    var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<UserAccount>>();
                    if (context.Principal is { } principal && await users.GetUserAsync(principal) is { } user)
                    {
                        user.LastSignInAt = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                        await users.UpdateAsync(user);
                    }
                };
            }));
        authentication.AddScheme<AuthenticationSchemeOptions, ParticipantTokenHandler>(ParticipantTokenHandler.SchemeName, null);
        authentication.AddOrganisationSignIn(builder.Configuration);

        // Every request checks the cookie against the account: a deactivated account, a changed password or
        // new roles (a new security stamp) end the session at once, not after the default half hour.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.Zero;

            // The renewed principal is made from the account; how this session signed in (a second factor, the
            // organisation's provider) is a fact of the session, so it is carried over.
            options.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity renewed && context.CurrentPrincipal is { } current)
                {
                    renewed.AddClaims(current.Claims.Where(c => c.Type is "amr" or System.Security.Claims.ClaimTypes.AuthenticationMethod && !renewed.HasClaim(c.Type, c.Value)).ToList());
                }

                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.RoomMember, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ParticipantTokenHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.Facilitator, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Facilitator, Roles.Administrator))
            .AddPolicy(AuthPolicies.Analyst, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Analyst))
            .AddPolicy(AuthPolicies.Curator, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Analyst, Roles.Administrator))
            .AddPolicy(AuthPolicies.RecordReader, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Facilitator, Roles.Administrator, Roles.Analyst))
            .AddPolicy(AuthPolicies.Administrator, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Administrator)
                .AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(AuthPolicies.SignedIn, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser());

        services.AddIdentityCore<UserAccount>(options =>
            {
                // Length over composition rules (NCSC and NIST advice); accounts are e-mail addresses.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                // Only the second-factor step locks (its caller knows the password); wrong passwords are slowed by LoginGuard instead.
                options.Lockout.MaxFailedAccessAttempts = 5;

                // "Confirmed" means active here (see ActiveAccountConfirmation): a deactivated account cannot sign in.
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DialogueDb>()
            .AddErrorDescriber<DutchIdentityErrorDescriber>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddScoped<IUserConfirmation<UserAccount>, ActiveAccountConfirmation>();
        services.AddCascadingAuthenticationState();
        return builder;
    }

    public const string StartPath = "/account/start";

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<UserAccount> signIn) =>
        {
            // Only our own logout form may log someone out, not a form on another site.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).DisableAntiforgery();
        // Where signing in lands without a page to return to: the work of the account's role.
        endpoints.MapGet(StartPath, (HttpContext http) => Results.LocalRedirect(
            http.User.IsInRole(Roles.Facilitator) || http.User.IsInRole(Roles.Administrator) ? "/dialogen"
            : http.User.IsInRole(Roles.Analyst) ? "/landelijk-beeld/intern"
            : "/")).RequireAuthorization(AuthPolicies.SignedIn);
        endpoints.MapOrganisationSignIn();
        return endpoints;
    }
}

/// <summary>Only an active account may sign in (Identity calls this for password, two-factor and external sign-ins alike).</summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<UserAccount>
{
    public Task<bool> IsConfirmedAsync(UserManager<UserAccount> manager, UserAccount user) => Task.FromResult(user.IsActive);
}
