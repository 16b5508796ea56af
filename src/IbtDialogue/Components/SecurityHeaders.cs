using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using System.Security.Cryptography;
using System.Text;

namespace IbtDialogue.Components;

/// <summary>
/// Headers that keep the browser from doing more with our pages than we mean. One Content-Security-Policy for
/// the whole site: scripts and styles only from this site, no inline script except Blazor's import map (allowed
/// by its hash), WebAssembly compilation for the live room, no plugins, no framing, forms and connections only
/// to this site. Pages that show what people typed run no WebAssembly, so they do not allow compiling it.
/// </summary>
public static partial class SecurityHeaders
{
    /// <summary>Where browsers report violations in Development (logged), so a page that breaks the policy shows up while building it.</summary>
    public const string ReportPath = "/csp-report";

    private const string UserContentKey = "ibt.user-content";

    /// <summary>A page that shows user text: the policy then leaves out <c>'wasm-unsafe-eval'</c>.</summary>
    public static void ForUserContent(HttpContext context) => context.Items[UserContentKey] = true;

    /// <summary>What browser features our pages may use: none of the powerful ones.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), " +
        "hid=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), serial=(), usb=(), xr-spatial-tracking=()";

    /// <summary>The policy for a response: with the import map's hash when the page has one.</summary>
    public static string Policy(string? importMapJson, bool userContent, bool reportViolations)
    {
        var scripts = new StringBuilder("'self'");
        if (!userContent)
        {
            scripts.Append(" 'wasm-unsafe-eval'");
        }

        if (importMapJson is not null)
        {
            scripts.Append(" 'sha256-").Append(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMapJson)))).Append('\'');
        }

        var policy = $"default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        return reportViolations ? policy + $"; report-uri {ReportPath}" : policy;
    }

    /// <summary>On every response: the policy above, no content sniffing, no framing, no full addresses in referrers, a window of its own.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var report = app.Environment.IsDevelopment();
        var hashed = new ConditionalWeakTable<ImportMapDefinition, string>();
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var importMap = context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>();
                var json = importMap is null ? null : hashed.GetValue(importMap, definition => definition.ToString());
                headers.ContentSecurityPolicy = Policy(json, context.Items.ContainsKey(UserContentKey), report);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });

        if (report)
        {
            app.MapPost(ReportPath, async (HttpRequest request, ILogger<CspReports> logger) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = new char[8 * 1024];
                var read = await reader.ReadBlockAsync(body, request.HttpContext.RequestAborted);
                LogViolation(logger, new string(body, 0, read));
                return Results.NoContent();
            }).DisableAntiforgery();
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content-Security-Policy violation reported: {Report}")]
    private static partial void LogViolation(ILogger logger, string report);

    /// <summary>The category of the violation log.</summary>
    public sealed class CspReports;
}
