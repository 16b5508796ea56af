namespace IbtDialogue.Participants;

/// <summary>What kind of organisation someone speaks for; the national picture filters by it.</summary>
public enum OrganisationType
{
    Municipality,
    Ggd,
    SchoolBoard,
    ChildcareOrganisation,
    Ministry,
    Vng,
    Inspectorate,
    Other,
}
