using System.Collections.Concurrent;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.SignalR;

namespace IbtDialogue.Live;

/// <summary>
/// Sends committed changes to the dialogue's two groups — facilitators, and the room (participants,
/// observers, projector) — each the view it may see, with the same version, so both streams stay gapless.
/// Each dialogue has one ordered queue: <see cref="RoomWriter"/> hands a broadcast over right after its commit,
/// while it still holds the write gate, so the queue holds the dialogue's versions in commit order, and one
/// sender at a time takes them out in that order. Two commands committed a moment apart can no longer reach
/// clients in reverse order (which made every client load a full snapshot).
/// A send that fails (the Redis backplane is down) is logged and counts as done: the command is committed, so
/// its caller is answered <c>ok</c>; clients that missed the event see a gap on the next one, or hear the room's
/// version from <see cref="RoomVersionHints"/>, and load a snapshot.
/// </summary>
public sealed partial class RoomBroadcaster(IHubContext<DialogueHub, IDialogueClient> hub, ILogger<RoomBroadcaster> logger)
{
    /// <summary>One per dialogue that ever broadcast on this node (a few hundred bytes each), kept for the node's life.</summary>
    private readonly ConcurrentDictionary<int, DialogueQueue> queues = new();

    public static string FacilitatorGroup(int dialogueId) => $"dialogue:{dialogueId}:facilitators";

    public static string RoomGroup(int dialogueId) => $"dialogue:{dialogueId}:room";

    public static string Group(int dialogueId, RoomRole role) => role == RoomRole.Facilitator ? FacilitatorGroup(dialogueId) : RoomGroup(dialogueId);

    /// <summary>
    /// Queues a committed change behind the dialogue's earlier ones; the task ends when it has been handed to
    /// SignalR, or sending it failed and was logged. Call in commit order: the queue keeps the order it is given.
    /// </summary>
    public Task Enqueue(RoomBroadcast broadcast)
    {
        var queue = queues.GetOrAdd(broadcast.DialogueId, _ => new DialogueQueue());
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (queue)
        {
            queue.Items.Enqueue((broadcast, sent));
            start = !queue.Sending;
            queue.Sending = true;
        }

        if (start)
        {
            _ = Task.Run(() => DrainAsync(queue));
        }

        return sent.Task;
    }

    private async Task DrainAsync(DialogueQueue queue)
    {
        while (true)
        {
            (RoomBroadcast Broadcast, TaskCompletionSource Sent) next;
            lock (queue)
            {
                if (!queue.Items.TryDequeue(out next))
                {
                    queue.Sending = false;
                    return;
                }
            }

            try
            {
                await SendAsync(next.Broadcast);
            }
            catch (Exception ex)
            {
                // Committed all the same: the next broadcasts still go out in order, and clients that missed
                // this one see a gap or hear the room's version, and resync.
                LogSendFailed(logger, ex, next.Broadcast.DialogueId, next.Broadcast.Version);
            }

            next.Sent.TrySetResult();
        }
    }

    private async Task SendAsync(RoomBroadcast broadcast)
    {
        await hub.Clients.Group(FacilitatorGroup(broadcast.DialogueId))
            .RoomUpdated(new RoomUpdated(broadcast.DialogueId, broadcast.Version, broadcast.ServerTime, broadcast.Facilitators));
        await hub.Clients.Group(RoomGroup(broadcast.DialogueId))
            .RoomUpdated(new RoomUpdated(broadcast.DialogueId, broadcast.Version, broadcast.ServerTime, broadcast.Room));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event of dialogue {DialogueId} at version {Version} could not be sent; its clients resync.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int dialogueId, long version);

    private sealed class DialogueQueue
    {
        public Queue<(RoomBroadcast Broadcast, TaskCompletionSource Sent)> Items { get; } = new();

        public bool Sending { get; set; }
    }
}
