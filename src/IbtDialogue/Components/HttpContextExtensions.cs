using Microsoft.AspNetCore.Diagnostics;

namespace IbtDialogue.Components;

public static class HttpContextExtensions
{
    /// <summary>
    /// Sets an error status for a page that explains the problem itself (a form with its errors), so the
    /// site-wide status code page does not replace it.
    /// </summary>
    public static void SetStatusOfOwnPage(this HttpContext context, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    }
}
