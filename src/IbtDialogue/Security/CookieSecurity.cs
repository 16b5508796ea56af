namespace IbtDialogue.Security;

/// <summary>
/// Whether cookies are Secure and carry the <c>__Host-</c> prefix (the browser then keeps them only when they come
/// over HTTPS, for this exact host, for every path): on outside Development, by <c>Https:SecureCookies</c>.
/// </summary>
public sealed class CookieSecurity(bool secure)
{
    public const string HostPrefix = "__Host-";

    public bool Secure { get; } = secure;

    public CookieSecurePolicy Policy => Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>The cookie's name as the browser sees it.</summary>
    public string Name(string name) => Secure && !name.StartsWith(HostPrefix, StringComparison.Ordinal) ? HostPrefix + name : name;

    /// <summary>Options for a cookie the app sets itself, for every path of this host only.</summary>
    public CookieOptions Options(HttpRequest request, TimeSpan maxAge, SameSiteMode sameSite) => new()
    {
        HttpOnly = true,
        IsEssential = true,
        SameSite = sameSite,
        Secure = Secure || request.IsHttps,
        Path = "/",
        MaxAge = maxAge,
    };
}
