using System.Collections.Concurrent;
using System.Security.Claims;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Accounts;

/// <summary>
/// Ends what an account has open when it is deactivated or its roles change: the hub connections on this
/// node are aborted at once, and every later hub call of a connection signed in with an older security
/// stamp (another node's, or one that raced the change) is refused and closes that connection. Cookies are
/// checked against the stamp on every request (see <see cref="AccountsExtensions"/>).
/// </summary>
public sealed class AccountSessions(IDbContextFactory<DialogueDb> dbFactory, IOptions<IdentityOptions> identity)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> connections = new();

    public void Connected(HubCallerContext context)
    {
        if (AccountId(context.User) is { } userId)
        {
            connections.GetOrAdd(userId, _ => new()).TryAdd(context.ConnectionId, context);
        }
    }

    public void Disconnected(HubCallerContext context)
    {
        if (AccountId(context.User) is { } userId && connections.TryGetValue(userId, out var open))
        {
            open.TryRemove(context.ConnectionId, out _);
        }
    }

    /// <summary>Aborts every hub connection of this account on this node.</summary>
    public Task EndAsync(string userId)
    {
        if (connections.TryRemove(userId, out var open))
        {
            foreach (var context in open.Values)
            {
                context.Abort();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether a signed-in account's principal still stands: the account is active and its security stamp unchanged. Participants (no account) always do.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal? user, CancellationToken cancellationToken)
    {
        if (AccountId(user) is not { } userId)
        {
            return true;
        }

        var stamp = user!.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == userId && u.IsActive && u.SecurityStamp == stamp, cancellationToken);
    }

    private static string? AccountId(ClaimsPrincipal? user) =>
        user?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme)?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
}
