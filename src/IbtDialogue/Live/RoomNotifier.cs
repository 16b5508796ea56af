using System.Collections.Concurrent;
using IbtDialogue.Protocol;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

/// <summary>
/// Sends what changes too often to send at every change, coalesced: who is in the room, and (to facilitators)
/// how many have voted. A join or a vote only marks its dialogue; every quarter second the marked ones are
/// read from the database and sent once. Two hundred people joining at once make a handful of messages per
/// person, not two hundred; five hundred votes in two seconds make at most eight progress messages.
/// Presence goes to everyone in the room, so a big room hears it less often: after a report, the next one
/// waits <see cref="PresencePausePerPerson"/> per person present (2.5 s in a webinar of 500), at most
/// <see cref="LongestPresencePause"/>. Each node coalesces the changes it saw, so with two nodes a room can
/// hear twice as often; reports carry the dialogue's presence version from the database, so clients order
/// them correctly whichever node sent them.
/// </summary>
public sealed partial class RoomNotifier(
    IDbContextFactory<DialogueDb> dbFactory,
    IHubContext<DialogueHub, IDialogueClient> hub,
    TimeProvider clock,
    ILogger<RoomNotifier> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan PresencePausePerPerson = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan LongestPresencePause = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<int, byte> presence = new();
    private readonly ConcurrentDictionary<(int DialogueId, int ThemeId), byte> voting = new();

    /// <summary>When (a <see cref="TimeProvider"/> timestamp) each dialogue may next hear about presence; only the timer loop touches it.</summary>
    private readonly Dictionary<int, long> presenceNotBefore = [];

    public void TouchPresence(int dialogueId) => presence[dialogueId] = 0;

    public void TouchVoting(int dialogueId, int themeId) => voting[(dialogueId, themeId)] = 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Ticks may come a little early; half an interval of slack keeps small rooms at four reports a second.
            var now = clock.GetTimestamp() + (long)(Interval.TotalSeconds / 2 * clock.TimestampFrequency);
            foreach (var dialogueId in presence.Keys)
            {
                if (presenceNotBefore.TryGetValue(dialogueId, out var notBefore) && notBefore > now)
                {
                    continue; // Stays marked for a later tick.
                }

                if (presence.TryRemove(dialogueId, out _))
                {
                    await SendSafelyAsync(() => TouchPresence(dialogueId), dialogueId, 0, async () =>
                    {
                        var present = await SendPresenceAsync(dialogueId, stoppingToken);
                        var pause = Math.Clamp(PresencePausePerPerson.Ticks * present, Interval.Ticks, LongestPresencePause.Ticks);
                        presenceNotBefore[dialogueId] = clock.GetTimestamp() + (long)(TimeSpan.FromTicks(pause).TotalSeconds * clock.TimestampFrequency);
                    }, stoppingToken);
                }
            }

            foreach (var (dialogueId, _) in presenceNotBefore.Where(p => p.Value <= now && !presence.ContainsKey(p.Key)).ToList())
            {
                presenceNotBefore.Remove(dialogueId);
            }

            foreach (var key in voting.Keys)
            {
                if (voting.TryRemove(key, out _))
                {
                    await SendSafelyAsync(() => TouchVoting(key.DialogueId, key.ThemeId), key.DialogueId, key.ThemeId,
                        () => SendProgressAsync(key.DialogueId, key.ThemeId, stoppingToken), stoppingToken);
                }
            }
        }
    }

    /// <summary>Sends presence to both groups, with the counter read in the same transaction; answers how many people are present.</summary>
    private async Task<int> SendPresenceAsync(int dialogueId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        long presenceVersion;
        PresenceView facilitators, room;
        await using (await db.BeginReadAsync(cancellationToken))
        {
            presenceVersion = await db.Dialogues.Where(d => d.Id == dialogueId).Select(d => d.PresenceVersion).SingleAsync(cancellationToken);
            (facilitators, room) = await Room.RoomViews.PresenceAsync(db, dialogueId, cancellationToken);
        }

        await hub.Clients.Group(RoomBroadcaster.FacilitatorGroup(dialogueId)).PresenceUpdated(new PresenceUpdated(dialogueId, presenceVersion, facilitators));
        await hub.Clients.Group(RoomBroadcaster.RoomGroup(dialogueId)).PresenceUpdated(new PresenceUpdated(dialogueId, presenceVersion, room));
        return room.Participants + room.Observers + room.Facilitators;
    }

    private async Task SendProgressAsync(int dialogueId, int themeId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var progress = (await Voting.VotingViews.ProgressAsync(db, dialogueId, [themeId], cancellationToken)).Single();
        await hub.Clients.Group(RoomBroadcaster.FacilitatorGroup(dialogueId)).VotingProgress(progress);
    }

    private async Task SendSafelyAsync(Action markAgain, int dialogueId, int themeId, Func<Task> send, CancellationToken stoppingToken)
    {
        try
        {
            await send();
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The database or the backplane failed: log, and try again at a later tick rather than leave
            // clients with an old count until the next change.
            LogFailed(logger, ex, dialogueId, themeId);
            markAgain();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send presence or voting progress for dialogue {DialogueId} (theme {ThemeId}).")]
    private static partial void LogFailed(ILogger logger, Exception exception, int dialogueId, int themeId);
}
