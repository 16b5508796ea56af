using IbtDialogue.Dialogues;

namespace IbtDialogue.Series;

/// <summary>
/// Dialogues of one domain and region over the years, such as "LEA-overleg regio Twente": the next one is
/// prepared from the one before, and its agreements are followed across the years. Shared by the whole team.
/// </summary>
public sealed class DialogueSeries
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Every dialogue in the series belongs to this domain.</summary>
    public Domain Domain { get; set; }

    /// <summary>The GGD region it is for, if it is for one.</summary>
    public string? Region { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The facilitator who made it (null once that account is gone).</summary>
    public string? CreatedByUserId { get; set; }
}

/// <summary>
/// An agreement of an earlier dialogue of the series that was still open (or in progress) when this dialogue was
/// prepared: it is looked back on in the "Terugblik" part of the agenda, in the room and in the minutes.
/// </summary>
public sealed class CarriedAgreement
{
    public int DialogueId { get; set; }

    public int AgreementId { get; set; }

    /// <summary>The order on the look-back list.</summary>
    public int Position { get; set; }
}
