using IbtDialogue.Protocol;

namespace IbtDialogue.Client.Room;

/// <summary>
/// One control's command on its way. While it travels the control says so ("Wordt verstuurd…") and stays
/// focusable — a disabled button would drop keyboard focus to the page — and a second press is ignored. A
/// command that could not be delivered (no connection within the client's wait) is kept, with its command
/// id, and offered again: resent as it was, the server applies it at most once. Its error goes as soon as the
/// situation it describes is over (<see cref="SendFeedback"/> shows it by the connection's state).
/// </summary>
public sealed class Sending
{
    private Func<Task<CommandResult>>? undelivered;

    public bool Busy { get; private set; }

    /// <summary>The error code of the last command, when it failed.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>The last command never reached the server: it can be sent again.</summary>
    public bool Undelivered => undelivered is not null;

    /// <summary>
    /// Sends a command. <paramref name="send"/> must send the same command (the same id) each time it is
    /// called: it is what a retry calls again.
    /// </summary>
    /// <returns>The result, or null when this control's previous command is still on its way.</returns>
    public async Task<CommandResult?> SendAsync(Func<Task<CommandResult>> send)
    {
        if (Busy)
        {
            return null;
        }

        Busy = true;
        try
        {
            var result = await send();
            undelivered = result.Error == ErrorCodes.Unavailable ? send : null;
            ErrorCode = result.Ok ? null : result.Error;
            return result;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Sends the undelivered command again, unchanged.</summary>
    public Task<CommandResult?> RetryAsync() => undelivered is { } send ? SendAsync(send) : Task.FromResult<CommandResult?>(null);

    /// <summary>Forgets the last error (the user moved on, e.g. cancelled an edit).</summary>
    public void Clear()
    {
        ErrorCode = null;
        undelivered = null;
    }
}
