using IbtDialogue.Accounts;
using IbtDialogue.Minutes;
using IbtDialogue.Participants;
using IbtDialogue.Privacy.Pages;
using IbtDialogue.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace IbtDialogue.Privacy;

public static class PrivacyExtensions
{
    /// <summary>Retention of personal data (the job that pseudonymises), erasure on request, deleting dialogues, the exports.</summary>
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<PrivacyOptions>(builder.Configuration.GetSection("Privacy"));
        builder.Services.AddSingleton<PersonalData>();
        builder.Services.AddSingleton<PrivacyExports>();
        builder.Services.AddSingleton<RetentionWorker>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RetentionWorker>());
        return builder;
    }

    /// <summary>
    /// The exports: a participant's data for an administrator (AVG art. 15) and for the participant's own browser,
    /// and a dialogue's record (archive, Woo). Each answers 404 to whoever may not have it, and is never cached.
    /// </summary>
    public static IEndpointRouteBuilder MapPrivacy(this IEndpointRouteBuilder endpoints)
    {
        var administrator = endpoints.MapGroup("").RequireAuthorization(AuthPolicies.Administrator);
        administrator.MapGet("/beheer/deelnemers/{Id:int}/gegevens.json", async (int id, HttpContext http, PrivacyExports exports) =>
            await exports.ParticipantAsync(id, http.RequestAborted) is { } export
                ? Json(http, export, ParticipantFileName(export, "json"))
                : Results.NotFound());
        administrator.MapGet("/beheer/deelnemers/{Id:int}/gegevens.html", async (int id, HttpContext http, PrivacyExports exports) =>
            await exports.ParticipantAsync(id, http.RequestAborted) is { } export
                ? await HtmlAsync(http, export, ParticipantFileName(export, "html"))
                : Results.NotFound());

        // The participant's own data: only with the token their browser got when joining this dialogue.
        endpoints.MapGet("/d/{Code}/mijn-gegevens.json", async (string code, HttpContext http, PrivacyExports exports, CookieSecurity cookies) =>
            await exports.OwnAsync(code, id => http.Request.Cookies[cookies.Name(ParticipantTokens.CookieName(id))], http.RequestAborted) is { } export
                ? Json(http, export, OwnFileName(export, "json"))
                : Results.NotFound());
        endpoints.MapGet("/d/{Code}/mijn-gegevens.html", async (string code, HttpContext http, PrivacyExports exports, CookieSecurity cookies) =>
            await exports.OwnAsync(code, id => http.Request.Cookies[cookies.Name(ParticipantTokens.CookieName(id))], http.RequestAborted) is { } export
                ? await HtmlAsync(http, export, OwnFileName(export, "html"))
                : Results.NotFound());

        endpoints.MapGroup("").RequireAuthorization(AuthPolicies.RecordReader)
            .MapGet("/dialogen/{Id:int}/dossier.json", async (int id, HttpContext http, PrivacyExports exports, IAuthorizationService authorization) =>
            {
                // An administrator answers Woo requests for any dialogue, signed in as the administrator's pages demand.
                var administrator = (await authorization.AuthorizeAsync(http.User, AuthPolicies.Administrator)).Succeeded;
                return await exports.DialogueRecordAsync(id, RecordReader.Of(http.User), administrator, http.RequestAborted) is { } record
                    ? Json(http, record, $"{FileNames.Slug(record.Dialogue.Title)}-{record.Dialogue.Date:yyyy-MM-dd}-dossier.json")
                    : Results.NotFound();
            });
        return endpoints;
    }

    private static string ParticipantFileName(ParticipantExport export, string extension) =>
        $"gegevens-{FileNames.Slug(export.Participant.DisplayName)}-{FileNames.Slug(export.Dialogue.Title)}.{extension}";

    private static string OwnFileName(ParticipantExport export, string extension) =>
        $"mijn-gegevens-{FileNames.Slug(export.Dialogue.Title)}.{extension}";

    private static IResult Json<T>(HttpContext http, T export, string fileName)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(PrivacyExports.ToJson(export), "application/json; charset=utf-8", fileName);
    }

    private static async Task<IResult> HtmlAsync(HttpContext http, ParticipantExport export, string fileName)
    {
        http.Response.Headers.CacheControl = "no-store";
        var html = await RenderAsync<ParticipantDataDocument>(http.RequestServices, new Dictionary<string, object?> { [nameof(ParticipantDataDocument.Export)] = export });
        return Results.File(System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", fileName);
    }

    /// <summary>A Razor component as a standalone HTML text (the same markup the pages show).</summary>
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        // A scope of its own: the renderer needs scoped services, and callers may hold only the root provider.
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
