namespace IbtDialogue.Accounts;

/// <summary>
/// One signed-in browser, kept on the server: the cookie carries only a key to it. Logging out deletes it, so a
/// saved copy of the cookie opens nothing any more; idle and absolute time-outs end it too.
/// </summary>
public sealed class AccountSession
{
    /// <summary>The SHA-256 of the key in the cookie.</summary>
    public required string KeyHash { get; set; }

    public required string UserId { get; set; }

    /// <summary>The authentication ticket, serialized and protected with the Data Protection keys.</summary>
    public required byte[] Ticket { get; set; }

    public DateTime SignedInAt { get; set; }

    /// <summary>When it ends unless used before then (the idle time-out, renewed on use).</summary>
    public DateTime ExpiresAt { get; set; }
}
