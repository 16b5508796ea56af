using IbtDialogue.Protocol;

namespace IbtDialogue.Dialogues;

/// <summary>A lerende dialoog: one live session with its agenda, its participants and what they said.</summary>
public sealed class Dialogue
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>When it starts and ends, in Dutch time (Europe/Amsterdam), if the facilitator said so.</summary>
    public TimeOnly? StartTime { get; set; }

    public TimeOnly? EndTime { get; set; }

    /// <summary>Where it takes place: an address, a room, or "online".</summary>
    public string? Place { get; set; }

    /// <summary>The field it belongs to (from its template, or chosen when preparing); the national picture counts per domain.</summary>
    public Domain Domain { get; set; }

    /// <summary>The year it counts for in the national picture (the year of its date unless chosen otherwise).</summary>
    public int Year { get; set; }

    /// <summary>The GGD region it is for; when not chosen, the region of most of the municipalities that took part, set at closing.</summary>
    public string? Region { get; set; }

    /// <summary>The series it belongs to (the same domain), if any; the next dialogue of a series is prepared from it.</summary>
    public int? SeriesId { get; set; }

    /// <summary>The unguessable part of the address where participants see the results beside the national picture.</summary>
    public string? ResultsKey { get; set; }

    /// <summary>When its votes and good practices were counted into the national picture (after closing).</summary>
    public DateTime? CountedAt { get; set; }

    /// <summary>What of the national picture the facilitator put on everyone's screen, if anything.</summary>
    public NationalItemKind? ShownNationalKind { get; set; }

    public int? ShownNationalId { get; set; }

    /// <summary>What the screen shows of it, fixed when it was put there (the picture may change while it is shown).</summary>
    public string? ShownNationalTitle { get; set; }

    public string? ShownNationalText { get; set; }

    public string? ShownNationalSource { get; set; }

    /// <summary>The short code participants type to join; unique over all dialogues, also closed ones.</summary>
    public required string JoinCode { get; set; }

    public DialogueStatus Status { get; set; }

    /// <summary>Bumped by every change of the live room; the hub's events carry it (see docs/protocol.md).</summary>
    public long Version { get; set; }

    /// <summary>Raised by every enter and leave (not a room change); orders presence reports across nodes.</summary>
    public long PresenceVersion { get; set; }

    public int? CurrentThemeId { get; set; }

    public Phase CurrentPhase { get; set; }

    /// <summary>The facilitator stopped input for the current phase (participants can still read).</summary>
    public bool InputLocked { get; set; }

    /// <summary>The phase timer's total length; null when no timer is set.</summary>
    public int? TimerDurationSeconds { get; set; }

    /// <summary>When a running timer ends (UTC); null when paused or not set.</summary>
    public DateTime? TimerEndsAt { get; set; }

    /// <summary>What is left of a paused timer; null when running or not set.</summary>
    public int? TimerRemainingSeconds { get; set; }

    /// <summary>The contribution on everyone's screen, if any.</summary>
    public int? SpotlightContributionId { get; set; }

    public Anonymity Anonymity { get; set; }

    /// <summary>Participants' contributions wait for a moderator before others see them.</summary>
    public bool ApproveBeforeShow { get; set; }

    public bool ObserversAllowed { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime? OpenedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>When a facilitator put the closed dialogue in the archive: out of the default list, nothing else changes.</summary>
    public DateTime? ArchivedAt { get; set; }

    /// <summary>How many months after closing the participants' personal data is kept; then it is pseudonymised.</summary>
    public int RetentionMonths { get; set; } = 12;

    /// <summary>When the participants' personal data was pseudonymised (null: not yet).</summary>
    public DateTime? PseudonymisedAt { get; set; }

    /// <summary>Made up by <c>seed-demo</c> to show the national picture on a new install; pages say so.</summary>
    public bool IsDemo { get; set; }

    public List<Theme> Themes { get; set; } = [];

    public List<DialogueFacilitator> Facilitators { get; set; } = [];
}

/// <summary>An item on the agenda of a dialogue.</summary>
public sealed class Theme
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public int Position { get; set; }

    public required string Title { get; set; }

    /// <summary>The theme of the supervision framework it is (from the template, or linked by the facilitator); null for a theme of its own.</summary>
    public string? ThemeKey { get; set; }

    /// <summary>What the law aims at for this theme ("het doel van de wet"), shown to participants.</summary>
    public string? Goal { get; set; }

    /// <summary>The "Terugblik" of a series: the room and the minutes show the agreements carried over from earlier dialogues here.</summary>
    public bool IsLookBack { get; set; }

    public VoteMethod VoteMethod { get; set; }

    /// <summary>Dot voting: points per participant.</summary>
    public int DotBudget { get; set; } = 5;

    /// <summary>Dot voting: most points on one risk.</summary>
    public int DotCap { get; set; } = 3;

    public VoteState VoteState { get; set; }

    public bool ResultsRevealed { get; set; }
}

/// <summary>A facilitator account that may run the dialogue (its creator and co-facilitators).</summary>
public sealed class DialogueFacilitator
{
    public int DialogueId { get; set; }

    public required string UserId { get; set; }

    public bool IsOwner { get; set; }
}
