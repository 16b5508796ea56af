using IbtDialogue.Client.Protocol;

namespace IbtDialogue.Client.Live;

/// <summary>
/// The typed client of the dialogue hub. The one real implementation wraps a SignalR connection;
/// component tests replace it with a fake. Every method answers with a result instead of throwing
/// when the server refuses; a lost connection surfaces as <see cref="ErrorCodes.Unavailable"/>.
/// </summary>
public interface IDialogueHubClient : IAsyncDisposable
{
    LiveConnectionState State { get; }

    /// <summary>Raised when <see cref="State"/> changes.</summary>
    event Action<LiveConnectionState>? StateChanged;

    /// <summary>Raised after the connection was re-established as a new connection (the server forgot it).</summary>
    event Func<Task>? Reconnected;

    /// <summary>Every committed change of the rooms this connection entered.</summary>
    event Func<RoomUpdated, Task>? RoomUpdated;

    /// <summary>Facilitators: how many have voted (not versioned).</summary>
    event Func<VotingProgress, Task>? VotingProgress;

    /// <summary>Who is in the room (not versioned).</summary>
    event Func<PresenceUpdated, Task>? PresenceUpdated;

    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Enters the room (<c>Enter</c>), or as the projector view (<c>EnterPresenter</c>).</summary>
    Task<SnapshotResult> EnterAsync(int dialogueId, bool asPresenter = false, CancellationToken cancellationToken = default);

    Task<SnapshotResult> GetSnapshotAsync(int dialogueId, CancellationToken cancellationToken = default);

    /// <summary>Sends a command to the hub method of that name (use <c>nameof(IDialogueHub.X)</c>).</summary>
    Task<CommandResult> SendAsync(string method, object command, CancellationToken cancellationToken = default);
}
