using IbtDialogue.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Accounts;

/// <summary>The first-run setup and the questions pages ask about accounts.</summary>
public sealed class AccountService(IDbContextFactory<DialogueDb> dbFactory, UserManager<FacilitatorUser> users, RoleManager<IdentityRole> roles, WriteGate gate)
{
    public async Task<bool> AnyFacilitatorAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Users.AnyAsync();
    }

    /// <summary>
    /// Creates the first facilitator (also administrator) while no account exists. Answers the errors, or
    /// none and the user; answers null when an account exists already (the setup is over).
    /// </summary>
    public Task<(FacilitatorUser? User, IReadOnlyList<IdentityError> Errors)?> CreateFirstAsync(string displayName, string email, string password, CancellationToken cancellationToken) =>
        gate.RunAsync<(FacilitatorUser?, IReadOnlyList<IdentityError>)?>(async () =>
        {
            if (await AnyFacilitatorAsync())
            {
                return null;
            }

            foreach (var role in new[] { Roles.Facilitator, Roles.Administrator })
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
            }

            var user = new FacilitatorUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return (null, [.. created.Errors]);
            }

            await users.AddToRolesAsync(user, [Roles.Facilitator, Roles.Administrator]);
            return (user, []);
        }, cancellationToken);
}
