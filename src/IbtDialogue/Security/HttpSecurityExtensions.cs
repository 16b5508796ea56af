using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using IbtDialogue.Accounts;
using IbtDialogue.Resources;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Security;

/// <summary>The names of the request limits that pages and endpoints opt into.</summary>
public static class RateLimitPolicies
{
    /// <summary>Joining: <c>/deelnemen*</c> and <c>/d/*</c>.</summary>
    public const string Join = "join";

    /// <summary>Signing in (password, second factor) and asking for a reset link.</summary>
    public const string Login = "login";
}

/// <summary>
/// The app's front door over HTTP: which proxies are believed, Secure cookies with the <c>__Host-</c> prefix,
/// HSTS, the public address links are built from, request limits per client address, request body limits
/// and <c>Cache-Control: no-store</c> on everything personal. See docs/security.md.
/// </summary>
public static partial class HttpSecurityExtensions
{
    public static WebApplicationBuilder AddHttpSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.Section))
            .Validate(o => PublicAddress.IsValid(o.PublicBaseUrl), "App:PublicBaseUrl must be an absolute http or https address without query.")
            .ValidateOnStart();
        services.AddSingleton<PublicAddress>();
        services.Configure<RequestLimitOptions>(configuration.GetSection(RequestLimitOptions.Section));
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<FailureThrottle>();

        var https = configuration.GetSection(HttpsOptions.Section).Get<HttpsOptions>() ?? new HttpsOptions();
        var cookies = new CookieSecurity(https.SecureCookies ?? !builder.Environment.IsDevelopment());
        services.AddSingleton(cookies);
        AddCookieRules(services, cookies);

        var proxies = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = proxies.ForwardLimit;
            // Only the configured proxies: not even loopback, which the middleware believes by default.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(options =>
        {
            options.MaxAge = https.HstsMaxAge;
            options.IncludeSubDomains = https.HstsIncludeSubDomains;
        });
        // With no proxy configured the middleware stays out: with empty lists it would believe anyone.
        var believeProxies = proxies.KnownProxies.Length + proxies.KnownNetworks.Length > 0;
        services.AddTransient<IStartupFilter>(_ => new FrontDoor(believeProxies, https.Hsts));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                return TooManyAsync(context.HttpContext, wait, cancellationToken);
            };
            options.AddPolicy(RateLimitPolicies.Join, http => PerAddress(http, http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Join));
            options.AddPolicy(RateLimitPolicies.Login, http => PerAddress(http, http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Login));
        });
        return builder;
    }

    /// <summary>After routing and authentication: request limits, body limits, no-store.</summary>
    public static WebApplication UseHttpSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && app.Services.GetRequiredService<IOptions<AppOptions>>().Value.PublicBaseUrl.Length == 0)
        {
            LogNoPublicAddress(app.Logger);
        }

        app.UseRateLimiter();
        app.Use(LimitBodyAsync);
        app.Use(NoStore);
        return app;
    }

    /// <summary>Answers 429 with the Dutch sentence and when to try again.</summary>
    public static async ValueTask TooManyAsync(HttpContext http, TimeSpan wait, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Waiting.Seconds(wait);
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(ServerTexts.TooManyRequests, cancellationToken);
    }

    private static RateLimitPartition<string> PerAddress(HttpContext http, AddressLimit limit)
    {
        var address = ClientAddress.Of(http);
        if (limit.RequestsPerMinute <= 0)
        {
            return RateLimitPartition.GetNoLimiter(address);
        }

        // A bucket of one minute's requests, refilled evenly: a crowd behind one address may arrive at once.
        var (period, tokens) = limit.RequestsPerMinute >= 60
            ? (TimeSpan.FromSeconds(1), (int)Math.Ceiling(limit.RequestsPerMinute / 60.0))
            : (TimeSpan.FromMinutes(1) / limit.RequestsPerMinute, 1);
        return RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.RequestsPerMinute,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static void AddCookieRules(IServiceCollection services, CookieSecurity cookies)
    {
        services.Configure<CookiePolicyOptions>(options =>
        {
            if (cookies.Secure)
            {
                options.Secure = CookieSecurePolicy.Always;
            }
        });
        // The cookie policy above makes it Secure; antiforgery's own Always would refuse plain-http requests with
        // an exception (a local trial at http://localhost), where browsers do keep Secure cookies.
        services.AddAntiforgery(options => options.Cookie.Name = cookies.Name("ibt.antiforgery"));
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.ExternalScheme, IdentityConstants.TwoFactorUserIdScheme, IdentityConstants.TwoFactorRememberMeScheme })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme).PostConfigure(options =>
            {
                if (options.Cookie.Name is { } name)
                {
                    options.Cookie.Name = cookies.Name(name);
                }

                options.Cookie.SecurePolicy = cookies.Policy;
                options.Cookie.Path = "/";
            });
        }

        // The provider's correlation and nonce cookies live on the callback path only: __Secure-, not __Host-.
        services.AddOptions<OpenIdConnectOptions>(OrganisationSignIn.Scheme).PostConfigure(options =>
        {
            if (cookies.Secure)
            {
                options.CorrelationCookie.Name = "__Secure-ibt.correlation.";
                options.NonceCookie.Name = "__Secure-ibt.nonce.";
            }
        });
    }

    private static async Task LimitBodyAsync(HttpContext context, RequestDelegate next)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? context.RequestServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value.MaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        // A body that says it is too large is refused before a byte of it is read.
        if (context.Request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit);
            return;
        }

        await next(context);
    }

    /// <summary>Answers 400 with the Dutch sentence saying how large a body may be.</summary>
    public static Task TooLargeAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var size = (limit / 1024.0 / 1024.0).ToString("0.#", CultureInfo.GetCultureInfo("nl-NL"));
        return context.Response.WriteAsync(string.Format(ServerTexts.Culture, ServerTexts.RequestTooLarge, size), context.RequestAborted);
    }

    private static Task NoStore(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            var endpoint = context.GetEndpoint();
            var personal = endpoint?.Metadata.GetMetadata<NoStoreAttribute>() is not null
                || (context.User.Identity?.IsAuthenticated == true && endpoint?.Metadata.GetMetadata<StaticAssetDescriptor>() is null);
            if (personal)
            {
                // Minutes, exports and every page of a signed-in account carry names: no browser cache, no proxy.
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "App:PublicBaseUrl is not set: absolute links (join links, QR codes, the feed, mails) are built from the request's Host header, which only AllowedHosts vets.")]
    private static partial void LogNoPublicAddress(ILogger logger);

    /// <summary>Runs before everything else, so the client's address and scheme are right for every later step.</summary>
    private sealed class FrontDoor(bool believeProxies, bool hsts) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (believeProxies)
            {
                app.UseForwardedHeaders();
            }

            if (hsts)
            {
                app.UseHsts();
            }

            app.UseCookiePolicy();
            next(app);
        };
    }
}
