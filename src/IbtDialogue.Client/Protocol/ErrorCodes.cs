namespace IbtDialogue.Client.Protocol;

/// <summary>
/// Error codes a hub method can answer with. They are part of the public contract (docs/protocol.md):
/// add new ones, never rename or reuse one.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The payload is missing or malformed (e.g. an empty command id).</summary>
    public const string BadRequest = "bad_request";

    /// <summary>The caller may not do this (e.g. a participant calling a facilitator method).</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The dialogue, theme or item does not exist or is not visible to the caller.</summary>
    public const string NotFound = "not_found";

    /// <summary>The text is empty or whitespace only.</summary>
    public const string TextEmpty = "text_empty";

    /// <summary>The text is longer than allowed.</summary>
    public const string TextTooLong = "text_too_long";

    /// <summary>The dialogue is not open for input (still a draft, or closed).</summary>
    public const string DialogueNotOpen = "dialogue_not_open";

    /// <summary>The dialogue is closed; nothing can change any more.</summary>
    public const string DialogueClosed = "dialogue_closed";

    /// <summary>The command id was already used for a different command or by a different caller.</summary>
    public const string DuplicateCommand = "duplicate_command";

    /// <summary>The server could not reach the client's hub (client side only: connection lost).</summary>
    public const string Unavailable = "unavailable";
}
