using IbtDialogue.Components;
using IbtDialogue.Persistence;
using IbtDialogue.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Accounts;

/// <summary>Why a one-time link does not work. Each gets its own Dutch sentence; none says more than the person holding it may know.</summary>
public enum LinkProblem
{
    /// <summary>No such link (mistyped, forged, or for the other purpose).</summary>
    Unknown,
    Expired,
    Used,

    /// <summary>The account it was for is gone or deactivated (resets), or exists already (invitations).</summary>
    AccountChanged,
}

/// <summary>A link that still works, as its page shows it.</summary>
public sealed record OpenLink(int Id, AccountLinkPurpose Purpose, string Email, IReadOnlyList<string> Roles, DateTime ExpiresAt);

/// <summary>
/// One-time links for invitations and password resets: made with a fresh secret (only its hash is kept),
/// mailed when mail is set up, and used exactly once before they expire. Using one happens in a transaction
/// that also marks it used, so two tabs with the same link cannot both succeed.
/// </summary>
public sealed partial class AccountLinks(
    DialogueDb db, UserManager<UserAccount> users, Mailer mailer, WriteGate gate, TimeProvider clock, ILogger<AccountLinks> logger)
{
    public static readonly TimeSpan InvitationValidity = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetValidity = TimeSpan.FromHours(24);

    public const string InvitationPath = "account/uitnodiging";
    public const string ResetPath = "account/wachtwoord-herstellen";

    /// <summary>Makes a link, revoking older unused ones for the same person and purpose, and mails it when mail is set up.</summary>
    public async Task<IssuedLink> IssueAsync(
        AccountLinkPurpose purpose, string email, string? roles, string? userId, string? createdBy, Uri baseUri, CancellationToken cancellationToken)
    {
        var secret = StoredSecrets.Create();
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + (purpose == AccountLinkPurpose.Invitation ? InvitationValidity : ResetValidity);
        await gate.RunAsync(async () =>
        {
            foreach (var older in await db.AccountLinks.Where(l => l.Purpose == purpose && l.Email == email && l.UsedAt == null && l.ExpiresAt > now).ToListAsync(cancellationToken))
            {
                older.ExpiresAt = now; // Revoked: only the newest link works.
            }

            db.AccountLinks.Add(new AccountLink
            {
                Purpose = purpose,
                TokenHash = StoredSecrets.Hash(secret),
                Email = email,
                Roles = roles,
                UserId = userId,
                CreatedByUserId = createdBy,
                CreatedAt = now,
                ExpiresAt = expires,
            });
            return await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);

        var url = new Uri(baseUri, $"{(purpose == AccountLinkPurpose.Invitation ? InvitationPath : ResetPath)}?code={secret}");
        // In the language of the request that sends it: the person asking for a reset link gets it in their own
        // language; an invitation goes out in the inviting administrator's (accounts keep no language of their own).
        var mailed = purpose == AccountLinkPurpose.Invitation
            ? await mailer.SendAsync(email, ServerTexts.MailInvitationSubject, string.Format(ServerTexts.Culture, ServerTexts.MailInvitationBody, url, DutchTime.Format(expires, System.Globalization.CultureInfo.CurrentCulture)), cancellationToken)
            : await mailer.SendAsync(email, ServerTexts.MailResetSubject, string.Format(ServerTexts.Culture, ServerTexts.MailResetBody, url, DutchTime.Format(expires, System.Globalization.CultureInfo.CurrentCulture)), cancellationToken);
        return new IssuedLink(url, mailed, expires);
    }

    /// <summary>
    /// Someone forgot their password: a reset link goes to the address if it belongs to an active account and
    /// mail is set up. The caller answers the same whatever happened, so nobody learns which addresses exist.
    /// </summary>
    public async Task RequestResetAsync(string? email, Uri baseUri, CancellationToken cancellationToken)
    {
        var address = (email ?? "").Trim();
        if (!mailer.IsConfigured || address.Length is 0 or > 256)
        {
            return; // Without mail only an administrator can hand out a reset link.
        }

        if (await users.FindByEmailAsync(address) is { IsActive: true, Email: { } known } user)
        {
            await IssueAsync(AccountLinkPurpose.PasswordReset, known, null, user.Id, null, baseUri, cancellationToken);
        }
    }

    /// <summary>The link behind this secret if it still works for this purpose, else why not.</summary>
    public async Task<(OpenLink? Link, LinkProblem? Problem)> CheckAsync(AccountLinkPurpose purpose, string? secret, CancellationToken cancellationToken)
    {
        var (link, problem) = await FindAsync(purpose, secret, cancellationToken);
        return link is null ? (null, problem) : (new OpenLink(link.Id, link.Purpose, link.Email, link.RoleList(), link.ExpiresAt), null);
    }

    /// <summary>Makes the invited account with its roles and marks the invitation used; answers the account, or why not.</summary>
    public async Task<(UserAccount? User, LinkProblem? Problem, IReadOnlyList<IdentityError> Errors)> AcceptInvitationAsync(
        string? secret, string displayName, string password, CancellationToken cancellationToken) =>
        await gate.RunAsync<(UserAccount?, LinkProblem?, IReadOnlyList<IdentityError>)>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (link, problem) = await FindAsync(AccountLinkPurpose.Invitation, secret, cancellationToken);
            if (link is null)
            {
                return (null, problem, []);
            }

            var user = new UserAccount
            {
                UserName = link.Email,
                Email = link.Email,
                EmailConfirmed = true, // The invitation reached this address.
                DisplayName = displayName,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return (null, null, [.. created.Errors]);
            }

            await users.AddToRolesAsync(user, link.RoleList());
            link.UsedAt = clock.GetUtcNow().UtcDateTime;
            link.UserId = user.Id;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogUsed(logger, link.Id, link.Purpose);
            return (user, null, []);
        }, cancellationToken);

    /// <summary>Sets a new password with a reset link, and marks it used; answers the account, or why not.</summary>
    public async Task<(UserAccount? User, LinkProblem? Problem, IReadOnlyList<IdentityError> Errors)> ResetPasswordAsync(
        string? secret, string password, CancellationToken cancellationToken) =>
        await gate.RunAsync<(UserAccount?, LinkProblem?, IReadOnlyList<IdentityError>)>(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (link, problem) = await FindAsync(AccountLinkPurpose.PasswordReset, secret, cancellationToken);
            if (link is null)
            {
                return (null, problem, []);
            }

            var user = (await users.FindByIdAsync(link.UserId!))!;
            var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
            if (!reset.Succeeded)
            {
                return (null, null, [.. reset.Errors]);
            }

            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            link.UsedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogUsed(logger, link.Id, link.Purpose);
            return (user, null, []);
        }, cancellationToken);

    public static string Describe(LinkProblem problem) => problem switch
    {
        LinkProblem.Expired => ServerTexts.LinkExpired,
        LinkProblem.Used => ServerTexts.LinkUsed,
        LinkProblem.AccountChanged => ServerTexts.LinkAccountChanged,
        _ => ServerTexts.LinkUnknown,
    };

    private async Task<(AccountLink? Link, LinkProblem? Problem)> FindAsync(AccountLinkPurpose purpose, string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 100)
        {
            return Refuse(null, LinkProblem.Unknown);
        }

        var hash = StoredSecrets.Hash(secret.Trim());
        var link = await db.AccountLinks.SingleOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == purpose, cancellationToken);
        if (link is null)
        {
            return Refuse(null, LinkProblem.Unknown);
        }

        if (link.UsedAt is not null)
        {
            return Refuse(link, LinkProblem.Used);
        }

        if (link.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            return Refuse(link, LinkProblem.Expired);
        }

        var accountOk = purpose == AccountLinkPurpose.Invitation
            ? await users.FindByEmailAsync(link.Email) is null
            : link.UserId is { } id && await users.FindByIdAsync(id) is { IsActive: true };
        return accountOk ? (link, null) : Refuse(link, LinkProblem.AccountChanged);
    }

    private (AccountLink? Link, LinkProblem? Problem) Refuse(AccountLink? link, LinkProblem problem)
    {
        LogRefused(logger, link?.Id, problem); // Never the secret.
        return (null, problem);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "One-time link {LinkId} refused: {Problem}.")]
    private static partial void LogRefused(ILogger logger, int? linkId, LinkProblem problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "One-time link {LinkId} used ({Purpose}).")]
    private static partial void LogUsed(ILogger logger, int linkId, AccountLinkPurpose purpose);
}
