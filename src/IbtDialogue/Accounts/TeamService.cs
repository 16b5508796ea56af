using System.Net.Mail;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using IbtDialogue.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Accounts;

/// <summary>An account as the administrator's list shows it.</summary>
public sealed record AccountRow(
    string Id, string DisplayName, string Email, IReadOnlyList<string> Roles, DateTime? LastSignInAt, bool IsActive, bool TwoFactor, int OwnedDialogues, int Dialogues);

/// <summary>A one-time link that was made: its address, whether it was mailed, and until when it works.</summary>
public sealed record IssuedLink(Uri Url, bool Mailed, DateTime ExpiresAt);

public enum TeamError
{
    InvalidEmail,
    NoRoles,
    UnknownRole,
    AccountExists,
    UnknownAccount,

    /// <summary>The change would leave no active administrator (or an administrator would lock themselves out).</summary>
    LastAdministrator,
    NotYourself,
    OwnsDialogues,
    HasDialogues,
    NotAFacilitator,
}

/// <summary>
/// What an administrator does with the team's accounts: invite, list, change roles, deactivate and
/// reactivate, hand out password-reset links, transfer ownership of dialogues, delete an account that
/// owns nothing. Every rule is checked here, whoever calls.
/// </summary>
public sealed partial class TeamService(
    DialogueDb db,
    UserManager<UserAccount> users,
    RoleManager<IdentityRole> roles,
    AccountLinks links,
    AccountSessions sessions,
    WriteGate gate,
    ILogger<TeamService> logger)
{
    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken cancellationToken)
    {
        var roleNames = await db.Roles.ToDictionaryAsync(r => r.Id, r => r.Name ?? "", cancellationToken);
        var userRoles = (await db.UserRoles.ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => roleNames[r.RoleId]);
        var rows = await db.Users.AsNoTracking()
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
                u.LastSignInAt,
                u.IsActive,
                u.TwoFactorEnabled,
                Owned = db.DialogueFacilitators.Count(f => f.UserId == u.Id && f.IsOwner),
                All = db.DialogueFacilitators.Count(f => f.UserId == u.Id),
            })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(u => new AccountRow(u.Id, u.DisplayName, u.Email ?? "", [.. Roles.All.Where(r => userRoles[u.Id].Contains(r))], u.LastSignInAt, u.IsActive, u.TwoFactorEnabled, u.Owned, u.All))
            .OrderByDescending(u => u.IsActive).ThenBy(u => u.DisplayName, StringComparer.CurrentCulture)];
    }

    public async Task<AccountRow?> FindAsync(string userId, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).SingleOrDefault(u => u.Id == userId);

    /// <summary>Makes an invitation link (valid 7 days, once) for an address that has no account yet, and mails it when mail is set up.</summary>
    public async Task<(IssuedLink? Link, TeamError? Error)> InviteAsync(string? email, IReadOnlyCollection<string> roleNames, string invitedBy, Uri baseUri, CancellationToken cancellationToken)
    {
        var address = (email ?? "").Trim();
        if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            return (null, TeamError.InvalidEmail);
        }

        if (roleNames.Count == 0)
        {
            return (null, TeamError.NoRoles);
        }

        if (roleNames.Any(r => !Roles.IsKnown(r)))
        {
            return (null, TeamError.UnknownRole);
        }

        if (await users.FindByEmailAsync(address) is not null)
        {
            return (null, TeamError.AccountExists);
        }

        var link = await links.IssueAsync(AccountLinkPurpose.Invitation, address, string.Join(',', Roles.All.Where(roleNames.Contains)), null, invitedBy, baseUri, cancellationToken);
        return (link, null);
    }

    /// <summary>Replaces the roles of an account; an administrator keeps at least one active administrator, and their own role.</summary>
    public async Task<TeamError?> SetRolesAsync(string userId, IReadOnlyCollection<string> roleNames, string changedBy, CancellationToken cancellationToken)
    {
        if (roleNames.Count == 0)
        {
            return TeamError.NoRoles;
        }

        if (roleNames.Any(r => !Roles.IsKnown(r)))
        {
            return TeamError.UnknownRole;
        }

        return await gate.RunAsync(async () =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return TeamError.UnknownAccount;
            }

            var current = await users.GetRolesAsync(user);
            var losesAdministrator = current.Contains(Roles.Administrator) && !roleNames.Contains(Roles.Administrator);
            if (losesAdministrator && (userId == changedBy || await OtherActiveAdministratorsAsync(userId, cancellationToken) == 0))
            {
                return TeamError.LastAdministrator;
            }

            await AccountService.SeedRolesAsync(roles);
            await users.RemoveFromRolesAsync(user, [.. current.Where(r => !roleNames.Contains(r))]);
            await users.AddToRolesAsync(user, [.. roleNames.Where(r => !current.Contains(r))]);

            // A new stamp ends sessions that still carry the old roles; the hub's connections end too.
            await users.UpdateSecurityStampAsync(user);
            await sessions.EndAsync(userId);
            LogChange(logger, "roles changed", userId, changedBy);
            return (TeamError?)null;
        }, cancellationToken);
    }

    /// <summary>Deactivates (its cookies and hub connections stop at once) or reactivates an account.</summary>
    public async Task<TeamError?> SetActiveAsync(string userId, bool active, string changedBy, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return TeamError.UnknownAccount;
            }

            if (!active && userId == changedBy)
            {
                return TeamError.NotYourself;
            }

            if (!active && await users.IsInRoleAsync(user, Roles.Administrator) && await OtherActiveAdministratorsAsync(userId, cancellationToken) == 0)
            {
                return TeamError.LastAdministrator;
            }

            if (user.IsActive == active)
            {
                return (TeamError?)null;
            }

            user.IsActive = active;
            await users.UpdateAsync(user);
            if (!active)
            {
                await users.UpdateSecurityStampAsync(user);
                await sessions.EndAsync(userId);
            }

            LogChange(logger, active ? "reactivated" : "deactivated", userId, changedBy);
            return null;
        }, cancellationToken);

    /// <summary>A password-reset link for an account, handed out by an administrator (and mailed when mail is set up).</summary>
    public async Task<(IssuedLink? Link, TeamError? Error)> IssueResetLinkAsync(string userId, string issuedBy, Uri baseUri, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId) is not { Email: { } email } user || !user.IsActive)
        {
            return (null, TeamError.UnknownAccount);
        }

        return (await links.IssueAsync(AccountLinkPurpose.PasswordReset, email, null, user.Id, issuedBy, baseUri, cancellationToken), null);
    }

    /// <summary>Makes another facilitator the owner of every dialogue this account owns; the old owner stays a co-facilitator.</summary>
    public async Task<(int Transferred, TeamError? Error)> TransferOwnershipAsync(string fromUserId, string toUserId, string changedBy, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            if (fromUserId == toUserId || await users.FindByIdAsync(fromUserId) is null)
            {
                return (0, (TeamError?)TeamError.UnknownAccount);
            }

            if (await users.FindByIdAsync(toUserId) is not { IsActive: true } to
                || !(await users.IsInRoleAsync(to, Roles.Facilitator) || await users.IsInRoleAsync(to, Roles.Administrator)))
            {
                return (0, TeamError.NotAFacilitator);
            }

            var owned = await db.DialogueFacilitators.Where(f => f.UserId == fromUserId && f.IsOwner).ToListAsync(cancellationToken);
            foreach (var ownership in owned)
            {
                ownership.IsOwner = false;
                var existing = await db.DialogueFacilitators.SingleOrDefaultAsync(f => f.DialogueId == ownership.DialogueId && f.UserId == toUserId, cancellationToken);
                if (existing is null)
                {
                    db.DialogueFacilitators.Add(new DialogueFacilitator { DialogueId = ownership.DialogueId, UserId = toUserId, IsOwner = true });
                }
                else
                {
                    existing.IsOwner = true;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            LogChange(logger, $"ownership of {owned.Count} dialogues transferred to {toUserId}", fromUserId, changedBy);
            return (owned.Count, null);
        }, cancellationToken);

    /// <summary>
    /// Deletes an account that takes part in no dialogue (transfer ownership and remove it as co-facilitator
    /// first). Accounts that ran dialogues are deactivated instead: the record keeps who did what.
    /// </summary>
    public async Task<TeamError?> DeleteAsync(string userId, string deletedBy, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            if (userId == deletedBy)
            {
                return TeamError.NotYourself;
            }

            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return TeamError.UnknownAccount;
            }

            if (await db.DialogueFacilitators.AnyAsync(f => f.UserId == userId && f.IsOwner, cancellationToken))
            {
                return TeamError.OwnsDialogues;
            }

            if (await db.DialogueFacilitators.AnyAsync(f => f.UserId == userId, cancellationToken))
            {
                return TeamError.HasDialogues;
            }

            if (await users.IsInRoleAsync(user, Roles.Administrator) && await OtherActiveAdministratorsAsync(userId, cancellationToken) == 0)
            {
                return TeamError.LastAdministrator;
            }

            await sessions.EndAsync(userId);
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                throw new InvalidOperationException("The account could not be deleted: " + string.Join(", ", deleted.Errors.Select(e => e.Code)));
            }

            LogChange(logger, "deleted", userId, deletedBy);
            return (TeamError?)null;
        }, cancellationToken);

    /// <summary>The Dutch sentence for an error, for the administrator's forms.</summary>
    public static string Describe(TeamError error) => error switch
    {
        TeamError.InvalidEmail => ServerTexts.TeamErrorInvalidEmail,
        TeamError.NoRoles => ServerTexts.TeamErrorNoRoles,
        TeamError.UnknownRole => ServerTexts.TeamErrorUnknownRole,
        TeamError.AccountExists => ServerTexts.TeamErrorAccountExists,
        TeamError.UnknownAccount => ServerTexts.TeamErrorUnknownAccount,
        TeamError.LastAdministrator => ServerTexts.TeamErrorLastAdministrator,
        TeamError.NotYourself => ServerTexts.TeamErrorNotYourself,
        TeamError.OwnsDialogues => ServerTexts.TeamErrorOwnsDialogues,
        TeamError.HasDialogues => ServerTexts.TeamErrorHasDialogues,
        _ => ServerTexts.TeamErrorNotAFacilitator,
    };

    public static string RoleName(string role) => role switch
    {
        Roles.Administrator => ServerTexts.RoleAdministrator,
        Roles.Analyst => ServerTexts.RoleAnalyst,
        _ => ServerTexts.RoleFacilitator,
    };

    public static string RoleHint(string role) => role switch
    {
        Roles.Administrator => ServerTexts.RoleAdministratorHint,
        Roles.Analyst => ServerTexts.RoleAnalystHint,
        _ => ServerTexts.RoleFacilitatorHint,
    };

    private async Task<int> OtherActiveAdministratorsAsync(string userId, CancellationToken cancellationToken) =>
        await (from u in db.Users
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == Roles.Administrator && u.IsActive && u.Id != userId
               select u.Id).CountAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {UserId} {Change} by {ChangedBy}.")]
    private static partial void LogChange(ILogger logger, string change, string userId, string changedBy);
}
