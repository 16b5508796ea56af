using IbtDialogue.Client.Protocol;

namespace IbtDialogue.Dialogues;

/// <summary>A lerende dialoog: one live session with its agenda, its participants and what they said.</summary>
public sealed class Dialogue
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The short code participants type to join; unique over all dialogues, also closed ones.</summary>
    public required string JoinCode { get; set; }

    public DialogueStatus Status { get; set; }

    /// <summary>Bumped by every change of the live room; the hub's events carry it (see docs/protocol.md).</summary>
    public long Version { get; set; }

    public int? CurrentThemeId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? OpenedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

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

    /// <summary>What the law aims at for this theme ("het doel van de wet"), shown to participants.</summary>
    public string? Goal { get; set; }
}

/// <summary>A facilitator account that may run the dialogue (its creator and co-facilitators).</summary>
public sealed class DialogueFacilitator
{
    public int DialogueId { get; set; }

    public required string UserId { get; set; }

    public bool IsOwner { get; set; }
}
