namespace IbtDialogue.Accounts;

public enum AccountLinkPurpose
{
    /// <summary>Makes a new account with the roles the administrator chose.</summary>
    Invitation,

    /// <summary>Sets a new password for an existing account.</summary>
    PasswordReset,
}

/// <summary>
/// A one-time link that an administrator hands out (or the app mails): an invitation to make an account, or
/// a password reset. Only the SHA-256 of its secret is stored; it works once and until it expires.
/// </summary>
public sealed class AccountLink
{
    public int Id { get; set; }

    public AccountLinkPurpose Purpose { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>Whom it is for: the invitee's address, or the account's address for a reset.</summary>
    public required string Email { get; set; }

    /// <summary>For an invitation: the roles the new account gets, comma-separated.</summary>
    public string? Roles { get; set; }

    /// <summary>For a reset: the account whose password it sets.</summary>
    public string? UserId { get; set; }

    /// <summary>Who made it; null when someone asked for a reset themselves.</summary>
    public string? CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public IReadOnlyList<string> RoleList() => Roles is { Length: > 0 } roles ? roles.Split(',') : [];
}
