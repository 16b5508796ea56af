using IbtDialogue.Protocol;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Participants;

/// <summary>What someone typed on the join page. <see cref="Municipality"/> is empty when they speak for another organisation.</summary>
/// <param name="OtherType">What kind of organisation the other organisation is; unknown or absent counts as "other".</param>
public sealed record JoinRequest(string? Code, string? DisplayName, string? Municipality, string? OtherOrganisation, bool AsObserver = false, OrganisationType? OtherType = null);

public enum JoinError
{
    /// <summary>
    /// No open dialogue has this code: unknown, not opened yet or closed already are one answer, so the join page
    /// does not tell which codes exist.
    /// </summary>
    CodeNotAccepted,
    NameEmpty,
    NameTooLong,
    OrganisationMissing,
    OrganisationTooLong,
    UnknownMunicipality,
    ObserversNotAllowed,
    NameWithoutLetters,
    OrganisationReserved,
}

/// <summary>A dialogue as the join page shows it.</summary>
/// <param name="Anonymity">What others will see of the author of what one writes (told before joining).</param>
/// <param name="RetentionMonths">How long after closing names are kept (told before joining).</param>
public sealed record JoinableDialogue(int Id, string Title, DateOnly Date, string JoinCode, DialogueStatus Status, bool ObserversAllowed, Anonymity Anonymity, int RetentionMonths);

public sealed record JoinResult(IReadOnlyList<JoinError> Errors, JoinableDialogue? Dialogue, string? Token)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Lets someone without an account into a dialogue: a display name, an organisation, and a token for their browser.</summary>
public sealed class JoinService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock)
{
    public async Task<JoinableDialogue?> FindAsync(string? code, CancellationToken cancellationToken)
    {
        if (JoinCodes.Normalize(code) is not { } normalized)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Dialogues.AsNoTracking()
            .Where(d => d.JoinCode == normalized)
            .Select(d => new JoinableDialogue(d.Id, d.Title, d.Date, d.JoinCode, d.Status, d.ObserversAllowed, d.Anonymity, d.RetentionMonths))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The dialogue's error for a join, or null when it can be joined now: one error for every code that leads nowhere.</summary>
    /// <summary>
    /// A dialogue can be joined from the moment it exists until it closes: before the facilitator opens it, the
    /// participant waits in its lobby ("we beginnen zo"), which opens by itself.
    /// </summary>
    public static JoinError? StatusError(JoinableDialogue? dialogue) => dialogue?.Status is DialogueStatus.Draft or DialogueStatus.Open ? null : JoinError.CodeNotAccepted;

    public async Task<JoinResult> JoinAsync(JoinRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<JoinError>();
        var name = TextRules.NormalizeLine(request.DisplayName);
        if (name.Length == 0)
        {
            errors.Add(JoinError.NameEmpty);
        }
        else if (name.Length > HubContract.MaxDisplayNameLength)
        {
            errors.Add(JoinError.NameTooLong);
        }
        else if (!TextRules.HasLetter(name))
        {
            errors.Add(JoinError.NameWithoutLetters);
        }

        // The municipality is typed (with suggestions where the browser offers them): what was typed must name one
        // of the list, and the list's own spelling is kept.
        var typed = TextRules.NormalizeLine(request.Municipality);
        var municipality = typed.Length > 0 ? Municipalities.Find(typed) ?? typed : "";
        var organisation = municipality.Length > 0 ? municipality : TextRules.NormalizeLine(request.OtherOrganisation);
        if (municipality.Length > 0 && !Municipalities.Contains(municipality))
        {
            errors.Add(JoinError.UnknownMunicipality);
        }
        else if (organisation.Length == 0)
        {
            errors.Add(JoinError.OrganisationMissing);
        }
        else if (organisation.Length > HubContract.MaxOrganisationLength)
        {
            errors.Add(JoinError.OrganisationTooLong);
        }
        else if (TextRules.ClaimsInspectorate(organisation))
        {
            errors.Add(JoinError.OrganisationReserved);
        }

        var dialogue = await FindAsync(request.Code, cancellationToken);
        if (StatusError(dialogue) is { } statusError)
        {
            // Nothing about a dialogue that cannot be joined goes back: not its title, not whether it exists.
            return new JoinResult([statusError], null, null);
        }

        if (request.AsObserver && !dialogue!.ObserversAllowed)
        {
            errors.Insert(0, JoinError.ObserversNotAllowed);
        }

        if (errors.Count > 0)
        {
            return new JoinResult(errors, dialogue, null);
        }

        var token = ParticipantTokens.Create();
        var joined = await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // Checked again inside the writer: the facilitator may have closed it (or barred observers) meanwhile.
            if (!await db.Dialogues.AnyAsync(d => d.Id == dialogue!.Id && d.Status != DialogueStatus.Closed && (d.ObserversAllowed || !request.AsObserver), cancellationToken))
            {
                return false;
            }

            db.Participants.Add(new Participant
            {
                DialogueId = dialogue!.Id,
                DisplayName = name,
                Organisation = organisation,
                IsMunicipality = municipality.Length > 0,
                OrganisationType = municipality.Length > 0 ? OrganisationType.Municipality : OtherTypeOf(request.OtherType),
                TokenHash = ParticipantTokens.Hash(token),
                JoinedAt = clock.GetUtcNow().UtcDateTime,
                Role = request.AsObserver ? RoomRole.Observer : RoomRole.Participant,
            });
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);

        return joined ? new JoinResult([], dialogue, token) : new JoinResult([JoinError.CodeNotAccepted], null, null);
    }

    /// <summary>The kinds a participant may choose for another organisation: the inspectorate speaks through its facilitators.</summary>
    public static IReadOnlyList<OrganisationType> OtherTypes { get; } =
        [OrganisationType.Ggd, OrganisationType.SchoolBoard, OrganisationType.ChildcareOrganisation, OrganisationType.Ministry, OrganisationType.Vng, OrganisationType.Other];

    private static OrganisationType OtherTypeOf(OrganisationType? chosen) => chosen is { } type && OtherTypes.Contains(type) ? type : OrganisationType.Other;

    /// <summary>Whether a browser's token stands for a participant of this dialogue.</summary>
    public async Task<bool> IsParticipantAsync(int dialogueId, string? token, CancellationToken cancellationToken) =>
        await ParticipantIdAsync(dialogueId, token, cancellationToken) is not null;

    /// <summary>The participant a browser's token stands for in this dialogue, if it is valid.</summary>
    public async Task<int?> ParticipantIdAsync(int dialogueId, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = ParticipantTokens.Hash(token);
        return await db.Participants.Where(p => p.DialogueId == dialogueId && p.TokenHash == hash)
            .Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
