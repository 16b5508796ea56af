using System.Security.Claims;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Accounts;

/// <summary>The first-run setup, and what people do with their own account: name, password, second factor.</summary>
public sealed class AccountService(
    IDbContextFactory<DialogueDb> dbFactory, UserManager<UserAccount> users, RoleManager<IdentityRole> roles, SignInManager<UserAccount> signIn, WriteGate gate, TimeProvider clock)
{
    public const string AuthenticatorIssuer = "Lerende dialogen (Inspectie van het Onderwijs)";

    public async Task<bool> AnyFacilitatorAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Users.AnyAsync();
    }

    /// <summary>
    /// Creates the first account (facilitator and administrator) while no account exists. Answers the errors, or
    /// none and the user; answers null when an account exists already (the setup is over).
    /// </summary>
    public Task<(UserAccount? User, IReadOnlyList<IdentityError> Errors)?> CreateFirstAsync(string displayName, string email, string password, CancellationToken cancellationToken) =>
        gate.RunAsync<(UserAccount?, IReadOnlyList<IdentityError>)?>(async () =>
        {
            if (await AnyFacilitatorAsync())
            {
                return null;
            }

            await SeedRolesAsync(roles);
            var user = new UserAccount { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return (null, [.. created.Errors]);
            }

            await users.AddToRolesAsync(user, [Roles.Facilitator, Roles.Administrator]);
            return (user, []);
        }, cancellationToken);

    /// <summary>Makes the roles that are missing (at every start, so a new role exists before anyone is given it).</summary>
    public static async Task SeedRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public async Task<UserAccount?> CurrentAsync(ClaimsPrincipal principal) => await users.GetUserAsync(principal);

    public async Task ChangeDisplayNameAsync(UserAccount user, string displayName)
    {
        user.DisplayName = displayName;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
    }

    /// <summary>Changes the password; the new security stamp ends every other session of this account, this one is renewed.</summary>
    public async Task<IReadOnlyList<IdentityError>> ChangePasswordAsync(UserAccount user, string current, string next)
    {
        var changed = await users.ChangePasswordAsync(user, current, next);
        if (!changed.Succeeded)
        {
            return [.. changed.Errors];
        }

        await signIn.RefreshSignInAsync(user);
        return [];
    }

    /// <summary>The key to set up in an authenticator app (made on first use), and the otpauth address its QR code holds.</summary>
    public async Task<(string Key, string Uri)> AuthenticatorAsync(UserAccount user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;

            // Making a key gives the account a new security stamp: renew this sign-in, or the next request ends it.
            await signIn.RefreshSignInAsync(user);
        }

        var label = Uri.EscapeDataString($"{AuthenticatorIssuer}:{user.Email}");
        return (key, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(AuthenticatorIssuer)}&digits=6");
    }

    /// <summary>Turns the second factor on after one good code; answers the recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnableTwoFactorAsync(UserAccount user, string? code)
    {
        var clean = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);

        // A fresh sign-in that counts as one with a second factor: the code was just shown to work.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return [.. recovery ?? []];
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(UserAccount user) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];

    public async Task DisableTwoFactorAsync(UserAccount user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.SignInAsync(user, isPersistent: false); // No longer a sign-in with a second factor.
    }
}
