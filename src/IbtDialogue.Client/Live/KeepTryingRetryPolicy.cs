using Microsoft.AspNetCore.SignalR.Client;

namespace IbtDialogue.Client.Live;

/// <summary>
/// Reconnects for as long as the page is open: a laptop that slept for an hour must still come back.
/// The delay grows to ten seconds, with jitter so hundreds of clients do not return in the same instant
/// after a server restart.
/// </summary>
public sealed class KeepTryingRetryPolicy : IRetryPolicy
{
    private static readonly TimeSpan[] Steps = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);

    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        var step = retryContext.PreviousRetryCount < Steps.Length ? Steps[retryContext.PreviousRetryCount] : Longest;
        return step + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500));
    }
}
