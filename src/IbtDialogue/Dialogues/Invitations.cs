using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Dialogues;

/// <summary>An organisation invited to a dialogue: a municipality from the list, a GGD region, or another organisation by name.</summary>
public sealed class InvitedOrganisation
{
    public int Id { get; set; }

    public int DialogueId { get; set; }

    public OrganisationType Kind { get; set; }

    public required string Name { get; set; }
}

public enum InvitationError
{
    NameEmpty,
    NameTooLong,
    UnknownKind,
    UnknownMunicipality,
    UnknownGgdRegion,
    AlreadyInvited,

    /// <summary>Who was invited to a closed dialogue is part of its record.</summary>
    Closed,
}

/// <summary>An invited organisation with how many of its people took part (so far).</summary>
public sealed record InvitationLine(int Id, OrganisationType Kind, string Name, int Participants);

public sealed record InvitationList(DialogueStatus Status, IReadOnlyList<InvitationLine> Invited, int ParticipantsNotInvited);

/// <summary>Who is invited to a dialogue, and afterwards who of them took part.</summary>
public sealed class InvitationService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate)
{
    public const int MaxNameLength = 120;

    /// <summary>The kinds of organisation one can invite (the inspectorate itself is not invited to its own dialogue).</summary>
    public static IReadOnlyList<OrganisationType> Kinds { get; } =
        [OrganisationType.Municipality, OrganisationType.Ggd, OrganisationType.SchoolBoard, OrganisationType.ChildcareOrganisation, OrganisationType.Ministry, OrganisationType.Vng, OrganisationType.Other];

    /// <summary>The invitations of a dialogue this facilitator runs, with attendance; null when it is not theirs.</summary>
    public async Task<InvitationList?> ListAsync(int dialogueId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var status = await db.Dialogues.Where(d => d.Id == dialogueId && d.Facilitators.Any(f => f.UserId == userId))
            .Select(d => (DialogueStatus?)d.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return null;
        }

        var invited = await db.InvitedOrganisations.AsNoTracking().Where(i => i.DialogueId == dialogueId).ToListAsync(cancellationToken);
        var present = await db.Participants.AsNoTracking().Where(p => p.DialogueId == dialogueId)
            .Select(p => new { p.Organisation, p.OrganisationType }).ToListAsync(cancellationToken);
        var lines = invited
            .OrderBy(i => Kinds.ToList().IndexOf(i.Kind)).ThenBy(i => i.Name, StringComparer.CurrentCulture)
            .Select(i => new InvitationLine(i.Id, i.Kind, i.Name, present.Count(p => Matches(i, p.Organisation))))
            .ToList();
        var notInvited = present.Count(p => !invited.Any(i => Matches(i, p.Organisation)));
        return new InvitationList(status.Value, lines, notInvited);
    }

    /// <summary>Invites an organisation; answers what is wrong (nothing stored then), or null. A dialogue not theirs: <see cref="InvitationError.Closed"/> is never answered, the caller gets false.</summary>
    public async Task<(bool Found, InvitationError? Error)> AddAsync(int dialogueId, string userId, OrganisationType kind, string? name, CancellationToken cancellationToken)
    {
        var clean = TextRules.NormalizeLine(name);
        InvitationError? invalid = !Kinds.Contains(kind) ? InvitationError.UnknownKind
            : clean.Length == 0 ? InvitationError.NameEmpty
            : clean.Length > MaxNameLength ? InvitationError.NameTooLong
            : kind == OrganisationType.Municipality && Municipalities.Find(clean) is null ? InvitationError.UnknownMunicipality
            : kind == OrganisationType.Ggd && !Regions.GgdRegions.Contains(clean, StringComparer.OrdinalIgnoreCase) ? InvitationError.UnknownGgdRegion
            : null;
        // The list's own spelling ("'s-Hertogenbosch", "GGD Drenthe"), whatever the case typed.
        clean = kind switch
        {
            OrganisationType.Municipality when invalid is null => Municipalities.Find(clean)!,
            OrganisationType.Ggd when invalid is null => Regions.GgdRegions.First(r => string.Equals(r, clean, StringComparison.OrdinalIgnoreCase)),
            _ => clean,
        };

        return await gate.RunAsync<(bool, InvitationError?)>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var status = await db.Dialogues.Where(d => d.Id == dialogueId && d.Facilitators.Any(f => f.UserId == userId))
                .Select(d => (DialogueStatus?)d.Status).SingleOrDefaultAsync(cancellationToken);
            if (status is null)
            {
                return (false, null);
            }

            if (status == DialogueStatus.Closed)
            {
                return (true, InvitationError.Closed);
            }

            if (invalid is not null)
            {
                return (true, invalid);
            }

            var lower = clean.ToLowerInvariant();
            if (await db.InvitedOrganisations.AnyAsync(i => i.DialogueId == dialogueId && i.Kind == kind && i.Name.ToLower() == lower, cancellationToken))
            {
                return (true, InvitationError.AlreadyInvited);
            }

            db.InvitedOrganisations.Add(new InvitedOrganisation { DialogueId = dialogueId, Kind = kind, Name = clean });
            await db.SaveChangesAsync(cancellationToken);
            return (true, null);
        }, cancellationToken);
    }

    /// <summary>Takes an invitation back (not once the dialogue is closed); false when there is no such invitation to change.</summary>
    public async Task<bool> RemoveAsync(int dialogueId, string userId, int invitationId, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var invitation = await db.InvitedOrganisations.SingleOrDefaultAsync(
                i => i.Id == invitationId && i.DialogueId == dialogueId
                    && db.Dialogues.Any(d => d.Id == dialogueId && d.Status != DialogueStatus.Closed && d.Facilitators.Any(f => f.UserId == userId)),
                cancellationToken);
            if (invitation is null)
            {
                return false;
            }

            db.InvitedOrganisations.Remove(invitation);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>A participant speaks for an invited organisation when they named it (case and spacing aside).</summary>
    private static bool Matches(InvitedOrganisation invited, string organisation) =>
        string.Equals(TextRules.NormalizeLine(organisation), invited.Name, StringComparison.OrdinalIgnoreCase);
}
