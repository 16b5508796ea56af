using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Contributions;

/// <summary>Contributions: posting, editing, withdrawing, +1s, and moderation (hide, show, approve, reject, merge).</summary>
public sealed class ContributionCommands(RoomCommands room)
{
    /// <summary>The phase in which contributions of this kind are posted: good practices and questions about them, or the rest.</summary>
    private static Phase PhaseOf(ContributionKind kind, int? parentId) =>
        kind == ContributionKind.GoodPractice || parentId is not null ? Phase.GoodPractices : Phase.Sharing;

    public Task<CommandReply> PostContributionAsync(PostContribution command, Actor actor, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(command.Kind) || command.Kind == ContributionKind.GoodPractice
            || (command.ParentId is not null && command.Kind != ContributionKind.Question))
        {
            return CommandReply.Refused(ErrorCodes.BadRequest, "A contribution has a known kind (good practices: SaveGoodPractice); only questions have a parent.");
        }

        if (TextRules.Check(command.Text, HubContract.MaxContributionLength) is { } textError)
        {
            return CommandReply.Refused(CommandOutcome.TextRefused(textError, "A contribution", HubContract.MaxContributionLength));
        }

        var text = TextRules.Normalize(command.Text);
        return room.AsMemberAsync(command, actor, async (change, access) =>
        {
            var db = change.Db;
            if (!await db.Themes.AnyAsync(t => t.Id == command.ThemeId && t.DialogueId == command.DialogueId, cancellationToken))
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            if (RoomCommands.InputRefusal(change.Dialogue, command.ThemeId, PhaseOf(command.Kind, command.ParentId)) is { } closed)
            {
                return closed;
            }

            if (command.ParentId is { } parentId && !await db.Contributions.AnyAsync(
                c => c.Id == parentId && c.ThemeId == command.ThemeId && c.Kind == ContributionKind.GoodPractice && c.Status == ContributionStatus.Visible,
                cancellationToken))
            {
                return CommandOutcome.Refuse(ErrorCodes.ItemUnavailable, "Questions go under a visible good practice of this theme.");
            }

            var byParticipant = access.ParticipantId is not null;
            var contribution = new Contribution
            {
                DialogueId = command.DialogueId,
                ThemeId = command.ThemeId,
                Kind = command.Kind,
                Text = text,
                ParticipantId = access.ParticipantId,
                AuthorUserId = byParticipant ? null : actor.UserId,
                CreatedAt = change.Now,
                Status = byParticipant && change.Dialogue.ApproveBeforeShow ? ContributionStatus.Pending : ContributionStatus.Visible,
                ParentId = command.ParentId,
                Anonymity = change.Dialogue.Anonymity,
            };
            db.Contributions.Add(contribution);
            await change.SaveAsync(cancellationToken);
            return await AnnounceItemsAsync(change, [contribution.Id], cancellationToken, entityId: contribution.Id);
        }, cancellationToken);
    }

    /// <summary>Records a good practice, or changes one (its author while the phase is open, or a facilitator).</summary>
    public Task<CommandReply> SaveGoodPracticeAsync(SaveGoodPractice command, Actor actor, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(command.Step))
        {
            return CommandReply.Refused(ErrorCodes.BadRequest, "A good practice needs a known quality-cycle step.");
        }

        var title = TextRules.NormalizeLine(command.Title);
        var what = TextRules.Normalize(command.What);
        var why = TextRules.Normalize(command.Why);
        var organisation = TextRules.NormalizeLine(command.Organisation);
        var contactName = TextRules.NormalizeLine(command.ContactName);
        var contactDetails = TextRules.NormalizeLine(command.ContactDetails);
        var refusal =
            TextRules.Refusal(title, "A good practice's title", HubContract.MaxTitleLength)
            ?? TextRules.Refusal(what, "What was done", HubContract.MaxContributionLength)
            ?? TextRules.Refusal(why, "Why it works", HubContract.MaxContributionLength)
            ?? TextRules.Refusal(organisation, "The organisation", HubContract.MaxOrganisationLength)
            ?? TextRules.Refusal(contactName, "The contact's name", HubContract.MaxContactNameLength, required: false)
            ?? TextRules.Refusal(contactDetails, "The contact details", HubContract.MaxContactDetailsLength, required: false);
        if (refusal is null && (contactName.Length > 0 || contactDetails.Length > 0) && !command.ContactConsent)
        {
            refusal = CommandOutcome.Refuse(ErrorCodes.ConsentRequired, "A contact person is named only with their consent.");
        }

        if (refusal is not null)
        {
            return CommandReply.Refused(refusal);
        }

        void Fill(Contribution c, DateTime now)
        {
            c.PracticeTitle = title;
            c.Text = what;
            c.PracticeWhy = why;
            c.PracticeOrganisation = organisation;
            c.PracticeStep = command.Step;
            c.ContactName = contactName.Length == 0 ? null : contactName;
            c.ContactDetails = contactDetails.Length == 0 ? null : contactDetails;
            c.ContactConsentAt = contactName.Length > 0 || contactDetails.Length > 0 ? c.ContactConsentAt ?? now : null;
        }

        if (command.ContributionId is { } id)
        {
            return ContributionCommandAsync(command, id, actor, allowModerator: true, async (change, access, item) =>
            {
                if (item.Kind != ContributionKind.GoodPractice)
                {
                    return CommandOutcome.Refuse(ErrorCodes.BadRequest, "This contribution is not a good practice.");
                }

                change.Db.ContributionRevisions.Add(new ContributionRevision
                {
                    ContributionId = item.Id,
                    PreviousText = $"{item.PracticeTitle}: {item.Text} ({item.PracticeWhy})",
                    EditedBy = access.Key(actor),
                    EditedAt = change.Now,
                });
                if (item.ParticipantId != access.ParticipantId)
                {
                    Record(change, item.Id, "edit", actor, $"{item.PracticeTitle}: {item.Text}");
                }

                Fill(item, change.Now);
                item.Edited = true;
                await change.SaveAsync(cancellationToken);
                return await AnnounceItemsAsync(change, [item.Id], cancellationToken);
            }, cancellationToken);
        }

        return room.AsMemberAsync(command, actor, async (change, access) =>
        {
            var db = change.Db;
            if (!await db.Themes.AnyAsync(t => t.Id == command.ThemeId && t.DialogueId == command.DialogueId, cancellationToken))
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            if (RoomCommands.InputRefusal(change.Dialogue, command.ThemeId, Phase.GoodPractices) is { } closed)
            {
                return closed;
            }

            var byParticipant = access.ParticipantId is not null;
            var practice = new Contribution
            {
                DialogueId = command.DialogueId,
                ThemeId = command.ThemeId,
                Kind = ContributionKind.GoodPractice,
                Text = what,
                ParticipantId = access.ParticipantId,
                AuthorUserId = byParticipant ? null : actor.UserId,
                CreatedAt = change.Now,
                Status = byParticipant && change.Dialogue.ApproveBeforeShow ? ContributionStatus.Pending : ContributionStatus.Visible,
                Anonymity = change.Dialogue.Anonymity,
            };
            Fill(practice, change.Now);
            db.Contributions.Add(practice);
            await change.SaveAsync(cancellationToken);
            return await AnnounceItemsAsync(change, [practice.Id], cancellationToken, entityId: practice.Id);
        }, cancellationToken);
    }

    /// <summary>The author edits while the phase is open; a facilitator edits any contribution, and the original stays in the audit trail.</summary>
    public Task<CommandReply> EditContributionAsync(EditContribution command, Actor actor, CancellationToken cancellationToken)
    {
        if (TextRules.Check(command.Text, HubContract.MaxContributionLength) is { } textError)
        {
            return CommandReply.Refused(CommandOutcome.TextRefused(textError, "A contribution", HubContract.MaxContributionLength));
        }

        var text = TextRules.Normalize(command.Text);
        return ContributionCommandAsync(command, command.ContributionId, actor, allowModerator: true, async (change, access, item) =>
        {
            if (item.Text == text)
            {
                return CommandOutcome.NoChange;
            }

            var byModerator = item.ParticipantId is null || item.ParticipantId != access.ParticipantId;
            change.Db.ContributionRevisions.Add(new ContributionRevision
            {
                ContributionId = item.Id,
                PreviousText = item.Text,
                EditedBy = access.Key(actor),
                EditedAt = change.Now,
            });
            if (byModerator)
            {
                Record(change, item.Id, "edit", actor, item.Text);
            }

            item.Text = text;
            item.Edited = true;
            await change.SaveAsync(cancellationToken);
            return await AnnounceItemsAsync(change, [item.Id], cancellationToken);
        }, cancellationToken);
    }

    public Task<CommandReply> WithdrawContributionAsync(ContributionCommand command, Actor actor, CancellationToken cancellationToken) =>
        ContributionCommandAsync(command, command.ContributionId, actor, allowModerator: false, async (change, _, item) =>
        {
            // Withdrawn means gone: its words, its earlier versions and its +1s are removed, not only hidden.
            item.Status = ContributionStatus.Withdrawn;
            item.Text = "";
            (item.PracticeTitle, item.PracticeWhy, item.PracticeOrganisation, item.ContactName, item.ContactDetails, item.ContactConsentAt) = (null, null, null, null, null, null);
            await change.Db.ContributionRevisions.Where(r => r.ContributionId == item.Id).ExecuteDeleteAsync(cancellationToken);
            await change.Db.Reactions.Where(r => r.ContributionId == item.Id).ExecuteDeleteAsync(cancellationToken);
            if (change.Dialogue.SpotlightContributionId == item.Id)
            {
                change.Dialogue.SpotlightContributionId = null;
            }

            await change.SaveAsync(cancellationToken);
            return await AnnounceItemsAsync(change, [item.Id], cancellationToken, withStage: true);
        }, cancellationToken);

    public Task<CommandReply> ReactAsync(ContributionCommand command, Actor actor, CancellationToken cancellationToken) =>
        ReactionCommandAsync(command, actor, add: true, cancellationToken);

    public Task<CommandReply> UnreactAsync(ContributionCommand command, Actor actor, CancellationToken cancellationToken) =>
        ReactionCommandAsync(command, actor, add: false, cancellationToken);

    private Task<CommandReply> ReactionCommandAsync(ContributionCommand command, Actor actor, bool add, CancellationToken cancellationToken) =>
        room.AsMemberAsync(command, actor, async (change, access) =>
        {
            var db = change.Db;
            var item = await db.Contributions.SingleOrDefaultAsync(c => c.Id == command.ContributionId && c.DialogueId == command.DialogueId, cancellationToken);
            if (item is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such contribution in this dialogue.");
            }

            if (item.Status != ContributionStatus.Visible)
            {
                return CommandOutcome.Refuse(ErrorCodes.ItemUnavailable, "Only a visible contribution gets +1s.");
            }

            if (change.Dialogue.InputLocked)
            {
                return CommandOutcome.Refuse(ErrorCodes.PhaseClosed, "The facilitator has locked input.");
            }

            var key = access.Key(actor);
            var existing = await db.Reactions.SingleOrDefaultAsync(r => r.ContributionId == item.Id && r.ReactedBy == key, cancellationToken);
            if (add && existing is not null)
            {
                return CommandOutcome.Refuse(ErrorCodes.AlreadyReacted, "One +1 per person per contribution.");
            }

            if (!add && existing is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotReacted, "There is no +1 of yours to take back.");
            }

            if (add)
            {
                db.Reactions.Add(new Reaction { ContributionId = item.Id, ReactedBy = key, ReactedAt = change.Now });
            }
            else
            {
                db.Reactions.Remove(existing!);
            }

            await change.SaveAsync(cancellationToken);
            return await AnnounceItemsAsync(change, [item.Id], cancellationToken);
        }, cancellationToken);

    public Task<CommandReply> ModerateAsync(ModerateContribution command, Actor actor, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(command.Action))
        {
            return CommandReply.Refused(ErrorCodes.BadRequest, "Unknown moderation action.");
        }

        return room.AsFacilitatorAsync(command, actor, async change =>
        {
            var item = await change.Db.Contributions.SingleOrDefaultAsync(c => c.Id == command.ContributionId && c.DialogueId == command.DialogueId, cancellationToken);
            if (item is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such contribution in this dialogue.");
            }

            if (item.Status is ContributionStatus.Withdrawn or ContributionStatus.Merged)
            {
                return CommandOutcome.Refuse(ErrorCodes.ItemUnavailable, "The contribution was withdrawn or merged.");
            }

            var target = command.Action switch
            {
                ModerationAction.Show or ModerationAction.Approve => ContributionStatus.Visible,
                _ => ContributionStatus.Hidden,
            };
            if (item.Status == target)
            {
                return CommandOutcome.NoChange;
            }

            item.Status = target;
            if (target == ContributionStatus.Hidden && change.Dialogue.SpotlightContributionId == item.Id)
            {
                change.Dialogue.SpotlightContributionId = null;
            }

            Record(change, item.Id, command.Action.ToString().ToLowerInvariant(), actor, null);
            await change.SaveAsync(cancellationToken);
            return await AnnounceItemsAsync(change, [item.Id], cancellationToken, withStage: true);
        }, cancellationToken);
    }

    /// <summary>Merges a duplicate into another contribution of the same theme; the +1s add up (once per person).</summary>
    public Task<CommandReply> MergeAsync(MergeContributions command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var db = change.Db;
            var items = await db.Contributions
                .Where(c => (c.Id == command.SourceId || c.Id == command.TargetId) && c.DialogueId == command.DialogueId)
                .ToListAsync(cancellationToken);
            var source = items.SingleOrDefault(c => c.Id == command.SourceId);
            var target = items.SingleOrDefault(c => c.Id == command.TargetId);
            if (source is null || target is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such contribution in this dialogue.");
            }

            if (source.Id == target.Id || source.ThemeId != target.ThemeId || source.Kind == ContributionKind.GoodPractice != (target.Kind == ContributionKind.GoodPractice))
            {
                return CommandOutcome.Refuse(ErrorCodes.InvalidMerge, "Merge two different contributions of the same theme (good practices only with good practices).");
            }

            if (items.Any(c => c.Status is ContributionStatus.Withdrawn or ContributionStatus.Merged))
            {
                return CommandOutcome.Refuse(ErrorCodes.ItemUnavailable, "A withdrawn or merged contribution cannot be merged.");
            }

            var targetReactors = await db.Reactions.Where(r => r.ContributionId == target.Id).Select(r => r.ReactedBy).ToListAsync(cancellationToken);
            var moving = await db.Reactions.Where(r => r.ContributionId == source.Id).ToListAsync(cancellationToken);
            db.Reactions.RemoveRange(moving);
            db.Reactions.AddRange(moving
                .Where(r => !targetReactors.Contains(r.ReactedBy))
                .Select(r => new Reaction { ContributionId = target.Id, ReactedBy = r.ReactedBy, ReactedAt = r.ReactedAt }));
            source.Status = ContributionStatus.Merged;
            source.MergedIntoId = target.Id;
            var children = await db.Contributions.Where(c => c.ParentId == source.Id).ToListAsync(cancellationToken);
            children.ForEach(c => c.ParentId = target.Id); // Questions about the duplicate now sit under the one that stays.
            if (change.Dialogue.SpotlightContributionId == source.Id)
            {
                change.Dialogue.SpotlightContributionId = target.Id;
            }

            Record(change, source.Id, "merge", actor, target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await change.SaveAsync(cancellationToken);
            return await AnnounceItemsAsync(change, [source.Id, target.Id, .. children.Select(c => c.Id)], cancellationToken, withStage: true);
        }, cancellationToken);

    /// <summary>Runs a command on one existing contribution by its author (or a facilitator, when allowed).</summary>
    private Task<CommandReply> ContributionCommandAsync(
        IRoomCommand command,
        int contributionId,
        Actor actor,
        bool allowModerator,
        Func<RoomChange, RoomAccess, Contribution, Task<CommandOutcome>> body,
        CancellationToken cancellationToken) =>
        room.AsMemberAsync(command, actor, async (change, access) =>
        {
            var item = await change.Db.Contributions.SingleOrDefaultAsync(c => c.Id == contributionId && c.DialogueId == command.DialogueId, cancellationToken);
            if (item is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such contribution in this dialogue.");
            }

            var isAuthor = item.ParticipantId is { } author ? author == access.ParticipantId : access.ParticipantId is null && item.AuthorUserId == actor.UserId;
            var asModerator = allowModerator && access.IsFacilitator;
            if (!isAuthor && !asModerator)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotYours, "Only the author may change this contribution.");
            }

            if (item.Status is ContributionStatus.Withdrawn or ContributionStatus.Merged || (item.Status == ContributionStatus.Hidden && !asModerator))
            {
                return CommandOutcome.Refuse(ErrorCodes.ItemUnavailable, "The contribution was withdrawn, merged or hidden.");
            }

            if (!asModerator && RoomCommands.InputRefusal(change.Dialogue, item.ThemeId, PhaseOf(item.Kind, item.ParentId)) is { } closed)
            {
                return closed;
            }

            return await body(change, access, item);
        }, cancellationToken);

    private static void Record(RoomChange change, int contributionId, string action, Actor actor, string? detail) =>
        change.Db.ModerationRecords.Add(new ModerationRecord
        {
            DialogueId = change.Dialogue.Id,
            ContributionId = contributionId,
            Action = action,
            UserId = actor.UserId!,
            At = change.Now,
            Detail = detail,
        });

    /// <summary>Commits a change of these contributions, each audience seeing them as it may (and the stage, when the spotlight may have moved).</summary>
    private static async Task<CommandOutcome> AnnounceItemsAsync(
        RoomChange change, IReadOnlyList<int> ids, CancellationToken cancellationToken, bool withStage = false, int? entityId = null)
    {
        var rows = await ContributionViews.Items(change.Db, change.Db.Contributions.Where(c => ids.Contains(c.Id))).ToListAsync(cancellationToken);
        var (facilitators, roomView) = ContributionViews.ItemsDelta(rows, withStage ? new RoomDelta(Stage: RoomViews.Stage(change.Dialogue)) : null);
        return CommandOutcome.Commit(facilitators, roomView, entityId);
    }
}
