using System.Collections.Concurrent;
using IbtDialogue.Client.Protocol;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

/// <summary>
/// Tells facilitators how many have voted, coalesced: a vote only marks its theme, and every quarter second
/// the marked themes' counts are read from the database and sent once. Five hundred votes in two seconds
/// make at most eight messages per theme, to facilitators only, and never carry what anyone voted.
/// </summary>
public sealed partial class VotingProgressNotifier(
    IDbContextFactory<DialogueDb> dbFactory,
    IHubContext<DialogueHub, IDialogueClient> hub,
    ILogger<VotingProgressNotifier> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<(int DialogueId, int ThemeId), byte> marked = new();

    public void Touch(int dialogueId, int themeId) => marked[(dialogueId, themeId)] = 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var key in marked.Keys)
            {
                if (!marked.TryRemove(key, out _))
                {
                    continue;
                }

                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                    var progress = (await RoomViews.ProgressAsync(db, key.DialogueId, [key.ThemeId], stoppingToken)).Single();
                    await hub.Clients.Group(RoomBroadcaster.FacilitatorGroup(key.DialogueId)).VotingProgress(progress);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The count is a convenience (the snapshot has it too): log, and try again with the next vote.
                    LogFailed(logger, ex, key.DialogueId, key.ThemeId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send voting progress for dialogue {DialogueId}, theme {ThemeId}.")]
    private static partial void LogFailed(ILogger logger, Exception exception, int dialogueId, int themeId);
}
