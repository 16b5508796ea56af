using IbtDialogue.Protocol;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Live;

/// <summary>
/// Refuses (403) a browser's request to the hub (negotiate, the WebSocket upgrade, long polling) or for a hub
/// token when it comes from a page of another origin: against cross-site WebSocket hijacking, where a page
/// elsewhere — another port of the same host counts as elsewhere — uses the facilitator's or participant's
/// cookies, which the browser sends along with the upgrade. The app's own origin (scheme, host and port of
/// the request; behind a proxy as the forwarded headers give them, when those are configured), the origin of
/// the configured public address (<c>App:PublicBaseUrl</c>) and the configured <see cref="HubSecurityOptions.AllowedOrigins"/> pass.
/// A request without <c>Origin</c> passes: browsers always send it with WebSocket upgrades and with POSTs
/// (negotiate, hub tokens), so only clients outside a browser leave it out, and those hold no victim's
/// cookies — they present credentials of their own.
/// </summary>
public sealed class HubOriginCheck(RequestDelegate next, IOptionsMonitor<HubSecurityOptions> options, IOptions<IbtDialogue.Security.AppOptions> app, ILogger<HubOriginCheck> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (AppliesTo(context.Request.Path) && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin && !IsAllowed(origin, context.Request))
        {
            // Behind a proxy that terminates TLS without forwarded headers, our own pages look foreign: the log says so.
            logger.LogWarning(
                "Refused a request to {Path} from origin {Origin}; this request's own origin is {Own}, others allowed: {Allowed}.",
                context.Request.Path, origin, $"{context.Request.Scheme}://{context.Request.Host}", options.CurrentValue.AllowedOrigins);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("This origin may not open the dialogue hub.", context.RequestAborted);
            return;
        }

        await next(context);
    }

    private static bool AppliesTo(PathString path) => path.StartsWithSegments(HubContract.Path) || path.StartsWithSegments(HubContract.HubTokenPath);

    private bool IsAllowed(string origin, HttpRequest request)
    {
        if (Normalize(origin) is not { } given)
        {
            return false; // "null" (sandboxed frames, files) or several origins in one header.
        }

        return given == Normalize($"{request.Scheme}://{request.Host.Value}")
            || (app.Value.PublicBaseUrl.Length > 0 && given == Normalize(new Uri(app.Value.PublicBaseUrl).GetLeftPart(UriPartial.Authority)))
            || options.CurrentValue.AllowedOrigins.Any(allowed => Normalize(allowed) == given);
    }

    /// <summary>Scheme, host and port as one lower-case string with the default port left out; null when it is no origin.</summary>
    internal static string? Normalize(string? origin) =>
        Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}
