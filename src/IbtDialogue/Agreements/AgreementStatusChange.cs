using IbtDialogue.Protocol;

namespace IbtDialogue.Agreements;

/// <summary>
/// One step in the follow-up of an agreement: from which status to which, with a short note, by whom and when.
/// A facilitator is kept as their account (the name is looked up when shown); the owner organisation's contact,
/// who has no account, as the name they gave — personal data that the dialogue's retention rules pseudonymise.
/// </summary>
public sealed class AgreementStatusChange
{
    public int Id { get; set; }

    public int AgreementId { get; set; }

    public AgreementStatus From { get; set; }

    public AgreementStatus To { get; set; }

    public required string Note { get; set; }

    /// <summary>The facilitator who made the change; null when the contact did, through a follow-up link.</summary>
    public string? ByUserId { get; set; }

    /// <summary>The name the contact gave (null for a facilitator's change).</summary>
    public string? ByContactName { get; set; }

    /// <summary>The follow-up link the contact used.</summary>
    public int? LinkId { get; set; }

    public DateTime ChangedAt { get; set; }
}

/// <summary>
/// A personal follow-up link for the contact of an agreement's owner organisation: opens one agreement, without an
/// account, until it expires. Only the SHA-256 of its secret is stored; a new link for the same agreement
/// revokes the older one.
/// </summary>
public sealed class AgreementLink
{
    public int Id { get; set; }

    public int AgreementId { get; set; }

    public required string TokenHash { get; set; }

    public required string CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }
}
