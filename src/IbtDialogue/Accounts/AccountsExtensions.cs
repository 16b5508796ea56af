using IbtDialogue.Protocol;
using Microsoft.AspNetCore.Antiforgery;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IbtDialogue.Accounts;

public static class AccountsExtensions
{
    /// <summary>Facilitator accounts (ASP.NET Core Identity, cookie) and participant tokens, with the policies that use them.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<AccountService>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(options =>
            {
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/account/login";
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
            }));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ParticipantTokenHandler>(ParticipantTokenHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.RoomMember, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, ParticipantTokenHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.Facilitator, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Facilitator));

        services.AddIdentityCore<FacilitatorUser>(options =>
            {
                // Length over composition rules (NCSC and NIST advice); accounts are e-mail addresses.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DialogueDb>()
            .AddErrorDescriber<DutchIdentityErrorDescriber>()
            .AddSignInManager();
        services.AddCascadingAuthenticationState();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<FacilitatorUser> signIn) =>
        {
            // Only our own logout form may log someone out, not a form on another site.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        }).DisableAntiforgery();
        return endpoints;
    }
}
