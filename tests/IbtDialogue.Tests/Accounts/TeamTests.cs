using IbtDialogue.Accounts;
using IbtDialogue.Dialogues;
using IbtDialogue.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Accounts;

/// <summary>The rules of the team's accounts, on the app's own services and a real database, with the test's clock.</summary>
public sealed class TeamTests : HarnessTests
{
    private static readonly Uri Site = new("https://dialogen.example/");
    private const string Password = "een lang genoeg wachtwoord";

    private AsyncServiceScope scope;

    private TeamService Team => scope.ServiceProvider.GetRequiredService<TeamService>();

    private AccountLinks Links => scope.ServiceProvider.GetRequiredService<AccountLinks>();

    private UserManager<UserAccount> Users => scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        scope = h.Services.CreateAsyncScope();
    }

    /// <summary>A fresh scope, as a new request has: nothing cached from the last one.</summary>
    private async Task NewRequestAsync()
    {
        await scope.DisposeAsync();
        scope = h.Services.CreateAsyncScope();
    }

    private async Task<UserAccount> AccountAsync(string email, params string[] roles)
    {
        var user = new UserAccount { UserName = email, Email = email, DisplayName = email.Split('@')[0], EmailConfirmed = true };
        Assert.True((await Users.CreateAsync(user, Password)).Succeeded);
        await Users.AddToRolesAsync(user, roles);
        return user;
    }

    private static string Secret(IssuedLink link) => System.Web.HttpUtility.ParseQueryString(link.Url.Query)["code"]!;

    [Fact]
    public async Task An_invitation_makes_an_account_with_the_chosen_roles_once()
    {
        var admin = await AccountAsync("beheer@owinsp.example", Roles.Administrator);
        var (link, error) = await Team.InviteAsync(" kees@owinsp.example ", [Roles.Facilitator, Roles.Analyst], admin.Id, Site, Ct);
        Assert.Null(error);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime.AddDays(7), link!.ExpiresAt);
        Assert.False(link.Mailed); // No mail server configured: the administrator copies the link.
        Assert.StartsWith("https://dialogen.example/account/uitnodiging?code=", link.Url.ToString(), StringComparison.Ordinal);

        // Only the hash is kept: the secret itself is nowhere in the table.
        var secret = Secret(link);
        var stored = await h.QueryAsync(db => db.AccountLinks.SingleAsync());
        Assert.NotEqual(secret, stored.TokenHash);
        Assert.Equal(IbtDialogue.Persistence.StoredSecrets.Hash(secret), stored.TokenHash);

        var (user, problem, errors) = await Links.AcceptInvitationAsync(secret, "Kees de Boer", Password, Ct);
        Assert.Null(problem);
        Assert.Empty(errors);
        Assert.Equal("kees@owinsp.example", user!.Email);
        Assert.Equal([Roles.Analyst, Roles.Facilitator], (await Users.GetRolesAsync(user)).Order(StringComparer.Ordinal));

        await NewRequestAsync();
        var (again, usedProblem, _) = await Links.AcceptInvitationAsync(secret, "Nog eens", Password, Ct);
        Assert.Null(again);
        Assert.Equal(LinkProblem.Used, usedProblem);
        Assert.Equal(2, await h.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Bad_invitations_are_refused_and_store_nothing()
    {
        var admin = await AccountAsync("beheer@owinsp.example", Roles.Administrator);
        await AccountAsync("bestaat@owinsp.example", Roles.Facilitator);

        Assert.Equal(TeamError.InvalidEmail, (await Team.InviteAsync("geen adres", [Roles.Facilitator], admin.Id, Site, Ct)).Error);
        Assert.Equal(TeamError.InvalidEmail, (await Team.InviteAsync("Naam <a@b.nl>", [Roles.Facilitator], admin.Id, Site, Ct)).Error);
        Assert.Equal(TeamError.NoRoles, (await Team.InviteAsync("nieuw@owinsp.example", [], admin.Id, Site, Ct)).Error);
        Assert.Equal(TeamError.UnknownRole, (await Team.InviteAsync("nieuw@owinsp.example", ["Superuser"], admin.Id, Site, Ct)).Error);
        Assert.Equal(TeamError.AccountExists, (await Team.InviteAsync("BESTAAT@owinsp.example", [Roles.Facilitator], admin.Id, Site, Ct)).Error);
        Assert.Equal(0, await h.QueryAsync(db => db.AccountLinks.CountAsync()));
    }

    [Fact]
    public async Task Expired_forged_and_weak_password_uses_of_a_link_are_refused_and_change_nothing()
    {
        var admin = await AccountAsync("beheer@owinsp.example", Roles.Administrator);
        var (link, _) = await Team.InviteAsync("kees@owinsp.example", [Roles.Facilitator], admin.Id, Site, Ct);
        var secret = Secret(link!);

        Assert.Equal(LinkProblem.Unknown, (await Links.CheckAsync(AccountLinkPurpose.Invitation, secret + "x", Ct)).Problem);
        Assert.Equal(LinkProblem.Unknown, (await Links.CheckAsync(AccountLinkPurpose.Invitation, null, Ct)).Problem);
        Assert.Equal(LinkProblem.Unknown, (await Links.CheckAsync(AccountLinkPurpose.PasswordReset, secret, Ct)).Problem); // The other purpose.

        var (weak, weakProblem, errors) = await Links.AcceptInvitationAsync(secret, "Kees", "kort", Ct);
        Assert.Null(weak);
        Assert.Null(weakProblem);
        Assert.Contains(errors, e => e.Code == nameof(IdentityErrorDescriber.PasswordTooShort));
        Assert.Null(await h.QueryAsync(db => db.AccountLinks.Select(l => l.UsedAt).SingleAsync())); // Still usable.

        h.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        await NewRequestAsync();
        Assert.Equal(LinkProblem.Expired, (await Links.AcceptInvitationAsync(secret, "Kees", Password, Ct)).Problem);
        Assert.Equal(1, await h.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_new_invitation_for_the_same_address_revokes_the_old_one()
    {
        var admin = await AccountAsync("beheer@owinsp.example", Roles.Administrator);
        var (first, _) = await Team.InviteAsync("kees@owinsp.example", [Roles.Facilitator], admin.Id, Site, Ct);
        var (second, _) = await Team.InviteAsync("kees@owinsp.example", [Roles.Analyst], admin.Id, Site, Ct);

        Assert.Equal(LinkProblem.Expired, (await Links.CheckAsync(AccountLinkPurpose.Invitation, Secret(first!), Ct)).Problem);
        Assert.Equal([Roles.Analyst], (await Links.CheckAsync(AccountLinkPurpose.Invitation, Secret(second!), Ct)).Link!.Roles);
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_only_for_an_active_account()
    {
        var admin = await AccountAsync("beheer@owinsp.example", Roles.Administrator);
        var kees = await AccountAsync("kees@owinsp.example", Roles.Facilitator);
        var stampBefore = kees.SecurityStamp;
        var (link, _) = await Team.IssueResetLinkAsync(kees.Id, admin.Id, Site, Ct);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime.AddHours(24), link!.ExpiresAt);

        var (user, problem, _) = await Links.ResetPasswordAsync(Secret(link), "een heel nieuw wachtwoord", Ct);
        Assert.Null(problem);
        await NewRequestAsync();
        var fresh = (await Users.FindByIdAsync(kees.Id))!;
        Assert.True(await Users.CheckPasswordAsync(fresh, "een heel nieuw wachtwoord"));
        Assert.False(await Users.CheckPasswordAsync(fresh, Password));
        Assert.NotEqual(stampBefore, fresh.SecurityStamp); // Other sessions end.
        Assert.Equal(LinkProblem.Used, (await Links.ResetPasswordAsync(Secret(link), "nog een ander wachtwoord", Ct)).Problem);

        var (second, _) = await Team.IssueResetLinkAsync(kees.Id, admin.Id, Site, Ct);
        Assert.Null(await Team.SetActiveAsync(kees.Id, false, admin.Id, Ct));
        await NewRequestAsync();
        Assert.Equal(LinkProblem.AccountChanged, (await Links.ResetPasswordAsync(Secret(second!), "nog een ander wachtwoord", Ct)).Problem);
        Assert.Equal(TeamError.UnknownAccount, (await Team.IssueResetLinkAsync(kees.Id, admin.Id, Site, Ct)).Error);
    }

    [Fact]
    public async Task Asking_for_a_reset_without_mail_makes_no_link_whatever_the_address()
    {
        await AccountAsync("kees@owinsp.example", Roles.Facilitator);
        await Links.RequestResetAsync("kees@owinsp.example", Site, Ct);
        await Links.RequestResetAsync("onbekend@owinsp.example", Site, Ct);
        Assert.Equal(0, await h.QueryAsync(db => db.AccountLinks.CountAsync()));
    }

    [Fact]
    public async Task There_is_always_an_active_administrator_and_nobody_locks_themselves_out()
    {
        var admin = await AccountAsync("beheer@owinsp.example", Roles.Administrator, Roles.Facilitator);
        var kees = await AccountAsync("kees@owinsp.example", Roles.Facilitator);

        Assert.Equal(TeamError.LastAdministrator, await Team.SetRolesAsync(admin.Id, [Roles.Facilitator], kees.Id, Ct));
        Assert.Equal(TeamError.NotYourself, await Team.SetActiveAsync(admin.Id, false, admin.Id, Ct));
        Assert.Equal(TeamError.LastAdministrator, await Team.SetActiveAsync(admin.Id, false, kees.Id, Ct));
        Assert.Null(await Team.SetRolesAsync(kees.Id, [Roles.Facilitator, Roles.Administrator], admin.Id, Ct));
        Assert.Equal(TeamError.LastAdministrator, await Team.SetRolesAsync(admin.Id, [Roles.Facilitator], admin.Id, Ct)); // Not one's own.
        Assert.Null(await Team.SetRolesAsync(admin.Id, [Roles.Facilitator], kees.Id, Ct)); // Another administrator remains.
        Assert.Equal(TeamError.NoRoles, await Team.SetRolesAsync(kees.Id, [], admin.Id, Ct));
        Assert.Equal(TeamError.UnknownRole, await Team.SetRolesAsync(kees.Id, ["Root"], admin.Id, Ct));

        await NewRequestAsync();
        Assert.Equal([Roles.Facilitator], await Users.GetRolesAsync((await Users.FindByIdAsync(admin.Id))!));
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_and_its_old_sessions_no_longer_stand()
    {
        var admin = await AccountAsync("beheer@owinsp.example", Roles.Administrator);
        var kees = await AccountAsync("kees@owinsp.example", Roles.Facilitator);
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<UserAccount>>();
        var sessionBefore = await signIn.CreateUserPrincipalAsync(kees);
        var sessions = h.Services.GetRequiredService<AccountSessions>();
        Assert.True(await sessions.IsCurrentAsync(sessionBefore, Ct));

        Assert.Null(await Team.SetActiveAsync(kees.Id, false, admin.Id, Ct));
        await NewRequestAsync();
        var deactivated = (await Users.FindByIdAsync(kees.Id))!;
        Assert.False(deactivated.IsActive);
        Assert.False(await scope.ServiceProvider.GetRequiredService<SignInManager<UserAccount>>().CanSignInAsync(deactivated));
        Assert.False(await sessions.IsCurrentAsync(sessionBefore, Ct));

        Assert.Null(await Team.SetActiveAsync(kees.Id, true, admin.Id, Ct));
        await NewRequestAsync();
        Assert.True(await scope.ServiceProvider.GetRequiredService<SignInManager<UserAccount>>().CanSignInAsync((await Users.FindByIdAsync(kees.Id))!));
        Assert.False(await sessions.IsCurrentAsync(sessionBefore, Ct)); // The old session stays ended: sign in again.
    }

    [Fact]
    public async Task Ownership_moves_to_an_active_facilitator_and_only_an_account_in_no_dialogue_is_deleted()
    {
        var admin = await AccountAsync("beheer@owinsp.example", Roles.Administrator);
        var anna = await AccountAsync("anna@owinsp.example", Roles.Facilitator);
        var bert = await AccountAsync("bert@owinsp.example", Roles.Facilitator);
        var carla = await AccountAsync("carla@owinsp.example", Roles.Analyst);
        var dialogue = await h.CreateDialogueAsync(new IbtDialogue.Live.Actor(anna.Id, null, null));

        Assert.Equal(TeamError.OwnsDialogues, await Team.DeleteAsync(anna.Id, admin.Id, Ct));
        Assert.Equal(TeamError.NotAFacilitator, (await Team.TransferOwnershipAsync(anna.Id, carla.Id, admin.Id, Ct)).Error);
        Assert.Equal((1, (TeamError?)null), await Team.TransferOwnershipAsync(anna.Id, bert.Id, admin.Id, Ct));

        var facilitators = await h.QueryAsync(db => db.DialogueFacilitators.Where(f => f.DialogueId == dialogue).ToDictionaryAsync(f => f.UserId, f => f.IsOwner));
        Assert.Equal(new Dictionary<string, bool> { [anna.Id] = false, [bert.Id] = true }, facilitators);
        Assert.Equal(TeamError.HasDialogues, await Team.DeleteAsync(anna.Id, admin.Id, Ct));

        await h.Dialogues.RemoveFacilitatorAsync(dialogue, bert.Id, anna.Id, Ct);
        await NewRequestAsync();
        Assert.Equal(TeamError.NotYourself, await Team.DeleteAsync(admin.Id, admin.Id, Ct));
        Assert.Null(await Team.DeleteAsync(anna.Id, admin.Id, Ct));
        Assert.False(await h.QueryAsync(db => db.Users.AnyAsync(u => u.Id == anna.Id)));
    }

    [Fact]
    public async Task Official_templates_are_changed_by_administrators_and_own_templates_by_their_maker()
    {
        var templates = h.Services.GetRequiredService<TemplateService>();
        var official = await h.QueryAsync(db => db.Templates.Where(t => t.BuiltInKey != null).Select(t => t.Id).FirstAsync());
        var anna = new TemplateAuthor("anna", IsAdministrator: false);
        var bert = new TemplateAuthor("bert", IsAdministrator: false);
        var admin = new TemplateAuthor("beheer", IsAdministrator: true);
        TemplateThemeDraft[] themes = [new("Handhaving", null, "Handhaving blijft uit")];

        var (own, _) = await templates.SaveAsync(null, "Van Anna", null, themes, anna, Ct);
        Assert.Equal([NewDialogueError.NotYours], (await templates.SaveAsync(official, "Gekaapt", null, themes, anna, Ct)).Errors);
        Assert.Equal([NewDialogueError.NotYours], (await templates.SaveAsync(own, "Gekaapt", null, themes, bert, Ct)).Errors);
        Assert.False(await templates.DeleteAsync(own!.Value, bert, Ct));
        Assert.False(await templates.DeleteAsync(official, admin, Ct)); // Official templates stay; they can be changed.
        Assert.False((await templates.FindAsync(official, anna, Ct))!.MayChange);
        Assert.True((await templates.FindAsync(own.Value, anna, Ct))!.MayChange);

        Assert.Empty((await templates.SaveAsync(official, "Kinderopvang (bijgewerkt)", null, themes, admin, Ct)).Errors);
        Assert.Empty((await templates.SaveAsync(own, "Van Anna, door beheer", null, themes, admin, Ct)).Errors);
        Assert.Equal("Kinderopvang (bijgewerkt)", (await templates.FindAsync(official, anna, Ct))!.Name);
        Assert.Equal("Handhaving blijft uit", (await templates.FindAsync(own.Value, anna, Ct))!.Themes.Single().Risks); // Risks survive an edit.
        Assert.True(await templates.DeleteAsync(own.Value, anna, Ct));
    }

    [Fact]
    public async Task Colleagues_are_found_by_name_or_address_among_active_accounts_that_may_facilitate()
    {
        var anna = await AccountAsync("anna@owinsp.example", Roles.Facilitator);
        await AccountAsync("bert.jansen@owinsp.example", Roles.Facilitator);
        var gone = await AccountAsync("bernard@owinsp.example", Roles.Facilitator);
        await AccountAsync("berta@owinsp.example", Roles.Analyst);
        var admin = await AccountAsync("beheer@owinsp.example", Roles.Administrator);
        await Team.SetActiveAsync(gone.Id, false, admin.Id, Ct);
        var dialogue = await h.CreateDialogueAsync(new IbtDialogue.Live.Actor(anna.Id, null, null));

        var found = await h.Dialogues.FindColleaguesAsync(dialogue, anna.Id, "BER", Ct);
        Assert.Equal(["bert.jansen"], found!.Select(f => f.DisplayName));
        Assert.Equal(["beheer"], (await h.Dialogues.FindColleaguesAsync(dialogue, anna.Id, "beheer@owinsp", Ct))!.Select(f => f.DisplayName));
        Assert.Empty((await h.Dialogues.FindColleaguesAsync(dialogue, anna.Id, "b", Ct))!); // Too short to search.
        Assert.Null(await h.Dialogues.FindColleaguesAsync(dialogue, admin.Id, "bert", Ct)); // Not this dialogue's facilitator.

        Assert.Equal(CoFacilitatorError.UnknownAccount, await h.Dialogues.AddFacilitatorAsync(dialogue, anna.Id, gone.Id, Ct));
        var bert = found!.Single().UserId;
        Assert.Null(await h.Dialogues.AddFacilitatorAsync(dialogue, anna.Id, bert, Ct));
        Assert.Equal(CoFacilitatorError.AlreadyFacilitator, await h.Dialogues.AddFacilitatorAsync(dialogue, anna.Id, bert, Ct));
        Assert.Empty((await h.Dialogues.FindColleaguesAsync(dialogue, anna.Id, "bert", Ct))!);
    }
}
