using System.Net;
using System.Threading.RateLimiting;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Live;

public static class LiveRoomExtensions
{
    /// <summary>Rate-limiter policy of the hub's negotiate, per client address.</summary>
    public const string NegotiatePolicy = "hub-negotiate";

    /// <summary>Rate-limiter policy of the hub-token endpoint, per client address.</summary>
    public const string HubTokenPolicy = "hub-token";

    /// <summary>The hub and what every room command goes through: the single writer, the access rules, the broadcaster and the coalesced notifier.</summary>
    public static WebApplicationBuilder AddLiveRoom(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<NodeOptions>(builder.Configuration.GetSection(NodeOptions.Section));
        services.AddSingleton(provider => new NodeIdentity(
            provider.GetRequiredService<IOptions<NodeOptions>>().Value.Name is { Length: > 0 } name ? name : Environment.MachineName));
        services.AddSingleton<LocalConnections>();
        services.AddHostedService<NodeHeartbeat>();
        services.AddSingleton<RoomWriter>();
        services.AddSingleton<RoomCommands>();
        services.AddSingleton<RoomBroadcaster>();
        services.AddSingleton<RoomNotifier>();
        services.AddHostedService(provider => provider.GetRequiredService<RoomNotifier>());

        services.Configure<HubSecurityOptions>(builder.Configuration.GetSection(HubSecurityOptions.Section));
        services.AddSingleton<HubTokens>();
        services.AddSingleton<HubLimits>();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy<string, PerAddressPolicy>(NegotiatePolicy);
            options.AddPolicy<string, PerAddressPolicy>(HubTokenPolicy);
        });

        services.AddSignalR(options =>
            {
                options.MaximumReceiveMessageSize = 32 * 1024;
                // Enough for a laptop lid closed for a while; beyond it the client reconnects and resyncs.
                options.StatefulReconnectBufferSize = 1024 * 1024;
                options.AddFilter<HubBoundaryFilter>();
            })
            .AddJsonProtocol(options => ProtocolJson.Configure(options.PayloadSerializerOptions))
            .AddBackplane(builder.Configuration);
        return builder;
    }

    /// <summary>Refuses browsers of other origins on the hub and the hub-token endpoint (before the rate limits count them).</summary>
    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app) => app.UseMiddleware<HubOriginCheck>();

    public static IEndpointRouteBuilder MapLiveRoom(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<DialogueHub>(HubContract.Path, options =>
        {
            options.AllowStatefulReconnects = true;
            options.Transports = HttpTransportType.WebSockets | HttpTransportType.LongPolling;
        }).Add(endpoint =>
        {
            // Only negotiate is limited per address: long polling makes a request per poll and per send.
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } && pattern.EndsWith("/negotiate", StringComparison.Ordinal))
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(NegotiatePolicy));
                endpoint.Metadata.Add(new AnswerAsIs());
            }
        });

        // The WebAssembly room asks here, with the participant's HttpOnly cookie, for the short-lived token it
        // connects with. No antiforgery token: it changes nothing, and only a page of our own origin can read
        // the answer (no CORS); pages of other origins are refused outright (HubOriginCheck).
        endpoints.MapPost(HubContract.HubTokenPath + "/{dialogueId:int}", async (int dialogueId, HttpContext http, HubTokens tokens, IbtDialogue.Security.CookieSecurity cookies) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            var token = await tokens.IssueAsync(dialogueId, http.Request.Cookies[cookies.Name(ParticipantTokens.CookieName(dialogueId))], http.RequestAborted);
            return token is null ? Results.Unauthorized() : Results.Json(token, HubTokenJson);
        }).RequireRateLimiting(HubTokenPolicy).WithMetadata(new AnswerAsIs());
        return endpoints;
    }

    /// <summary>A 401 or 429 here is an answer for a script, not a page: the site's error page must not replace it.</summary>
    private sealed class AnswerAsIs : Microsoft.AspNetCore.Http.Metadata.ISkipStatusCodePagesMetadata;

    private static readonly System.Text.Json.JsonSerializerOptions HubTokenJson = CreateJson();

    private static System.Text.Json.JsonSerializerOptions CreateJson()
    {
        var options = new System.Text.Json.JsonSerializerOptions();
        ProtocolJson.Configure(options);
        return options;
    }

    /// <summary>
    /// A token bucket per client address (<see cref="HubSecurityOptions.HubNegotiateLimit"/>); behind a proxy,
    /// the address the forwarded headers give when those are configured. IPv6 addresses count per /64, the
    /// block one household or office usually gets. Over the limit: 429 with <c>Retry-After</c>.
    /// </summary>
    private sealed class PerAddressPolicy(IOptions<HubSecurityOptions> options) : IRateLimiterPolicy<string>
    {
        private readonly TokenBucketRateLimiterOptions bucket = options.Value.HubNegotiateLimit.ToLimiterOptions();

        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (context, _) =>
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return ValueTask.CompletedTask;
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            RateLimitPartition.GetTokenBucketLimiter(IbtDialogue.Security.ClientAddress.Of(httpContext), _ => bucket);
    }
}
