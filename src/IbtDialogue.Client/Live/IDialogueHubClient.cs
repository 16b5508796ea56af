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

    event Func<ContributionPosted, Task>? ContributionPosted;

    event Func<PresenceChanged, Task>? PresenceChanged;

    event Func<DialogueChanged, Task>? DialogueChanged;

    Task StartAsync(CancellationToken cancellationToken = default);

    Task<SnapshotResult> EnterAsync(int dialogueId, CancellationToken cancellationToken = default);

    Task<SnapshotResult> GetSnapshotAsync(int dialogueId, CancellationToken cancellationToken = default);

    Task<CommandResult> PostContributionAsync(PostContribution command, CancellationToken cancellationToken = default);

    Task<CommandResult> OpenDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> CloseDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default);

    Task<CommandResult> SetCurrentThemeAsync(SetCurrentTheme command, CancellationToken cancellationToken = default);
}
