using IbtDialogue.Client.Resources;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Contributions;

/// <summary>
/// Turns stored contributions into what an audience may see. Facilitators see every contribution that still
/// exists (pending and hidden ones marked); the room sees visible contributions only. Everyone sees the author
/// as far as the anonymity the contribution was posted under allows (a later change of the dialogue's
/// anonymity does not reveal it); facilitators' own contributions always carry their name.
/// </summary>
internal static class ContributionViews
{
    /// <summary>A contribution with everything any audience could be shown.</summary>
    internal sealed record ItemRow(
        int Id,
        int ThemeId,
        ContributionKind Kind,
        ContributionStatus Status,
        string Text,
        int? ParticipantId,
        string? AuthorUserId,
        string? ParticipantName,
        string? ParticipantOrganisation,
        string? FacilitatorName,
        int Reactions,
        bool Edited,
        DateTime CreatedAt,
        int? ParentId,
        string? PracticeTitle,
        string? PracticeWhy,
        string? PracticeOrganisation,
        CycleStep? PracticeStep,
        string? ContactName,
        string? ContactDetails,
        Anonymity Anonymity);

    public static IQueryable<ItemRow> Items(DialogueDb db, IQueryable<Contribution> which) =>
        from c in which.AsNoTracking()
        join p in db.Participants on c.ParticipantId equals p.Id into participants
        from p in participants.DefaultIfEmpty()
        join u in db.Users on c.AuthorUserId equals u.Id into users
        from u in users.DefaultIfEmpty()
        orderby c.Id
        select new ItemRow(
            c.Id, c.ThemeId, c.Kind, c.Status, c.Text, c.ParticipantId, c.AuthorUserId,
            p.DisplayName, p.Organisation, u.DisplayName,
            db.Reactions.Count(r => r.ContributionId == c.Id),
            c.Edited, c.CreatedAt, c.ParentId,
            c.PracticeTitle, c.PracticeWhy, c.PracticeOrganisation, c.PracticeStep, c.ContactName, c.ContactDetails, c.Anonymity);

    public static bool ExistsFor(ContributionStatus status, RoomRole audience) => audience == RoomRole.Facilitator
        ? status is ContributionStatus.Visible or ContributionStatus.Pending or ContributionStatus.Hidden
        : status == ContributionStatus.Visible;

    public static ContributionView View(ItemRow row, RoomRole audience)
    {
        var name = row.ParticipantName ?? row.FacilitatorName;
        var organisation = row.ParticipantId is null ? Texts.InspectorateName : row.ParticipantOrganisation;
        var facilitatorAuthored = row.ParticipantId is null && row.AuthorUserId is not null;
        if (!facilitatorAuthored)
        {
            // Inspectors speak under their own name; participants as the anonymity they posted under says, for
            // facilitators too (openness towards the supervisor is what anonymity is for).
            name = row.Anonymity == Anonymity.Named ? name : null;
            organisation = row.Anonymity == Anonymity.Anonymous ? null : organisation;
        }

        var practice = row.Kind == ContributionKind.GoodPractice
            ? new GoodPracticeView(row.PracticeTitle ?? "", row.PracticeWhy ?? "", row.PracticeOrganisation ?? "", row.PracticeStep ?? CycleStep.Plan, row.ContactName, row.ContactDetails)
            : null;
        return new ContributionView(
            row.Id, row.ThemeId, row.Kind, row.Status, row.Text, name, organisation, row.Reactions, row.Edited,
            new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)),
            Practice: practice,
            ParentId: row.ParentId,
            ByFacilitator: facilitatorAuthored);
    }

    /// <summary>The change of some contributions, as facilitators and as the room see it.</summary>
    public static (RoomDelta Facilitators, RoomDelta Room) ItemsDelta(IEnumerable<ItemRow> rows, RoomDelta? with = null)
    {
        var facilitators = Split(rows, RoomRole.Facilitator);
        var room = Split(rows, RoomRole.Participant);
        var basis = with ?? RoomDelta.Nothing;
        return (
            basis with { Contributions = facilitators.Upserts, RemovedContributions = facilitators.Removed },
            basis with { Contributions = room.Upserts, RemovedContributions = room.Removed });
    }

    private static (IReadOnlyList<ContributionView>? Upserts, IReadOnlyList<int>? Removed) Split(IEnumerable<ItemRow> rows, RoomRole audience)
    {
        var upserts = new List<ContributionView>();
        var removed = new List<int>();
        foreach (var row in rows)
        {
            if (ExistsFor(row.Status, audience))
            {
                upserts.Add(View(row, audience));
            }
            else
            {
                removed.Add(row.Id);
            }
        }

        return (upserts.Count == 0 ? null : upserts, removed.Count == 0 ? null : removed);
    }
}
