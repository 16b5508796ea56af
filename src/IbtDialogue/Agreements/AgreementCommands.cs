using IbtDialogue.Components;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Agreements;

/// <summary>Agreements and follow-up actions the facilitator records during a dialogue: what, who, by when.</summary>
public sealed class AgreementCommands(RoomCommands room)
{
    // A date that has passed cannot be agreed on; an agreement whose date passed may still be edited if the date stays.
    private static readonly CommandOutcome.Refused DueInPast = CommandOutcome.Refuse(ErrorCodes.DueInPast, "The due date lies before today.");

    public Task<CommandReply> SaveAgreementAsync(SaveAgreement command, Actor actor, CancellationToken cancellationToken)
    {
        var what = TextRules.Normalize(command.What);
        var who = TextRules.NormalizeLine(command.Who);
        if ((TextRules.Refusal(what, "An agreement", HubContract.MaxAgreementLength)
            ?? TextRules.Refusal(who, "An agreement's 'who'", HubContract.MaxAgreementOwnerLength, required: false)) is { } refusal)
        {
            return CommandReply.Refused(refusal);
        }

        if (command.Due is { Year: < 2000 or > 2100 })
        {
            return CommandReply.Refused(ErrorCodes.BadRequest, "The due date must be a real date.");
        }

        return room.AsFacilitatorAsync(command, actor, async change =>
        {
            var db = change.Db;
            if (!await db.Themes.AnyAsync(t => t.Id == command.ThemeId && t.DialogueId == command.DialogueId, cancellationToken))
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            Agreement agreement;
            if (command.AgreementId is { } id)
            {
                var existing = await db.Agreements.SingleOrDefaultAsync(a => a.Id == id && a.DialogueId == command.DialogueId, cancellationToken);
                if (existing is null)
                {
                    return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such agreement in this dialogue.");
                }

                if (command.Due is { } changed && changed != existing.Due && changed < DutchTime.Date(change.Now))
                {
                    return DueInPast;
                }

                agreement = existing;
            }
            else
            {
                if (command.Due is { } due && due < DutchTime.Date(change.Now))
                {
                    return DueInPast;
                }

                agreement = new Agreement { DialogueId = command.DialogueId, What = what, RecordedBy = $"u:{actor.UserId}", RecordedAt = change.Now };
                db.Agreements.Add(agreement);
            }

            agreement.ThemeId = command.ThemeId;
            agreement.What = what;
            agreement.Who = who.Length == 0 ? null : who;
            agreement.Due = command.Due;
            await change.SaveAsync(cancellationToken);
            var views = await AgreementViews.ViewsAsync(db, db.Agreements.Where(a => a.Id == agreement.Id), cancellationToken);
            return CommandOutcome.CommitToAll(new RoomDelta(Agreements: views), agreement.Id);
        }, cancellationToken);
    }

    public Task<CommandReply> RemoveAgreementAsync(AgreementCommand command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var agreement = await change.Db.Agreements.SingleOrDefaultAsync(a => a.Id == command.AgreementId && a.DialogueId == command.DialogueId, cancellationToken);
            if (agreement is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such agreement in this dialogue.");
            }

            change.Db.Agreements.Remove(agreement);
            await change.SaveAsync(cancellationToken);
            return CommandOutcome.CommitToAll(new RoomDelta(RemovedAgreements: [agreement.Id]));
        }, cancellationToken);
}
