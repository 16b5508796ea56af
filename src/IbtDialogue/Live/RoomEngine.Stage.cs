using IbtDialogue.Client.Protocol;
using IbtDialogue.Minutes;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

// Running the dialogue: opening and closing, theme and phase, the input lock, the timer, the spotlight.
public sealed partial class RoomEngine
{
    public Task<RoomOutcome> OpenAsync(DialogueCommand? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var dialogue = change.Dialogue;
            if (dialogue.Status == DialogueStatus.Open)
            {
                return change.Unchanged();
            }

            dialogue.Status = DialogueStatus.Open;
            dialogue.OpenedAt = change.Now;
            if (dialogue.CurrentThemeId is null)
            {
                dialogue.CurrentThemeId = await change.Db.Themes
                    .Where(t => t.DialogueId == dialogue.Id).OrderBy(t => t.Position).Select(t => (int?)t.Id)
                    .FirstOrDefaultAsync(cancellationToken);
                dialogue.CurrentPhase = Phase.Sharing;
            }

            change.AnnounceToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
            return null;
        }, cancellationToken);

    public Task<RoomOutcome> CloseAsync(DialogueCommand? command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is null)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "A command needs a commandId and a dialogueId."));
        }

        // Closing a closed dialogue is not an error: it is what the facilitator wanted.
        return writer.ExecuteAsync(command.CommandId, command.DialogueId, actor, async change =>
        {
            var access = await AccessAsync(change.Db, command.DialogueId, actor, cancellationToken);
            if (access is not { IsFacilitator: true })
            {
                return access is null
                    ? RoomOutcome.Fail(ErrorCodes.NotFound, "No such dialogue for this caller.")
                    : RoomOutcome.Fail(ErrorCodes.Forbidden, "Only a facilitator of this dialogue may do this.");
            }

            var dialogue = change.Dialogue;
            if (dialogue.Status == DialogueStatus.Closed)
            {
                return change.Unchanged();
            }

            dialogue.Status = DialogueStatus.Closed;
            dialogue.ClosedAt = change.Now;
            dialogue.InputLocked = true;

            // Closing the dialogue freezes every vote that was still open.
            var openVotes = await change.Db.Themes.Where(t => t.DialogueId == dialogue.Id && t.VoteState == VoteState.Open).ToListAsync(cancellationToken);
            openVotes.ForEach(t => t.VoteState = VoteState.Closed);
            await change.SaveAsync(cancellationToken); // The record below reads the frozen votes from the database.
            ClearTimer(dialogue);
            dialogue.SpotlightContributionId = null;
            var record = await MinutesRecord.LoadAsync(change.Db, dialogue, cancellationToken);
            var number = await change.Db.MinutesVersions.CountAsync(m => m.DialogueId == dialogue.Id, cancellationToken) + 1;
            change.Db.MinutesVersions.Add(new MinutesVersion
            {
                DialogueId = dialogue.Id,
                Number = number,
                Markdown = composer.Compose(record),
                CreatedAt = change.Now,
                Source = MinutesSource.Composed,
            });
            var votings = new List<VotingView>();
            foreach (var theme in openVotes)
            {
                votings.Add(await RoomViews.VotingAsync(change.Db, theme, cancellationToken));
            }

            change.AnnounceToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue), Votings: votings.Count == 0 ? null : votings));
            return null;
        }, cancellationToken);
    }

    /// <summary>Moves everyone to a theme and phase; a new phase starts unlocked, without timer or spotlight.</summary>
    public Task<RoomOutcome> SetStageAsync(SetStage? command, Actor actor, CancellationToken cancellationToken) =>
        command is not null && !Enum.IsDefined(command.Phase)
            ? Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "Unknown phase."))
            : FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
            {
                var dialogue = change.Dialogue;
                if (!await change.Db.Themes.AnyAsync(t => t.Id == command!.ThemeId && t.DialogueId == dialogue.Id, cancellationToken))
                {
                    return RoomOutcome.Fail(ErrorCodes.NotFound, "No such theme in this dialogue.");
                }

                if (dialogue.CurrentThemeId == command!.ThemeId && dialogue.CurrentPhase == command.Phase)
                {
                    return change.Unchanged();
                }

                dialogue.CurrentThemeId = command.ThemeId;
                dialogue.CurrentPhase = command.Phase;
                dialogue.InputLocked = false;
                dialogue.SpotlightContributionId = null;
                ClearTimer(dialogue);
                change.AnnounceToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
                return null;
            }, cancellationToken);

    public Task<RoomOutcome> SetInputLockedAsync(SetInputLocked? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, change =>
        {
            var dialogue = change.Dialogue;
            if (dialogue.InputLocked == command!.Locked)
            {
                return Task.FromResult<RoomOutcome?>(change.Unchanged());
            }

            dialogue.InputLocked = command.Locked;
            change.AnnounceToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
            return Task.FromResult<RoomOutcome?>(null);
        }, cancellationToken);

    /// <summary>
    /// Starts, pauses, resumes, extends or stops the phase timer. A timer that runs out does not stop input:
    /// the facilitator decides what happens then (WCAG 2.2.1, timing adjustable).
    /// </summary>
    public Task<RoomOutcome> ControlTimerAsync(ControlTimer? command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is not null && !Enum.IsDefined(command.Action))
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "Unknown timer action."));
        }

        return FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, change =>
        {
            var dialogue = change.Dialogue;
            var refusal = ApplyTimer(dialogue, command!, change.Now);
            if (refusal is not null)
            {
                return Task.FromResult<RoomOutcome?>(refusal.Length == 0 ? change.Unchanged() : RoomOutcome.Fail(ErrorCodes.InvalidTimer, refusal));
            }

            change.AnnounceToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
            return Task.FromResult<RoomOutcome?>(null);
        }, cancellationToken);
    }

    /// <summary>Applies a timer action; answers null when applied, "" when there was nothing to do, or why it is refused.</summary>
    private static string? ApplyTimer(Dialogues.Dialogue dialogue, ControlTimer command, DateTime now)
    {
        var running = dialogue.TimerEndsAt is not null;
        var paused = dialogue.TimerRemainingSeconds is not null;
        switch (command.Action)
        {
            case TimerAction.Start:
                if (command.Seconds is < HubContract.MinTimerSeconds or > HubContract.MaxTimerSeconds)
                {
                    return "A timer runs from 10 seconds to 4 hours.";
                }

                dialogue.TimerDurationSeconds = command.Seconds;
                dialogue.TimerEndsAt = now.AddSeconds(command.Seconds);
                dialogue.TimerRemainingSeconds = null;
                return null;
            case TimerAction.Pause:
                if (!running)
                {
                    return "There is no running timer to pause.";
                }

                dialogue.TimerRemainingSeconds = Math.Max(0, (int)Math.Ceiling((dialogue.TimerEndsAt!.Value - now).TotalSeconds));
                dialogue.TimerEndsAt = null;
                return null;
            case TimerAction.Resume:
                if (!paused)
                {
                    return "There is no paused timer to resume.";
                }

                dialogue.TimerEndsAt = now.AddSeconds(dialogue.TimerRemainingSeconds!.Value);
                dialogue.TimerRemainingSeconds = null;
                return null;
            case TimerAction.Extend:
                if (command.Seconds is < HubContract.MinTimerSeconds or > HubContract.MaxTimerExtensionSeconds)
                {
                    return "An extension adds 10 seconds to 1 hour.";
                }

                if (running)
                {
                    // A timer that already ran out is extended from now, not from its end in the past.
                    var from = dialogue.TimerEndsAt!.Value < now ? now : dialogue.TimerEndsAt.Value;
                    dialogue.TimerEndsAt = from.AddSeconds(command.Seconds);
                }
                else if (paused)
                {
                    dialogue.TimerRemainingSeconds += command.Seconds;
                }
                else
                {
                    return "There is no timer to extend.";
                }

                dialogue.TimerDurationSeconds += command.Seconds;
                return null;
            default:
                if (!running && !paused)
                {
                    return "";
                }

                ClearTimer(dialogue);
                return null;
        }
    }

    private static void ClearTimer(Dialogues.Dialogue dialogue)
    {
        dialogue.TimerDurationSeconds = null;
        dialogue.TimerEndsAt = null;
        dialogue.TimerRemainingSeconds = null;
    }

    public Task<RoomOutcome> SetSpotlightAsync(SetSpotlight? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var dialogue = change.Dialogue;
            if (command!.ContributionId is { } id)
            {
                var status = await change.Db.Contributions.Where(c => c.Id == id && c.DialogueId == dialogue.Id)
                    .Select(c => (ContributionStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
                if (status is null)
                {
                    return RoomOutcome.Fail(ErrorCodes.NotFound, "No such contribution in this dialogue.");
                }

                if (status != ContributionStatus.Visible)
                {
                    return RoomOutcome.Fail(ErrorCodes.ItemUnavailable, "Only a visible contribution can be put in the spotlight.");
                }
            }

            if (dialogue.SpotlightContributionId == command.ContributionId)
            {
                return change.Unchanged();
            }

            dialogue.SpotlightContributionId = command.ContributionId;
            change.AnnounceToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
            return null;
        }, cancellationToken);
}
