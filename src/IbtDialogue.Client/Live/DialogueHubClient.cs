using IbtDialogue.Protocol;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace IbtDialogue.Client.Live;

/// <summary>
/// The typed client of the dialogue hub over a SignalR connection (WebSockets, automatic and stateful
/// reconnect). Browsers, integration tests and the load benchmark all use this class, so they speak the
/// protocol the same way. A command whose connection drops before its answer arrives is sent again,
/// with the same command id, once the connection is back: the server applies it at most once.
/// </summary>
public sealed class DialogueHubClient : IDialogueHubClient
{
    private static readonly TimeSpan ReconnectWait = TimeSpan.FromSeconds(30);
    private const int MaxAttempts = 5;

    private readonly HubConnection connection;
    private LiveConnectionState state = LiveConnectionState.Disconnected;
    private int waiting;
    private string? refusal;

    public DialogueHubClient(Uri hubUrl, Action<HttpConnectionOptions>? configureHttp = null, IRetryPolicy? retryPolicy = null)
    {
        connection = new HubConnectionBuilder()
            .WithUrl(hubUrl, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                configureHttp?.Invoke(options);
            })
            .WithAutomaticReconnect(retryPolicy ?? new KeepTryingRetryPolicy())
            .WithStatefulReconnect()
            .AddJsonProtocol(options => ProtocolJson.Configure(options.PayloadSerializerOptions))
            .Build();

        connection.On<RoomUpdated>(nameof(IDialogueClient.RoomUpdated), e => RoomUpdated is { } handler ? handler(e) : Task.CompletedTask);
        connection.On<VotingProgress>(nameof(IDialogueClient.VotingProgress), e => VotingProgress is { } handler ? handler(e) : Task.CompletedTask);
        connection.On<PresenceUpdated>(nameof(IDialogueClient.PresenceUpdated), e => PresenceUpdated is { } handler ? handler(e) : Task.CompletedTask);
        connection.On<RoomVersion>(nameof(IDialogueClient.RoomVersion), e => RoomVersion is { } handler ? handler(e) : Task.CompletedTask);

