using System.Collections.Concurrent;
using IbtDialogue.Client.Protocol;
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
/// <see cref="LongestPresencePause"/>.
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

    /// <summary>When each dialogue may next hear about presence; only the timer loop touches it.</summary>
    private readonly Dictionary<int, DateTimeOffset> presenceNotBefore = [];

    private readonly ConcurrentDictionary<int, byte> presence = new();
    private readonly ConcurrentDictionary<(int DialogueId, int ThemeId), byte> voting = new();

    public void TouchPresence(int dialogueId) => presence[dialogueId] = 0;

    public void TouchVoting(int dialogueId, int themeId) => voting[(dialogueId, themeId)] = 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            foreach (var dialogueId in presence.Keys)
            {
                if (presenceNotBefore.TryGetValue(dialogueId, out var notBefore) && notBefore > now)
                {
                    continue; // Stays marked for a later tick.
                }

                if (presence.TryRemove(dialogueId, out _))
                {
                    await SendSafelyAsync(dialogueId, 0, async () =>
                    {
                        var present = await SendPresenceAsync(dialogueId, stoppingToken);
                        var pause = PresencePausePerPerson * present;
                        presenceNotBefore[dialogueId] = now + (pause < Interval ? Interval : pause > LongestPresencePause ? LongestPresencePause : pause);
                    });
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
                    await SendSafelyAsync(key.DialogueId, key.ThemeId, () => SendProgressAsync(key.DialogueId, key.ThemeId, stoppingToken));
                }
            }
        }
    }

    /// <summary>Sends presence to both groups; answers how many people are present.</summary>
    private async Task<int> SendPresenceAsync(int dialogueId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow(); // Stamped before reading: a client never takes this for newer than what it read.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        PresenceView facilitators, room;
        await using (await db.BeginReadAsync(cancellationToken))
        {
            (facilitators, room) = await RoomViews.PresenceAsync(db, dialogueId, cancellationToken);
        }

        await hub.Clients.Group(RoomBroadcaster.FacilitatorGroup(dialogueId)).PresenceUpdated(new PresenceUpdated(dialogueId, now, facilitators));
        await hub.Clients.Group(RoomBroadcaster.RoomGroup(dialogueId)).PresenceUpdated(new PresenceUpdated(dialogueId, now, room));
        return room.Participants + room.Observers + room.Facilitators;
    }

    private async Task SendProgressAsync(int dialogueId, int themeId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var progress = (await RoomViews.ProgressAsync(db, dialogueId, [themeId], cancellationToken)).Single();
        await hub.Clients.Group(RoomBroadcaster.FacilitatorGroup(dialogueId)).VotingProgress(progress);
    }

    private async Task SendSafelyAsync(int dialogueId, int themeId, Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A convenience, not the truth (every snapshot has it): log, and send again at the next change.
            LogFailed(logger, ex, dialogueId, themeId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send presence or voting progress for dialogue {DialogueId} (theme {ThemeId}).")]
    private static partial void LogFailed(ILogger logger, Exception exception, int dialogueId, int themeId);
}
