using IbtDialogue.Client.Protocol;
using IbtDialogue.Client.Resources;
using IbtDialogue.Minutes;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

/// <summary>
/// The rules of the live room: who may enter, post, open, move and close, and what everyone sees. It knows
/// nothing of connections or SignalR, so it is tested directly against the database; the hub only passes
/// its answers on.
/// </summary>
public sealed class RoomEngine(IDbContextFactory<DialogueDb> dbFactory, RoomWriter writer, MinutesComposer composer, NodeIdentity node)
{
    /// <summary>Whether the actor may see this dialogue at all (as its participant or facilitator).</summary>
    public async Task<bool> MayEnterAsync(int dialogueId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await AccessAsync(db, dialogueId, actor, cancellationToken) is not null;
    }

    /// <summary>Puts a connection in the room (presence) and answers with the room's state.</summary>
    public async Task<(SnapshotResult Result, object? Event)> EnterAsync(int dialogueId, Actor actor, string connectionId, CancellationToken cancellationToken)
    {
        var outcome = await writer.ExecuteAsync(null, dialogueId, actor, async change =>
        {
            var db = change.Db;
            if (await AccessAsync(db, dialogueId, actor, cancellationToken) is not { } access)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such dialogue for this caller.");
            }

            if (await db.RoomConnections.AnyAsync(c => c.ConnectionId == connectionId && c.DialogueId == dialogueId, cancellationToken))
            {
                return new RoomOutcome(CommandResult.Success(change.Dialogue.Version), null); // Entered already.
            }

            db.RoomConnections.Add(new RoomConnection
            {
                ConnectionId = connectionId,
                DialogueId = dialogueId,
                ParticipantId = access.ParticipantId,
                UserId = access.ParticipantId is null ? actor.UserId : null,
                Node = node.Name,
                ConnectedAt = change.Now,
            });
            await db.SaveChangesAsync(cancellationToken);
            var presence = await PresenceAsync(db, dialogueId, cancellationToken);
            change.Announce(version => new PresenceChanged(dialogueId, version, presence));
            return null;
        }, cancellationToken);

        if (!outcome.Result.Ok)
        {
            return (SnapshotResult.Failure(outcome.Result.Error!, outcome.Result.Detail!), null);
        }

