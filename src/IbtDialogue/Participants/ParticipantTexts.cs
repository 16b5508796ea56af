using IbtDialogue.Resources;

namespace IbtDialogue.Participants;

public static class ParticipantTexts
{
    public static string OrganisationType(OrganisationType type) => type switch
    {
        Participants.OrganisationType.Municipality => ServerTexts.OrgTypeMunicipality,
        Participants.OrganisationType.Ggd => ServerTexts.OrgTypeGgd,
        Participants.OrganisationType.SchoolBoard => ServerTexts.OrgTypeSchoolBoard,
        Participants.OrganisationType.ChildcareOrganisation => ServerTexts.OrgTypeChildcareOrganisation,
        Participants.OrganisationType.Ministry => ServerTexts.OrgTypeMinistry,
        Participants.OrganisationType.Vng => ServerTexts.OrgTypeVng,
        Participants.OrganisationType.Inspectorate => ServerTexts.OrgTypeInspectorate,
        _ => ServerTexts.OrgTypeOther,
    };
}
