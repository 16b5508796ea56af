using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Minutes;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Room;

// Running the dialogue: opening and closing, theme and phase, the input lock, the timer, the spotlight.
public sealed partial class RoomEngine
{
    public Task<CommandReply> OpenAsync(DialogueCommand command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var dialogue = change.Dialogue;
            if (dialogue.Status == DialogueStatus.Open)
            {
                return CommandOutcome.NoChange;
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

            return CommandOutcome.CommitToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
        }, cancellationToken);

    /// <summary>Closes for good: input locked, open votes frozen, the minutes composed. Closing a closed dialogue is not an error: it is what the facilitator wanted.</summary>
    public Task<CommandReply> CloseAsync(DialogueCommand command, Actor actor, CancellationToken cancellationToken) =>
        CloseAsync(command, actor, null, cancellationToken);

    /// <summary>Closes, with the minutes composed in <paramref name="minutesLanguage"/> (the app's language, Dutch, when null).</summary>
    public Task<CommandReply> CloseAsync(DialogueCommand command, Actor actor, System.Globalization.CultureInfo? minutesLanguage, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var dialogue = change.Dialogue;
            if (dialogue.Status == DialogueStatus.Closed)
            {
                return CommandOutcome.NoChange;
            }

            dialogue.Status = DialogueStatus.Closed;
            dialogue.ClosedAt = change.Now;
            dialogue.InputLocked = true;
            dialogue.ResultsKey ??= Persistence.StoredSecrets.Create();
            ClearNational(dialogue);

            // Closing the dialogue freezes every vote that was still open.
            var openVotes = await change.Db.Themes.Where(t => t.DialogueId == dialogue.Id && t.VoteState == VoteState.Open).ToListAsync(cancellationToken);
            openVotes.ForEach(t => t.VoteState = VoteState.Closed);
            await change.SaveAsync(cancellationToken); // The record below reads the frozen votes from the database.
            foreach (var themeId in await change.Db.Themes.Where(t => t.DialogueId == dialogue.Id).Select(t => t.Id).ToListAsync(cancellationToken))
            {
                await Voting.VotingCommands.SealBallotsAsync(change.Db, themeId, change.Now, cancellationToken);
            }

            ClearTimer(dialogue);
            dialogue.SpotlightContributionId = null;
            var record = await MinutesRecord.LoadAsync(change.Db, dialogue, cancellationToken);
            var number = await change.Db.MinutesVersions.CountAsync(m => m.DialogueId == dialogue.Id, cancellationToken) + 1;
            change.Db.MinutesVersions.Add(new MinutesVersion
            {
                DialogueId = dialogue.Id,
                Number = number,
                Markdown = (minutesLanguage is null ? composer : composer.In(minutesLanguage)).Compose(record),
                CreatedAt = change.Now,
                Source = MinutesSource.Composed,
            });
            var votings = new List<VotingView>();
            foreach (var theme in openVotes)
            {
                votings.Add(await VotingViews.VotingAsync(change.Db, theme, cancellationToken));
            }

            return CommandOutcome.CommitToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue), Votings: votings.Count == 0 ? null : votings));
        }, cancellationToken, evenWhenClosed: true);

    /// <summary>Moves everyone to a theme and phase; a new phase starts unlocked, without timer or spotlight.</summary>
    public Task<CommandReply> SetStageAsync(SetStage command, Actor actor, CancellationToken cancellationToken) =>
        !Enum.IsDefined(command.Phase)
            ? CommandReply.Refused(ErrorCodes.BadRequest, "Unknown phase.")
            : room.AsFacilitatorAsync(command, actor, async change =>
            {
                var dialogue = change.Dialogue;
                if (!await change.Db.Themes.AnyAsync(t => t.Id == command.ThemeId && t.DialogueId == dialogue.Id, cancellationToken))
                {
                    return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.");
                }

                if (dialogue.CurrentThemeId == command.ThemeId && dialogue.CurrentPhase == command.Phase)
                {
                    return CommandOutcome.NoChange;
                }

                dialogue.CurrentThemeId = command.ThemeId;
                dialogue.CurrentPhase = command.Phase;
                dialogue.InputLocked = false;
                dialogue.SpotlightContributionId = null;
                ClearNational(dialogue);
                ClearTimer(dialogue);
                return CommandOutcome.CommitToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
            }, cancellationToken);

    public Task<CommandReply> SetInputLockedAsync(SetInputLocked command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, change =>
        {
            var dialogue = change.Dialogue;
            if (dialogue.InputLocked == command.Locked)
            {
                return Task.FromResult<CommandOutcome>(CommandOutcome.NoChange);
            }

            dialogue.InputLocked = command.Locked;
            return Task.FromResult<CommandOutcome>(CommandOutcome.CommitToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue))));
        }, cancellationToken);

    /// <summary>
    /// Starts, pauses, resumes, extends or stops the phase timer. A timer that runs out does not stop input:
    /// the facilitator decides what happens then (WCAG 2.2.1, timing adjustable).
    /// </summary>
    public Task<CommandReply> ControlTimerAsync(ControlTimer command, Actor actor, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(command.Action))
        {
            return CommandReply.Refused(ErrorCodes.BadRequest, "Unknown timer action.");
        }

        return room.AsFacilitatorAsync(command, actor, change =>
        {
            var dialogue = change.Dialogue;
            var outcome = ApplyTimer(dialogue, command, change.Now) ?? CommandOutcome.CommitToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
            return Task.FromResult(outcome);
        }, cancellationToken);
    }

    private static CommandOutcome.Refused InvalidTimer(string detail) => CommandOutcome.Refuse(ErrorCodes.InvalidTimer, detail);

    /// <summary>Applies a timer action to the dialogue; answers why it was not applied (refused, or nothing to do), or null when it was.</summary>
    private static CommandOutcome? ApplyTimer(Dialogues.Dialogue dialogue, ControlTimer command, DateTime now)
    {
        var running = dialogue.TimerEndsAt is not null;
        var paused = dialogue.TimerRemainingSeconds is not null;
        switch (command.Action)
        {
            case TimerAction.Start:
                if (command.Seconds is < HubContract.MinTimerSeconds or > HubContract.MaxTimerSeconds)
                {
                    return InvalidTimer($"A timer runs from {HubContract.MinTimerSeconds} to {HubContract.MaxTimerSeconds} seconds.");
                }

                dialogue.TimerDurationSeconds = command.Seconds;
                dialogue.TimerEndsAt = now.AddSeconds(command.Seconds);
                dialogue.TimerRemainingSeconds = null;
                return null;
            case TimerAction.Pause:
                if (!running)
                {
                    return InvalidTimer("There is no running timer to pause.");
                }

                dialogue.TimerRemainingSeconds = Math.Max(0, (int)Math.Ceiling((dialogue.TimerEndsAt!.Value - now).TotalSeconds));
                dialogue.TimerEndsAt = null;
                return null;
            case TimerAction.Resume:
                if (!paused)
                {
                    return InvalidTimer("There is no paused timer to resume.");
                }

                dialogue.TimerEndsAt = now.AddSeconds(dialogue.TimerRemainingSeconds!.Value);
                dialogue.TimerRemainingSeconds = null;
                return null;
            case TimerAction.Extend:
                if (command.Seconds is < HubContract.MinTimerSeconds or > HubContract.MaxTimerExtensionSeconds)
                {
                    return InvalidTimer($"An extension adds {HubContract.MinTimerSeconds} to {HubContract.MaxTimerExtensionSeconds} seconds.");
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
                    return InvalidTimer("There is no timer to extend.");
                }

                dialogue.TimerDurationSeconds += command.Seconds;
                return null;
            default:
                if (!running && !paused)
                {
                    return CommandOutcome.NoChange;
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

    public Task<CommandReply> SetSpotlightAsync(SetSpotlight command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var dialogue = change.Dialogue;
            if (command.ContributionId is { } id)
            {
                var status = await change.Db.Contributions.Where(c => c.Id == id && c.DialogueId == dialogue.Id)
                    .Select(c => (ContributionStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
                if (status is null)
                {
                    return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such contribution in this dialogue.");
                }

                if (status != ContributionStatus.Visible)
                {
                    return CommandOutcome.Refuse(ErrorCodes.ItemUnavailable, "Only a visible contribution can be put in the spotlight.");
                }
            }

            if (dialogue.SpotlightContributionId == command.ContributionId)
            {
                return CommandOutcome.NoChange;
            }

            dialogue.SpotlightContributionId = command.ContributionId;
            return CommandOutcome.CommitToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
        }, cancellationToken);

    /// <summary>
    /// Puts a risk of the national catalogue (with its national figures), a featured good practice or a
    /// finding on everyone's screen — what it says is fixed at that moment — or takes it off.
    /// </summary>
    public Task<CommandReply> ShowNationalAsync(ShowNational command, Actor actor, CancellationToken cancellationToken)
    {
        if (command.Kind is { } unknown && !Enum.IsDefined(unknown) || (command.Kind is not null && command.Id is null))
        {
            return CommandReply.Refused(ErrorCodes.BadRequest, "Showing needs a known kind and an id (or no kind, to take it off).");
        }

        return room.AsFacilitatorAsync(command, actor, async change =>
        {
            var dialogue = change.Dialogue;
            if (command.Kind is not { } kind)
            {
                if (dialogue.ShownNationalKind is null)
                {
                    return CommandOutcome.NoChange;
                }

                ClearNational(dialogue);
                return CommandOutcome.CommitToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
            }

            if (await NationalPicture.NationalRoom.ItemAsync(change.Db, dialogue, kind, command.Id!.Value, cancellationToken) is not { } item)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such item of the national picture for this dialogue's domain.");
            }

            if (dialogue.ShownNationalKind == kind && dialogue.ShownNationalId == item.Id)
            {
                return CommandOutcome.NoChange;
            }

            dialogue.ShownNationalKind = kind;
            dialogue.ShownNationalId = item.Id;
            dialogue.ShownNationalTitle = Shorten(item.Title, 300);
            dialogue.ShownNationalText = Shorten(item.Text, 4000);
            dialogue.ShownNationalSource = item.Source is { } source ? Shorten(source, 300) : null;
            return CommandOutcome.CommitToAll(new RoomDelta(Stage: RoomViews.Stage(dialogue)));
        }, cancellationToken);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void ClearNational(Dialogues.Dialogue dialogue)
    {
        dialogue.ShownNationalKind = null;
        dialogue.ShownNationalId = null;
        dialogue.ShownNationalTitle = null;
        dialogue.ShownNationalText = null;
        dialogue.ShownNationalSource = null;
    }
}
