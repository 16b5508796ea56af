using Microsoft.AspNetCore.Identity;

namespace IbtDialogue.Accounts;

/// <summary>An account of someone at the Inspectie: an inspector who runs dialogues, an analyst, an administrator.</summary>
public sealed class UserAccount : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A deactivated account cannot sign in, and its cookies and hub connections stop working at once.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }
}

/// <summary>The roles an account can have; one account may have several.</summary>
public static class Roles
{
    /// <summary>Prepares and runs their own dialogues and those they co-facilitate; edits and publishes their minutes.</summary>
    public const string Facilitator = "Facilitator";

    /// <summary>Manages accounts and the official templates; can do everything a facilitator can.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Reads every closed dialogue's record and the national picture; curates the national catalogue.</summary>
    public const string Analyst = "Analyst";

    public static readonly IReadOnlyList<string> All = [Facilitator, Analyst, Administrator];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
