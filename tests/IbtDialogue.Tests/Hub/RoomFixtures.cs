using System.Text.Json;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Hub;

/// <summary>A connected client and its view of the room, as a browser tab has them.</summary>
public sealed class Tab : IAsyncDisposable
{
    private Tab(DialogueHubClient hub, LiveRoom room)
    {
        Hub = hub;
        Room = room;
    }

    public DialogueHubClient Hub { get; }

    public LiveRoom Room { get; }

    public RoomSnapshot State => Room.State ?? throw new InvalidOperationException("Not entered.");

    public static async Task<Tab> OpenAsync(DialogueHubClient hub, int dialogueId)
    {
        var room = new LiveRoom(hub, dialogueId);
        var entered = await room.StartAsync(TestContext.Current.CancellationToken);
        Assert.True(entered.Ok, entered.Error);
        return new Tab(hub, room);
    }

    /// <summary>
    /// The room as everyone in one audience should see it: without the "you" part, the personal flags, the
    /// server's clock and presence (which differs between facilitators and the room by design).
    /// </summary>
    public string Shared() => Canonical(State);

    public static string Canonical(RoomSnapshot snapshot) => JsonSerializer.Serialize(snapshot with
    {
        You = null!,
        ServerTime = default,
        Presence = null!,
        Contributions = [.. snapshot.Contributions.Select(c => c with { Mine = false, ReactedByMe = false })],
    });

    public async ValueTask DisposeAsync()
    {
        await Room.DisposeAsync();
        await Hub.DisposeAsync();
    }
}
