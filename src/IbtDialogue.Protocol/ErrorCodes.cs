namespace IbtDialogue.Protocol;

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

    /// <summary>This input is not open now: another theme or phase is current, or the facilitator locked input.</summary>
    public const string PhaseClosed = "phase_closed";

    /// <summary>The contribution was hidden, withdrawn or merged: it cannot be used any more.</summary>
    public const string ItemUnavailable = "item_unavailable";

    /// <summary>This person already gave this contribution a +1.</summary>
    public const string AlreadyReacted = "already_reacted";

    /// <summary>This person gave this contribution no +1 to take back.</summary>
    public const string NotReacted = "not_reacted";

    /// <summary>Only the author (or a facilitator) may change this contribution.</summary>
    public const string NotYours = "not_yours";

    /// <summary>A duration outside the allowed range, or a timer action that does not fit its state.</summary>
    public const string InvalidTimer = "invalid_timer";

    /// <summary>The theme is the current one; move on before removing it.</summary>
    public const string ThemeInUse = "theme_in_use";

    /// <summary>The theme has contributions or agreements; removing it would lose them.</summary>
    public const string ThemeHasContent = "theme_has_content";

    /// <summary>The agenda must keep at least one theme.</summary>
    public const string AgendaEmpty = "agenda_empty";

    /// <summary>Merging needs two different contributions of the same theme.</summary>
    public const string InvalidMerge = "invalid_merge";

    /// <summary>A contact person is named without their consent to be approached.</summary>
    public const string ConsentRequired = "consent_required";

    /// <summary>The theme's vote is not open (not started yet, or closed and frozen).</summary>
    public const string VotingClosed = "voting_closed";

    /// <summary>The vote's settings can no longer change (it opened), or results cannot show yet (it is still open).</summary>
    public const string VotingState = "voting_state";

    /// <summary>More points than the budget in total.</summary>
    public const string OverBudget = "over_budget";

    /// <summary>More points on one risk than the cap.</summary>
    public const string OverCap = "over_cap";

    /// <summary>Points below 0, or a rating outside 1–5, or a budget or cap outside its range.</summary>
    public const string InvalidVote = "invalid_vote";

    /// <summary>This vote uses another method (dots versus matrix).</summary>
    public const string WrongMethod = "wrong_method";

    /// <summary>The risk cannot be changed or removed now (votes were cast, or it is not a proposal).</summary>
    public const string RiskLocked = "risk_locked";

    /// <summary>The catalogue risk is on this theme's list already.</summary>
    public const string RiskExists = "risk_exists";

    /// <summary>The theme is not a theme of the supervision framework, so the national picture has nothing for it.</summary>
    public const string NotNational = "not_national";

    /// <summary>
    /// Too many calls in too short a time from this participant, account or connection: nothing was done and
    /// nothing was stored; the connection stays open, and the same call may be sent again a moment later.
    /// </summary>
    public const string RateLimited = "rate_limited";

    /// <summary>
    /// This participant has as many live connections open as allowed (a few tabs): a further connection is
    /// closed by the server right after it opened, with this code in the close message.
    /// </summary>
    public const string TooManyConnections = "too_many_connections";

    /// <summary>An agreement's due date lies before today (Dutch time): a new agreement, or a changed date, must lie ahead.</summary>
    public const string DueInPast = "due_in_past";

    /// <summary>The server could not reach the client's hub (client side only: connection lost).</summary>
    public const string Unavailable = "unavailable";
}
