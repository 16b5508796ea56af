using System.Security.Claims;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Accounts;

/// <summary>Time-outs of a signed-in session (<c>Accounts:Session</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "Accounts:Session";

    /// <summary>A session not used for this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A session ends this long after signing in, however busy.</summary>
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// The cookie's tickets kept in the database (<see cref="AccountSession"/>), so that logging out ends the
/// session on the server and every node sees it. The cookie holds a random key; the database keeps its hash and
/// the ticket protected with the Data Protection keys.
/// </summary>
public sealed class ServerSessions(IDbContextFactory<DialogueDb> dbFactory, IDataProtectionProvider protection, IOptions<SessionOptions> options, TimeProvider clock) : ITicketStore
{
    private readonly IDataProtector protector = protection.CreateProtector("IbtDialogue.AccountSessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = StoredSecrets.Create();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        // Sessions that ended by themselves are cleared up whenever someone signs in.
        var signedInBefore = now - options.Value.AbsoluteTimeout;
        await db.AccountSessions.Where(s => s.ExpiresAt <= now || s.SignedInAt <= signedInBefore).ExecuteDeleteAsync();
        db.AccountSessions.Add(new AccountSession
        {
            KeyHash = StoredSecrets.Hash(key),
            UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            Ticket = Protect(ticket),
            SignedInAt = now,
            ExpiresAt = ExpiresAt(ticket, now),
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var hash = StoredSecrets.Hash(key);
        var now = clock.GetUtcNow().UtcDateTime;
        var protectedTicket = Protect(ticket);
        var expiresAt = ExpiresAt(ticket, now);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.AccountSessions.Where(s => s.KeyHash == hash)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, protectedTicket).SetProperty(x => x.ExpiresAt, expiresAt));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var hash = StoredSecrets.Hash(key);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        var session = await db.AccountSessions.AsNoTracking().SingleOrDefaultAsync(s => s.KeyHash == hash);
        if (session is null)
        {
            return null; // Logged out, timed out, or never there: the cookie opens nothing.
        }

        if (session.ExpiresAt <= now || session.SignedInAt + options.Value.AbsoluteTimeout <= now)
        {
            await db.AccountSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync();
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(session.Ticket));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // Protected with a key this node no longer has.
        }
    }

    public async Task RemoveAsync(string key)
    {
        var hash = StoredSecrets.Hash(key);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.AccountSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync();
    }

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private DateTime ExpiresAt(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + options.Value.IdleTimeout;
}

/// <summary>Puts the cookie's tickets in <see cref="ServerSessions"/> and makes the idle time-out the cookie's sliding lifetime.</summary>
public sealed class ServerSessionCookies(ServerSessions sessions, IOptions<SessionOptions> options) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions cookie)
    {
        if (name != Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
        {
            return;
        }

        cookie.SessionStore = sessions;
        cookie.ExpireTimeSpan = options.Value.IdleTimeout;
        cookie.SlidingExpiration = true;
    }
}
