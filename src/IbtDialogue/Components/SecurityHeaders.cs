namespace IbtDialogue.Components;

/// <summary>Headers that keep the browser from doing more with our pages than we mean.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// For pages that show what people typed (minutes, public summaries): only our own scripts, styles and
    /// forms, no plugins, no framing. The text is sanitized already; this is the second wall.
    /// </summary>
    public const string UserContentPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'";

    public static void ForUserContent(HttpContext context) => context.Response.Headers.ContentSecurityPolicy = UserContentPolicy;

    /// <summary>On every response: no content sniffing, no framing by other sites, no full addresses in referrers.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
