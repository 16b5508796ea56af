using Microsoft.AspNetCore.Diagnostics;

namespace IbtDialogue.Components;

public static class HttpContextExtensions
{
    /// <summary>
    /// Sets an error status for a page that explains the problem itself (a form with its errors), so the
    /// site-wide status code page does not replace it.
    /// </summary>
    /// <remarks>
    /// A 404 is set as the response starts: a component page that sets 404 while rendering gets no body from the
    /// framework (it leaves a 404 to the not-found page), and this page says what is wrong in its own words.
    /// </remarks>
    public static void SetStatusOfOwnPage(this HttpContext context, int statusCode)
    {
        if (statusCode == StatusCodes.Status404NotFound)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.OnStarting(() =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }
        else
        {
            context.Response.StatusCode = statusCode;
        }

        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
    }
}
