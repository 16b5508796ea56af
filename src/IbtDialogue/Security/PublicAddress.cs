using Microsoft.Extensions.Options;

namespace IbtDialogue.Security;

/// <summary>
/// The base of every absolute link the app hands out: <see cref="AppOptions.PublicBaseUrl"/> when configured, so
/// a request with <c>Host: evil.example</c> cannot put its host into a join link, QR code, feed or mail.
/// </summary>
public sealed class PublicAddress(IOptions<AppOptions> options)
{
    public Uri Base(HttpRequest request) =>
        Configured(options.Value.PublicBaseUrl) ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");

    /// <summary>An absolute link to a path of this app (relative, without a leading slash).</summary>
    public Uri Link(HttpRequest request, string relative) => new(Base(request), relative.TrimStart('/'));

    public static bool IsValid(string configured) => configured.Length == 0 || Configured(configured) is not null;

    private static Uri? Configured(string configured) =>
        configured.Length > 0 && Uri.TryCreate(configured.EndsWith('/') ? configured : configured + "/", UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri
            : null;
}
