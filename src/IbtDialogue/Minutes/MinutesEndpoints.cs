using System.Text;
using IbtDialogue.Accounts;

namespace IbtDialogue.Minutes;

public static class MinutesEndpoints
{
    public static IEndpointRouteBuilder MapMinutes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dialogen/{id:int}/notulen.md", async (int id, HttpContext http, MinutesService minutes) =>
        {
            var latest = await minutes.LatestAsync(id, http.User.FacilitatorId(), http.RequestAborted);
            return latest is null
                ? Results.NotFound()
                : Results.File(Encoding.UTF8.GetBytes(latest.Markdown), "text/markdown; charset=utf-8", $"{FileNames.Slug(latest.Title)}-notulen.md");
        }).RequireAuthorization(AuthPolicies.Facilitator);
        return endpoints;
    }
}

public static class FileNames
{
    /// <summary>A file name part from a title: lower case letters, digits and dashes only.</summary>
    public static string Slug(string title)
    {
        var builder = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '_') && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "dialoog" : slug[..Math.Min(slug.Length, 60)];
    }
}
