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
/// </summary>
public sealed class RoomBroadcaster(IHubContext<DialogueHub, IDialogueClient> hub)
{
    /// <summary>One per dialogue that ever broadcast on this node (a few hundred bytes each), kept for the node's life.</summary>
    private readonly ConcurrentDictionary<int, DialogueQueue> queues = new();

    public static string FacilitatorGroup(int dialogueId) => $"dialogue:{dialogueId}:facilitators";

    public static string RoomGroup(int dialogueId) => $"dialogue:{dialogueId}:room";

    public static string Group(int dialogueId, RoomRole role) => role == RoomRole.Facilitator ? FacilitatorGroup(dialogueId) : RoomGroup(dialogueId);

    /// <summary>
    /// Queues a committed change behind the dialogue's earlier ones; the task ends when it has been handed to
    /// SignalR (or fails as sending it failed). Call in commit order: the queue keeps the order it is given.
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
                next.Sent.TrySetResult();
            }
            catch (Exception ex)
            {
                // The caller of that command hears of it; the next broadcasts still go out in order (clients
                // that missed this one see a gap and resync).
                next.Sent.TrySetException(ex);
            }
        }
    }

    private async Task SendAsync(RoomBroadcast broadcast)
    {
        await hub.Clients.Group(FacilitatorGroup(broadcast.DialogueId))
            .RoomUpdated(new RoomUpdated(broadcast.DialogueId, broadcast.Version, broadcast.ServerTime, broadcast.Facilitators));
        await hub.Clients.Group(RoomGroup(broadcast.DialogueId))
            .RoomUpdated(new RoomUpdated(broadcast.DialogueId, broadcast.Version, broadcast.ServerTime, broadcast.Room));
    }

    private sealed class DialogueQueue
    {
        public Queue<(RoomBroadcast Broadcast, TaskCompletionSource Sent)> Items { get; } = new();

        public bool Sending { get; set; }
    }
}