        return (await SnapshotAsync(dialogueId, actor, cancellationToken), outcome.Event);
    }

    /// <summary>Takes a closed connection out of every room it was in; answers with the presence events to broadcast.</summary>
    public async Task<IReadOnlyList<PresenceChanged>> LeaveAsync(string connectionId, CancellationToken cancellationToken)
    {
        List<int> dialogueIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            dialogueIds = await db.RoomConnections.Where(c => c.ConnectionId == connectionId).Select(c => c.DialogueId).ToListAsync(cancellationToken);
        }

        var events = new List<PresenceChanged>();
        foreach (var dialogueId in dialogueIds)
        {
            var outcome = await writer.ExecuteAsync(null, dialogueId, new Actor(null, null, null), async change =>
            {
                var removed = await change.Db.RoomConnections
                    .Where(c => c.ConnectionId == connectionId && c.DialogueId == dialogueId)
                    .ExecuteDeleteAsync(cancellationToken);
                if (removed == 0)
                {
                    return new RoomOutcome(CommandResult.Success(change.Dialogue.Version), null);
                }

                var presence = await PresenceAsync(change.Db, dialogueId, cancellationToken);
                change.Announce(version => new PresenceChanged(dialogueId, version, presence));
                return null;
            }, cancellationToken);
            if (outcome.Event is PresenceChanged e)
            {
                events.Add(e);
            }
        }

        return events;
    }

    public async Task<SnapshotResult> SnapshotAsync(int dialogueId, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var read = await db.BeginReadAsync(cancellationToken);
        if (await AccessAsync(db, dialogueId, actor, cancellationToken) is not { } access)
        {
            return SnapshotResult.Failure(ErrorCodes.NotFound, "No such dialogue for this caller.");
        }

        var dialogue = await db.Dialogues.AsNoTracking().Include(d => d.Themes).SingleAsync(d => d.Id == dialogueId, cancellationToken);
        var contributions = await ContributionViews(db, db.Contributions.Where(c => c.DialogueId == dialogueId)).ToListAsync(cancellationToken);
        var you = access.ParticipantId is { } participantId
            ? await db.Participants.Where(p => p.Id == participantId)
                .Select(p => new ViewerInfo(p.Id, p.DisplayName, p.Organisation, access.IsFacilitator)).SingleAsync(cancellationToken)
            : await db.Users.Where(u => u.Id == actor.UserId)
                .Select(u => new ViewerInfo(null, u.DisplayName, null, true)).SingleAsync(cancellationToken);

        return SnapshotResult.Success(new RoomSnapshot(
            dialogue.Id,
            dialogue.Title,
            dialogue.Date,
            dialogue.JoinCode,
            dialogue.Status,
            dialogue.Version,
            dialogue.CurrentThemeId,
            [.. dialogue.Themes.OrderBy(t => t.Position).Select(t => new ThemeView(t.Id, t.Position, t.Title, t.Goal))],
            [.. contributions.Select(c => c.ToView())],
            await PresenceAsync(db, dialogueId, cancellationToken),
            you));
    }

    public Task<RoomOutcome> PostContributionAsync(PostContribution? command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is null || !Enum.IsDefined(command.Kind))
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "A contribution needs a commandId, dialogueId, themeId, kind and text."));
        }

        if (TextRules.Check(command.Text, HubContract.MaxContributionLength) is { } textError)
        {
            return Task.FromResult(RoomOutcome.Fail(textError, "The text must have 1 to 1000 characters."));
        }

        var text = TextRules.Normalize(command.Text);
        return writer.ExecuteAsync(command.CommandId, command.DialogueId, actor, async change =>
        {
            var db = change.Db;
            if (await AccessAsync(db, command.DialogueId, actor, cancellationToken) is not { } access)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such dialogue for this caller.");
            }

            if (StatusRefusal(change.Dialogue) is { } refused)
            {
                return refused;
            }

            if (!await db.Themes.AnyAsync(t => t.Id == command.ThemeId && t.DialogueId == command.DialogueId, cancellationToken))
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            var contribution = new Contribution
            {
                DialogueId = command.DialogueId,
                ThemeId = command.ThemeId,
                Kind = command.Kind,
                Text = text,
                ParticipantId = access.ParticipantId,
                AuthorUserId = access.ParticipantId is null ? actor.UserId : null,
                CreatedAt = change.Now,
            };
            db.Contributions.Add(contribution);
            await db.SaveChangesAsync(cancellationToken);
            var view = await ContributionViews(db, db.Contributions.Where(c => c.Id == contribution.Id)).SingleAsync(cancellationToken);
            change.Announce(version => new ContributionPosted(command.DialogueId, version, view.ToView()), () => contribution.Id);
            return null;
        }, cancellationToken);
    }

    public Task<RoomOutcome> OpenAsync(DialogueCommand? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var dialogue = change.Dialogue;
            switch (dialogue.Status)
            {
                case DialogueStatus.Closed:
                    return RoomOutcome.Fail(ErrorCodes.DialogueClosed, "The dialogue is closed.");
                case DialogueStatus.Open:
                    return new RoomOutcome(CommandResult.Success(dialogue.Version), null);
            }

            dialogue.Status = DialogueStatus.Open;
            dialogue.OpenedAt = change.Now;
            dialogue.CurrentThemeId ??= await change.Db.Themes
                .Where(t => t.DialogueId == dialogue.Id).OrderBy(t => t.Position).Select(t => (int?)t.Id)
                .FirstOrDefaultAsync(cancellationToken);
            change.Announce(version => new DialogueChanged(dialogue.Id, version, dialogue.Status, dialogue.CurrentThemeId));
            return null;
        }, cancellationToken);

    public Task<RoomOutcome> CloseAsync(DialogueCommand? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var dialogue = change.Dialogue;
            if (dialogue.Status == DialogueStatus.Closed)
            {
                return new RoomOutcome(CommandResult.Success(dialogue.Version), null);
            }

            dialogue.Status = DialogueStatus.Closed;
            dialogue.ClosedAt = change.Now;
            var record = await MinutesRecord.LoadAsync(change.Db, dialogue, cancellationToken);
            var number = await change.Db.MinutesVersions.CountAsync(m => m.DialogueId == dialogue.Id, cancellationToken) + 1;
            change.Db.MinutesVersions.Add(new MinutesVersion
            {
                DialogueId = dialogue.Id,
                Number = number,
                Markdown = composer.Compose(record),
                CreatedAt = change.Now,
            });
            change.Announce(version => new DialogueChanged(dialogue.Id, version, dialogue.Status, dialogue.CurrentThemeId));
            return null;
        }, cancellationToken);

    public Task<RoomOutcome> SetCurrentThemeAsync(SetCurrentTheme? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var dialogue = change.Dialogue;
            if (dialogue.Status == DialogueStatus.Closed)
            {
                return RoomOutcome.Fail(ErrorCodes.DialogueClosed, "The dialogue is closed.");
            }

            if (!await change.Db.Themes.AnyAsync(t => t.Id == command!.ThemeId && t.DialogueId == dialogue.Id, cancellationToken))
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            if (dialogue.CurrentThemeId == command!.ThemeId)
            {
                return new RoomOutcome(CommandResult.Success(dialogue.Version), null);
            }

            dialogue.CurrentThemeId = command.ThemeId;
            change.Announce(version => new DialogueChanged(dialogue.Id, version, dialogue.Status, dialogue.CurrentThemeId));
            return null;
        }, cancellationToken);

    private Task<RoomOutcome> FacilitatorCommandAsync(
        Guid? commandId, int? dialogueId, Actor actor, Func<RoomChange, Task<RoomOutcome?>> body, CancellationToken cancellationToken)
    {
        if (commandId is null || dialogueId is null)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "A command needs a commandId and a dialogueId."));
        }

        return writer.ExecuteAsync(commandId, dialogueId.Value, actor, async change =>
        {
            var access = await AccessAsync(change.Db, dialogueId.Value, actor, cancellationToken);
            if (access is not { IsFacilitator: true })
            {
                return access is null
                    ? RoomOutcome.Fail(ErrorCodes.NotFound, "No such dialogue for this caller.")
                    : RoomOutcome.Fail(ErrorCodes.Forbidden, "Only a facilitator of this dialogue may do this.");
            }

            return await body(change);
        }, cancellationToken);
    }

    private static RoomOutcome? StatusRefusal(Dialogues.Dialogue dialogue) => dialogue.Status switch
    {
        DialogueStatus.Draft => RoomOutcome.Fail(ErrorCodes.DialogueNotOpen, "The dialogue has not been opened yet."),
        DialogueStatus.Closed => RoomOutcome.Fail(ErrorCodes.DialogueClosed, "The dialogue is closed."),
        _ => null,
    };

    private sealed record Access(int? ParticipantId, bool IsFacilitator);

    /// <summary>How the actor may see this dialogue: as its participant, as its facilitator, both, or not at all (null).</summary>
    private static async Task<Access?> AccessAsync(DialogueDb db, int dialogueId, Actor actor, CancellationToken cancellationToken)
    {
        var participantId = actor.ParticipantDialogueId == dialogueId ? actor.ParticipantId : null;
        var isFacilitator = actor.UserId is { } userId
            && await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == userId, cancellationToken);
        return participantId is null && !isFacilitator ? null : new Access(participantId, isFacilitator);
    }

    private sealed record ContributionRow(
        int Id, int ThemeId, ContributionKind Kind, string Text, string? Participant, string? Organisation, string? Facilitator, DateTime CreatedAt)
    {
        public ContributionView ToView() => new(
            Id,
            ThemeId,
            Kind,
            Text,
            Participant ?? Facilitator,
            Participant is null ? Texts.InspectorateName : Organisation,
            new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }

    private static IQueryable<ContributionRow> ContributionViews(DialogueDb db, IQueryable<Contribution> contributions) =>
        from c in contributions.AsNoTracking()
        join p in db.Participants on c.ParticipantId equals p.Id into participants
        from p in participants.DefaultIfEmpty()
        join u in db.Users on c.AuthorUserId equals u.Id into users
        from u in users.DefaultIfEmpty()
        orderby c.Id
        select new ContributionRow(c.Id, c.ThemeId, c.Kind, c.Text, p.DisplayName, p.Organisation, u.DisplayName, c.CreatedAt);

    private static async Task<PresenceView> PresenceAsync(DialogueDb db, int dialogueId, CancellationToken cancellationToken)
    {
        var rows = await (
            from c in db.RoomConnections.AsNoTracking()
            where c.DialogueId == dialogueId
            join p in db.Participants on c.ParticipantId equals p.Id into participants
            from p in participants.DefaultIfEmpty()
            select new { c.ParticipantId, c.UserId, Organisation = p.Organisation })
            .ToListAsync(cancellationToken);

        var participantsIn = rows.Where(r => r.ParticipantId is not null).DistinctBy(r => r.ParticipantId).ToList();
        var organisations = participantsIn
            .GroupBy(r => r.Organisation!)
            .Select(g => new OrganisationPresence(g.Key, g.Count()))
            .OrderByDescending(o => o.Count).ThenBy(o => o.Organisation, StringComparer.Ordinal)
            .ToList();
        var facilitators = rows.Where(r => r.ParticipantId is null && r.UserId is not null).Select(r => r.UserId).Distinct().Count();
        return new PresenceView(participantsIn.Count, 0, facilitators, organisations);
    }
}
