namespace IbtDialogue.Dialogues;

/// <summary>The field of supervision a dialogue belongs to; the national picture is kept per domain.</summary>
public enum Domain
{
    /// <summary>Toezicht en handhaving kinderopvang: the municipality's supervision of childcare.</summary>
    ChildcareSupervision,

    /// <summary>LEA-overleg: the yearly consultation of the local education agenda.</summary>
    LeaConsultation,

    Other,
}
