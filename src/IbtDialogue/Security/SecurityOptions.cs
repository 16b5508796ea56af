namespace IbtDialogue.Security;

/// <summary>Where people reach the app (<c>App</c>).</summary>
public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// The address the public reaches the app at, such as <c>https://dialogen.example.nl/</c>. Every absolute
    /// link (join link and QR code, Atom feed, invitation and reset mails, published summaries) is built from
    /// it; when empty, from the request (whose host <c>AllowedHosts</c> has then vetted).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";
}

/// <summary>Transport security (<c>Https</c>).</summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    /// <summary>Every cookie Secure and, where it can, named with the <c>__Host-</c> prefix. Empty: on outside Development.</summary>
    public bool? SecureCookies { get; set; }

    /// <summary>Send Strict-Transport-Security on HTTPS responses.</summary>
    public bool Hsts { get; set; }

    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    public bool HstsIncludeSubDomains { get; set; }
}

/// <summary>The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed (<c>ForwardedHeaders</c>).</summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, such as <c>10.0.0.5</c>. Empty (and no networks): forwarded headers are ignored.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, such as <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are believed.</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>How large a request body may be (<c>RequestLimits</c>); pages that take more say so themselves.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>Limits per client address (<c>RateLimits</c>): on requests, and on failures (a wrong join code, a wrong password).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary><c>/deelnemen*</c> and <c>/d/*</c>: high enough for 500 people behind one address joining at once.</summary>
    public AddressLimit Join { get; set; } = new() { RequestsPerMinute = 3000, FailureBurst = 100, FailureRefill = TimeSpan.FromSeconds(6) };

    /// <summary>The login pages (password and second factor).</summary>
    public AddressLimit Login { get; set; } = new() { RequestsPerMinute = 300, FailureBurst = 20, FailureRefill = TimeSpan.FromSeconds(12) };

    /// <summary>
    /// Failed logins on one account from browsers that never signed in to it: slows guessing spread over many
    /// addresses, while the account's own browsers (with the device cookie) are not held back by it.
    /// </summary>
    public AddressLimit LoginAccount { get; set; } = new() { RequestsPerMinute = 0, FailureBurst = 10, FailureRefill = TimeSpan.FromMinutes(1) };
}

public sealed class AddressLimit
{
    /// <summary>Requests per minute (a bucket of this many, refilled evenly); 0 or less: no limit.</summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>How many failures in a row are allowed before attempts wait.</summary>
    public int FailureBurst { get; set; }

    /// <summary>How long until one failure is forgiven.</summary>
    public TimeSpan FailureRefill { get; set; }
}
