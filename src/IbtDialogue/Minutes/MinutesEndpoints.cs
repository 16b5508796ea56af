using System.Globalization;
using System.Text;
using System.Xml;
using IbtDialogue.Accounts;
using IbtDialogue.Client.Minutes;
using IbtDialogue.Client.Resources;
using IbtDialogue.Resources;
using IbtDialogue.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IbtDialogue.Minutes;

public static class MinutesEndpoints
{
    /// <summary>The longest body the preview takes: the longest minutes, every character three bytes in UTF-8.</summary>
    public const long MaxPreviewBytes = MinutesService.MaxLength * 3L;

    /// <summary>Composing, rendering, versioning, exporting and publishing minutes.</summary>
    public static WebApplicationBuilder AddMinutes(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new MinutesComposer(CultureInfo.GetCultureInfo("nl-NL")));
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<MinutesService>();
        services.Configure<PublicationOptions>(builder.Configuration.GetSection(PublicationOptions.Section));
        services.AddSingleton<PublicationService>();
        services.AddSingleton<WordExport>();
        services.AddSingleton<MinutesExports>();
        services.AddSingleton<IMarkdownPreview, ServerMarkdownPreview>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMinutes(this IEndpointRouteBuilder endpoints)
    {
        var facilitator = endpoints.MapGroup("").RequireAuthorization(AuthPolicies.Facilitator);
        var reader = endpoints.MapGroup("").RequireAuthorization(AuthPolicies.RecordReader);

        reader.MapGet("/dialogen/{id:int}/notulen.md", async (int id, int? versie, HttpContext http, MinutesService minutes) =>
            await minutes.VersionAsync(id, versie, RecordReader.Of(http.User), http.RequestAborted) is { } m
                ? Results.File(Encoding.UTF8.GetBytes(m.Markdown), "text/markdown; charset=utf-8", $"{FileNames.Slug(m.Title)}-notulen.md")
                : Results.NotFound());

        reader.MapGet("/dialogen/{id:int}/notulen.html", async (int id, int? versie, HttpContext http, MinutesService minutes, MinutesExports exports) =>
            await minutes.VersionAsync(id, versie, RecordReader.Of(http.User), http.RequestAborted) is { } m
                ? Results.File(Encoding.UTF8.GetBytes(exports.Html(m.Markdown, m.Title)), "text/html; charset=utf-8", $"{FileNames.Slug(m.Title)}-notulen.html")
                : Results.NotFound());

        reader.MapGet("/dialogen/{id:int}/notulen.docx", async (int id, int? versie, HttpContext http, MinutesService minutes, MinutesExports exports) =>
            await minutes.VersionAsync(id, versie, RecordReader.Of(http.User), http.RequestAborted) is { } m
                ? Results.File(exports.Docx(m.Markdown, m.Title), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{FileNames.Slug(m.Title)}-notulen.docx")
                : Results.NotFound());

        reader.MapGet("/dialogen/{id:int}/stemmen.csv", async (int id, HttpContext http, MinutesService minutes) =>
            await minutes.RecordAsync(id, RecordReader.Of(http.User), http.RequestAborted) is { } record
                ? Results.File(MinutesExports.VotesCsv(record), "text/csv; charset=utf-8", $"{FileNames.Slug(record.Title)}-stemmen.csv")
                : Results.NotFound());

        // The editor's live preview; only renders, changes nothing. The cookie is SameSite=Lax, so other sites cannot post here as a facilitator.
        // The body limit (RequestBodyLimit, enforced by HttpSecurity before the body is read) is the longest minutes in UTF-8.
        facilitator.MapPost("/" + HttpMarkdownPreview.Path, async (HttpRequest request, MarkdownRenderer renderer) =>
        {
            string markdown;
            try
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                markdown = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            }
            catch (BadHttpRequestException)
            {
                // A body without a length that turned out longer than the limit: cut off while reading.
                return PreviewTooLong();
            }

            return markdown.Length > MinutesService.MaxLength
                ? PreviewTooLong()
                : Results.Content(renderer.ToHtml(markdown), "text/html; charset=utf-8");
        }).DisableAntiforgery().WithMetadata(new RequestBodyLimitAttribute(MaxPreviewBytes));

        endpoints.MapGet("/gesprekken/feed.atom", async (HttpContext http, PublicationService publications, MarkdownRenderer renderer, PublicAddress publicAddress) =>
        {
            var summaries = await publications.ListAsync(null, null, http.RequestAborted);
            var feed = AtomFeed.Create(publicAddress.Base(http.Request), summaries, renderer);
            return Results.Text(feed, "application/atom+xml; charset=utf-8");
        });

        return endpoints;
    }

    private static IResult PreviewTooLong() =>
        Results.Text(string.Format(ServerTexts.Culture, ServerTexts.MinutesPreviewTooLong, MinutesService.MaxLength.ToString("N0", ServerTexts.Culture)), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}

public static class FileNames
{
    /// <summary>A file name or address part from a title: lower case letters, digits and dashes only.</summary>
    public static string Slug(string title)
    {
        var builder = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '_' or ',' or '.' or '/' or ':') && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "dialoog" : slug[..Math.Min(slug.Length, 60)].Trim('-');
    }
}
