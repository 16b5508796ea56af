using IbtDialogue.Protocol;

namespace IbtDialogue.Agreements;

/// <summary>An agreement or follow-up action recorded during a dialogue: what, who, by when.</summary>
public sealed class Agreement
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public int ThemeId { get; set; }

    public required string What { get; set; }

    public string? Who { get; set; }

    public DateOnly? Due { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>Where the follow-up stands; every change is kept in <see cref="AgreementStatusChange"/>.</summary>
    public AgreementStatus Status { get; set; }
}
