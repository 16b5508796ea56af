using System.Globalization;
using IbtDialogue.Protocol;
using IbtDialogue.Security;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace IbtDialogue.Components;

/// <summary>
/// The interface languages: Dutch (the default, the neutral resources) and British English (the <c>en</c>
/// resources). A visitor's choice is kept in a cookie; without one, the browser's <c>Accept-Language</c> decides.
/// en-GB rather than en-US: day-month-year dates and the 24-hour clock, as a Dutch institution writes them, and the
/// British spelling of the texts. The hub and background work run outside requests and speak Dutch.
/// </summary>
public static class Languages
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    public static readonly IReadOnlyList<CultureInfo> Supported = [Dutch, English];

    /// <summary>The cookie that remembers the choice (with <c>__Host-</c> in front on HTTPS, see CookieSecurity).</summary>
    public const string CookieName = "ibt.culture";

    /// <summary>The switch: <c>GET /taal?taal=en&amp;terug=/current/page</c>.</summary>
    public const string SwitchPath = "/taal";

    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    /// <summary>The language of the current request, as <c>&lt;html lang&gt;</c> and the WebAssembly client read it: "nl" or "en".</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "nl";

    /// <summary>The supported culture for a language code ("en", "en-US", "nl-BE", …), or null.</summary>
    public static CultureInfo? Find(string? language) => language switch
    {
        null => null,
        _ when language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-", StringComparison.OrdinalIgnoreCase) => English,
        _ when language.Equals("nl", StringComparison.OrdinalIgnoreCase) || language.StartsWith("nl-", StringComparison.OrdinalIgnoreCase) => Dutch,
        _ => null,
    };

    /// <summary>
    /// The language a request asks for, as request localization would choose it (cookie, then Accept-Language, then
    /// Dutch): for work on a connection that request localization leaves in Dutch, such as the hub's.
    /// </summary>
    public static CultureInfo Preferred(HttpContext http)
    {
        var cookies = http.RequestServices.GetRequiredService<CookieSecurity>();
        if (http.Request.Cookies[cookies.Name(CookieName)] is { } cookie
            && CookieRequestCultureProvider.ParseCookieValue(cookie) is { } chosen
            && Find(chosen.UICultures.FirstOrDefault().Value) is { } culture)
        {
            return culture;
        }

        var browser = http.Request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Find(l.Value.Value))
            .FirstOrDefault(c => c is not null);
        return browser ?? Dutch;
    }

    /// <summary>The switch's link from the page at <paramref name="returnPath"/> (a path on this site, with its query).</summary>
    public static string SwitchLink(string language, string returnPath) =>
        $"{SwitchPath.TrimStart('/')}?taal={language}&terug={Uri.EscapeDataString(returnPath)}";

    /// <summary>
    /// Request localization for every request except the hub's: cookie first, then <c>Accept-Language</c>, then Dutch.
    /// The hub's connection would otherwise carry the culture of the request that opened it into texts that are
    /// broadcast to everyone in the room.
    /// </summary>
    public static WebApplication UseLanguages(this WebApplication app)
    {
        var cookies = app.Services.GetRequiredService<CookieSecurity>();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Dutch),
            SupportedCultures = [.. Supported],
            SupportedUICultures = [.. Supported],
            // Only what the visitor chose or their browser asks for; no ?culture= in addresses.
            RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = cookies.Name(CookieName) },
                new AnyVariantAcceptLanguageProvider(),
            ],
        };
        app.UseWhen(http => !http.Request.Path.StartsWithSegments(HubContract.Path), branch => branch.UseRequestLocalization(options));
        return app;
    }

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        // A GET link, so the switch works on every page without a form token; all it can change is the language.
        endpoints.MapGet(SwitchPath, (string? taal, string? terug, HttpContext http, CookieSecurity cookies) =>
        {
            var back = LocalPath.IsLocal(terug) ? terug! : "/";
            if (Find(taal) is { } culture)
            {
                http.Response.Cookies.Append(
                    cookies.Name(CookieName),
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    cookies.Options(http.Request, CookieLifetime, SameSiteMode.Lax));
            }

            return Results.LocalRedirect(back);
        });
        return endpoints;
    }

    /// <summary>
    /// The built-in <c>Accept-Language</c> provider, with any variant of a supported language taken as that language:
    /// a browser set to en-US or en-IE gets en-GB, one set to nl-BE gets nl-NL (the middleware itself would only
    /// fall back from en-US to en, which is not a culture the app offers).
    /// </summary>
    private sealed class AnyVariantAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
    {
        public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            if (await base.DetermineProviderCultureResult(httpContext) is not { } result)
            {
                return null;
            }

            var cultures = result.Cultures.Select(c => Find(c.Value)?.Name).OfType<string>().Select(n => new StringSegment(n)).ToList();
            return cultures.Count == 0 ? null : new ProviderCultureResult(cultures);
        }
    }
}
