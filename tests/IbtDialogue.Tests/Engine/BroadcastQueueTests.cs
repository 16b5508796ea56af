using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.AspNetCore.SignalR;

namespace IbtDialogue.Tests.Engine;

/// <summary>
/// The broadcaster's queue per dialogue (issue 16): a later version never overtakes an earlier one, even when
/// sending the earlier one is slow, and a slow dialogue does not hold up another.
/// </summary>
public sealed class BroadcastQueueTests
{
    /// <summary>A hub context that records what is sent, holding the first event of one dialogue until released.</summary>
    private sealed class HoldingHub(int heldDialogue) : IHubContext<DialogueHub, IDialogueClient>, IHubClients<IDialogueClient>, IDialogueClient
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool held;

        public List<(string Group, int Dialogue, long Version)> Sent { get; } = [];

        public void Release() => release.SetResult();

        IHubClients<IDialogueClient> IHubContext<DialogueHub, IDialogueClient>.Clients => this;

        IGroupManager IHubContext<DialogueHub, IDialogueClient>.Groups => throw new NotSupportedException();

        public IDialogueClient All => this;

        public IDialogueClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => this;

        public IDialogueClient Client(string connectionId) => this;

        public IDialogueClient Clients(IReadOnlyList<string> connectionIds) => this;

        public IDialogueClient Group(string groupName) => new GroupClient(this, groupName);

        public IDialogueClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => this;

        public IDialogueClient Groups(IReadOnlyList<string> groupNames) => this;

        public IDialogueClient User(string userId) => this;

        public IDialogueClient Users(IReadOnlyList<string> userIds) => this;

        public Task RoomUpdated(RoomUpdated e) => throw new NotSupportedException();

        public Task VotingProgress(VotingProgress e) => throw new NotSupportedException();

        public Task PresenceUpdated(PresenceUpdated e) => throw new NotSupportedException();

        public Task RoomVersion(RoomVersion e) => throw new NotSupportedException();

        private async Task RecordAsync(string group, RoomUpdated e)
        {
            bool hold;
            lock (Sent)
            {
                hold = e.DialogueId == heldDialogue && !held;
                held |= hold;
            }

            if (hold)
            {
                await release.Task;
            }

            lock (Sent)
            {
                Sent.Add((group, e.DialogueId, e.Version));
            }
        }

        public List<(string Group, int Dialogue, long Version)> Snapshot()
        {
            lock (Sent)
            {
                return [.. Sent];
            }
        }

        private sealed class GroupClient(HoldingHub hub, string group) : IDialogueClient
        {
            public Task RoomUpdated(RoomUpdated e) => hub.RecordAsync(group, e);

            public Task VotingProgress(VotingProgress e) => Task.CompletedTask;

            public Task PresenceUpdated(PresenceUpdated e) => Task.CompletedTask;

            public Task RoomVersion(RoomVersion e) => Task.CompletedTask;
        }
    }

    private static RoomBroadcast Change(int dialogue, long version) =>
        new(dialogue, version, DateTimeOffset.UnixEpoch, RoomDelta.Nothing, RoomDelta.Nothing);

    [Fact]
    public async Task A_slow_send_holds_back_the_later_versions_of_its_dialogue_only()
    {
        var hub = new HoldingHub(heldDialogue: 7);
        var broadcaster = new RoomBroadcaster(hub, Microsoft.Extensions.Logging.Abstractions.NullLogger<RoomBroadcaster>.Instance);

        var sent = new[] { Change(7, 1), Change(7, 2), Change(7, 3), Change(8, 1) }.Select(broadcaster.Enqueue).ToList();

        // Dialogue 8's event was queued after 7's second and third, and leaves while 7's first is held…
        await Eventually.TrueAsync(() => hub.Snapshot().Any(s => s.Dialogue == 8), "the other dialogue is not held up");
        await sent[3];
        Assert.DoesNotContain(hub.Snapshot(), s => s.Dialogue == 7); // …but nothing of 7 overtakes its held first event.
        Assert.False(sent[0].IsCompleted || sent[1].IsCompleted || sent[2].IsCompleted);

        hub.Release();
        await Task.WhenAll(sent);
        var facilitators = RoomBroadcaster.FacilitatorGroup(7);
        var room = RoomBroadcaster.RoomGroup(7);
        Assert.Equal(
            new List<(string, int, long)> { (facilitators, 7, 1), (room, 7, 1), (facilitators, 7, 2), (room, 7, 2), (facilitators, 7, 3), (room, 7, 3) },
            hub.Snapshot().Where(s => s.Dialogue == 7).ToList());
    }
}
