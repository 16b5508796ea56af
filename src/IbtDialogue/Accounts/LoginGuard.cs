using System.Security.Cryptography;
using System.Text;
using IbtDialogue.Resources;
using IbtDialogue.Security;
using Microsoft.AspNetCore.DataProtection;

namespace IbtDialogue.Accounts;

/// <summary>
/// Slows password and code guessing without locking anyone out. Every attempt counts against the client's
/// address; an attempt for an account from a browser that never signed in to it also counts against that
/// account. A browser that signed in to an account gets a device cookie for it, so a stranger who fails on
/// the account from elsewhere cannot hold its owner back (after OWASP's "device cookies").
/// </summary>
public sealed class LoginGuard(FailureThrottle throttle, IDataProtectionProvider protection, CookieSecurity cookies)
{
    private const string DeviceCookie = "ibt.device";
    private const int DevicesRemembered = 5;
    private static readonly TimeSpan DeviceLifetime = TimeSpan.FromDays(365);
    private readonly IDataProtector protector = protection.CreateProtector("IbtDialogue.LoginDevice");

    /// <summary>An attempt in flight: what it counts against.</summary>
    public sealed record Attempt(string Address, string? Account);

    /// <summary>Starts an attempt to sign in as <paramref name="email"/>; null (with how long to wait) while too many failed.</summary>
    public Attempt? TryBegin(HttpContext http, string email, out TimeSpan retryAfter)
    {
        var address = ClientAddress.Of(http);
        var account = Key(email);
        var counted = KnownAccounts(http).Contains(account) ? null : account;
        if (!throttle.TryBegin(FailureScope.Login, address, out retryAfter))
        {
            return null;
        }

        if (counted is not null && !throttle.TryBegin(FailureScope.LoginAccount, counted, out retryAfter))
        {
            throttle.End(FailureScope.Login, address, failed: false);
            return null;
        }

        return new Attempt(address, counted);
    }

    public void End(Attempt attempt, bool failed)
    {
        throttle.End(FailureScope.Login, attempt.Address, failed);
        if (attempt.Account is { } account)
        {
            throttle.End(FailureScope.LoginAccount, account, failed);
        }
    }

    /// <summary>Marks this browser as one that signed in to the account (after the whole sign-in, second factor included).</summary>
    public void RememberDevice(HttpContext http, string email)
    {
        var accounts = KnownAccounts(http).Where(a => a != Key(email)).Prepend(Key(email)).Take(DevicesRemembered);
        var value = protector.Protect(string.Join('\n', accounts));
        http.Response.Cookies.Append(cookies.Name(DeviceCookie), value, cookies.Options(http.Request, DeviceLifetime, SameSiteMode.Strict));
    }

    /// <summary>The Dutch sentence for a refused attempt.</summary>
    public static string TooManyText(TimeSpan wait) => string.Format(ServerTexts.Culture, ServerTexts.LoginTooManyAttempts, Waiting.Duration(wait));

    private HashSet<string> KnownAccounts(HttpContext http)
    {
        if (http.Request.Cookies[cookies.Name(DeviceCookie)] is not { Length: > 0 } value)
        {
            return [];
        }

        try
        {
            return [.. protector.Unprotect(value).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
        catch (CryptographicException)
        {
            return []; // Forged, or protected with a key that is gone.
        }
    }

    /// <summary>The account as the limits know it: a hash of its address, so neither memory nor the cookie holds it.</summary>
    private static string Key(string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())))[..32];
}