        connection.Reconnecting += _ =>
        {
            SetState(LiveConnectionState.Reconnecting);
            return Task.CompletedTask;
        };
        connection.Reconnected += async _ =>
        {
            SetState(LiveConnectionState.Connected);
            if (Reconnected is { } handler)
            {
                await handler();
            }
        };
        connection.Closed += error =>
        {
            if (IsRefusal(error?.Message))
            {
                refusal = error!.Message;
            }

            SetState(LiveConnectionState.Disconnected);
            return Task.CompletedTask;
        };
    }

    public LiveConnectionState State => state;

    /// <summary>Commands whose connection dropped before their answer came: they are sent again once it is back.</summary>
    public int CommandsWaiting => Volatile.Read(ref waiting);

    /// <summary>The server's id of the current connection (for diagnostics and tests).</summary>
    public string? ConnectionId => connection.ConnectionId;

    public event Action<LiveConnectionState>? StateChanged;

    public event Func<Task>? Reconnected;

    public event Func<RoomUpdated, Task>? RoomUpdated;

    public event Func<VotingProgress, Task>? VotingProgress;

    public event Func<PresenceUpdated, Task>? PresenceUpdated;

    public event Func<RoomVersion, Task>? RoomVersion;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        SetState(LiveConnectionState.Connecting);
        var policy = new KeepTryingRetryPolicy();
        for (var attempt = 0L; ; attempt++)
        {
            try
            {
                await connection.StartAsync(cancellationToken);
                SetState(LiveConnectionState.Connected);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized })
            {
                var delay = policy.NextRetryDelay(new RetryContext { PreviousRetryCount = attempt, RetryReason = ex }) ?? TimeSpan.FromSeconds(10);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>Stops the connection for good (the server sees a disconnect).</summary>
    public Task StopAsync() => connection.StopAsync();

    public Task<SnapshotResult> EnterAsync(int dialogueId, bool asPresenter = false, CancellationToken cancellationToken = default) =>
        InvokeAsync(asPresenter ? nameof(IDialogueHub.EnterPresenter) : nameof(IDialogueHub.Enter), dialogueId, SnapshotResult.Failure, isCommand: false, cancellationToken);

    public Task<SnapshotResult> GetSnapshotAsync(int dialogueId, CancellationToken cancellationToken = default) =>
        InvokeAsync(nameof(IDialogueHub.GetSnapshot), dialogueId, SnapshotResult.Failure, isCommand: false, cancellationToken);

    public Task<CommandResult> PostContributionAsync(PostContribution command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.PostContribution), command, cancellationToken);

    public Task<CommandResult> EditContributionAsync(EditContribution command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.EditContribution), command, cancellationToken);

    public Task<CommandResult> WithdrawContributionAsync(ContributionCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.WithdrawContribution), command, cancellationToken);

    public Task<CommandResult> ReactAsync(ContributionCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.React), command, cancellationToken);

    public Task<CommandResult> UnreactAsync(ContributionCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.Unreact), command, cancellationToken);

    public Task<CommandResult> OpenDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.OpenDialogue), command, cancellationToken);

    public Task<CommandResult> CloseDialogueAsync(DialogueCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.CloseDialogue), command, cancellationToken);

    public Task<CommandResult> SetStageAsync(SetStage command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.SetStage), command, cancellationToken);

    public Task<CommandResult> SetInputLockedAsync(SetInputLocked command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.SetInputLocked), command, cancellationToken);

    public Task<CommandResult> ControlTimerAsync(ControlTimer command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.ControlTimer), command, cancellationToken);

    public Task<CommandResult> SetSpotlightAsync(SetSpotlight command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.SetSpotlight), command, cancellationToken);

    public Task<CommandResult> ModerateContributionAsync(ModerateContribution command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.ModerateContribution), command, cancellationToken);

    public Task<CommandResult> MergeContributionsAsync(MergeContributions command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.MergeContributions), command, cancellationToken);

    public Task<CommandResult> SaveThemeAsync(SaveTheme command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.SaveTheme), command, cancellationToken);

    public Task<CommandResult> MoveThemeAsync(MoveTheme command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.MoveTheme), command, cancellationToken);

    public Task<CommandResult> RemoveThemeAsync(ThemeCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.RemoveTheme), command, cancellationToken);

    public Task<CommandResult> UpdateSettingsAsync(UpdateSettings command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.UpdateSettings), command, cancellationToken);

    public Task<CommandResult> SaveAgreementAsync(SaveAgreement command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.SaveAgreement), command, cancellationToken);

    public Task<CommandResult> RemoveAgreementAsync(AgreementCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.RemoveAgreement), command, cancellationToken);

    public Task<CommandResult> SaveGoodPracticeAsync(SaveGoodPractice command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.SaveGoodPractice), command, cancellationToken);

    public Task<CommandResult> SaveRiskAsync(SaveRisk command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.SaveRisk), command, cancellationToken);

    public Task<CommandResult> DecideRiskAsync(DecideRisk command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.DecideRisk), command, cancellationToken);

    public Task<CommandResult> RemoveRiskAsync(RiskCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.RemoveRisk), command, cancellationToken);

    public Task<CommandResult> ConfigureVotingAsync(ConfigureVoting command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.ConfigureVoting), command, cancellationToken);

    public Task<CommandResult> OpenVotingAsync(OpenVoting command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.OpenVoting), command, cancellationToken);

    public Task<CommandResult> CloseVotingAsync(VotingCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.CloseVoting), command, cancellationToken);

    public Task<CommandResult> RevealResultsAsync(VotingCommand command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.RevealResults), command, cancellationToken);

    public Task<CommandResult> CastDotsAsync(CastDots command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.CastDots), command, cancellationToken);

    public Task<CommandResult> RateRiskAsync(RateRisk command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.RateRisk), command, cancellationToken);

    public Task<CommandResult> AddCatalogueRiskAsync(AddCatalogueRisk command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.AddCatalogueRisk), command, cancellationToken);

    public Task<CommandResult> ShowNationalAsync(ShowNational command, CancellationToken cancellationToken = default) =>
        CommandAsync(nameof(IDialogueHub.ShowNational), command, cancellationToken);

    public Task<NationalPanelResult> GetNationalPanelAsync(NationalPanelRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(nameof(IDialogueHub.GetNationalPanel), request, NationalPanelResult.Failure, isCommand: false, cancellationToken);

    private Task<CommandResult> CommandAsync(string method, IRoomCommand command, CancellationToken cancellationToken) =>
        InvokeAsync(method, command, CommandResult.Failure, isCommand: true, cancellationToken);

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private async Task<T> InvokeAsync<T>(string method, object argument, Func<string, string, T> failure, bool isCommand, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (refusal is { } refused)
            {
                return failure(ErrorCodes.TooManyConnections, refused);
            }

            try
            {
                return await connection.InvokeAsync<T>(method, argument, cancellationToken);
            }
            catch (HubException ex) when (IsRefusal(ex.Message))
            {
                // The server closed this connection as it opened, before the call could run.
                refusal = ex.Message;
                return failure(ErrorCodes.TooManyConnections, ex.Message);
            }
            catch (HubException ex)
            {
                // SignalR refused the invocation before the hub ran: arguments it could not bind. (Refusals of
                // ours, authorization included, arrive as answers with a code.)
                return failure(ErrorCodes.BadRequest, ex.Message);
            }
            catch (Exception ex) when (IsConnectionLoss(ex, cancellationToken))
            {
                if (isCommand)
                {
                    Interlocked.Increment(ref waiting);
                }

                try
                {
                    if (attempt >= MaxAttempts || !await WaitUntilConnectedAsync(cancellationToken))
                    {
                        return refusal is { } closedWith
                            ? failure(ErrorCodes.TooManyConnections, closedWith)
                            : failure(ErrorCodes.Unavailable, "The connection to the server is lost.");
                    }
                }
                finally
                {
                    if (isCommand)
                    {
                        Interlocked.Decrement(ref waiting);
                    }
                }
            }
        }
    }

    private static bool IsConnectionLoss(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or InvalidOperationException or IOException;

    /// <summary>The server names the code in the message it closes a refused connection with.</summary>
    private static bool IsRefusal(string? message) => message?.Contains(ErrorCodes.TooManyConnections, StringComparison.Ordinal) == true;

    private async Task<bool> WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReconnectWait;
        while (DateTime.UtcNow < deadline)
        {
            if (connection.State == HubConnectionState.Connected)
            {
                return true;
            }

            if (connection.State == HubConnectionState.Disconnected && state == LiveConnectionState.Disconnected)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    private void SetState(LiveConnectionState next)
    {
        if (state == next)
        {
            return;
        }

        state = next;
        StateChanged?.Invoke(next);
    }
}
