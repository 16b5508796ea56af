using Microsoft.AspNetCore.Identity;

namespace IbtDialogue.Accounts;

/// <summary>An account of an inspector who prepares and runs dialogues.</summary>
public sealed class FacilitatorUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}

public static class Roles
{
    public const string Facilitator = "Facilitator";
    public const string Administrator = "Administrator";
}
