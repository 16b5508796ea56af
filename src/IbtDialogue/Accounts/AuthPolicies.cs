using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Accounts;

public static class AuthPolicies
{
    /// <summary>A participant (by token) or an account (by cookie): may enter a room, subject to the engine's check.</summary>
    public const string RoomMember = "RoomMember";

    /// <summary>May prepare and run dialogues: a facilitator or an administrator.</summary>
    public const string Facilitator = "Facilitator";

    /// <summary>May read every closed dialogue's record and the national picture: an analyst.</summary>
    public const string Analyst = "Analyst";

    /// <summary>May keep the national risk catalogue and decide about the good-practice library: an analyst or an administrator.</summary>
    public const string Curator = "Curator";

    /// <summary>May read the record of a dialogue: a facilitator (of that dialogue, checked by the service) or an analyst (closed dialogues).</summary>
    public const string RecordReader = "RecordReader";

    /// <summary>May manage accounts and official templates: an administrator, signed in with a second factor when so configured.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Any signed-in account, whatever its roles (its own account page).</summary>
    public const string SignedIn = "SignedIn";
}

/// <summary>Configuration section <c>Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Administrators must sign in with an authenticator app (a local password alone is not enough).</summary>
    public bool RequireTwoFactorForAdministrators { get; set; }
}

/// <summary>An administrator's sign-in used a second factor: a code from the authenticator app, or the organisation's provider.</summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement;

public sealed class SecondFactorHandler(IOptionsMonitor<AccountOptions> options) : AuthorizationHandler<SecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (!options.CurrentValue.RequireTwoFactorForAdministrators || UsedSecondFactor(context.User))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary>Identity marks a sign-in with an authenticator code as <c>amr: mfa</c>, and one through an external provider with that provider.</summary>
    public static bool UsedSecondFactor(ClaimsPrincipal user) =>
        user.HasClaim("amr", "mfa") || user.HasClaim(ClaimTypes.AuthenticationMethod, OrganisationSignIn.Scheme);
}
