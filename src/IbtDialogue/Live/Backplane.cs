using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IbtDialogue.Live;

/// <summary>The SignalR backplane of a deployment with several nodes (configuration section <c>Redis</c>).</summary>
public sealed class BackplaneOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>redis.example:6379,password=…</c>); empty: one node, no backplane.</summary>
    public string? Connection { get; set; }

    /// <summary>Put before every channel name, so deployments (test, acceptance, production) can share one Redis server.</summary>
    public string ChannelPrefix { get; set; } = "ibt-dialogue";

    /// <summary>How often each node tells its own clients where their rooms stand (<see cref="RoomVersionHints"/>).</summary>
    public int VersionHintSeconds { get; set; } = 15;

    public bool Enabled => !string.IsNullOrWhiteSpace(Connection);
}

public static class Backplane
{
    /// <summary>
    /// With <c>Redis:Connection</c> set, SignalR sends every group message through Redis, so a client hears the
    /// changes made on every node; without it, nothing is added (one node). Redis keeps no messages: what is
    /// lost while it is away is made good by <see cref="RoomVersionHints"/> and by the clients' resync rule.
    /// </summary>
    public static ISignalRServerBuilder AddBackplane(this ISignalRServerBuilder signalR, IConfiguration configuration)
    {
        var services = signalR.Services;
        services.Configure<BackplaneOptions>(configuration.GetSection(BackplaneOptions.Section));
        var options = configuration.GetSection(BackplaneOptions.Section).Get<BackplaneOptions>() ?? new BackplaneOptions();
        if (!options.Enabled)
        {
            return signalR;
        }

        signalR.AddStackExchangeRedis(redis =>
        {
            redis.Configuration = ConfigurationOptions.Parse(options.Connection!);
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix);
            redis.Configuration.AbortOnConnectFail = false; // Start, and keep trying, while Redis is away.
            // While Redis is away a send fails at once instead of waiting in a backlog: the command it belongs to
            // is committed and is answered now; its clients catch up when Redis is back.
            redis.Configuration.BacklogPolicy = BacklogPolicy.FailFast;
        });
        services.AddSingleton<BackplaneState>();
        services.AddHostedService<RoomVersionHints>();
        services.AddOptions<RedisOptions>().Configure<BackplaneState>((redis, state) => redis.ConnectionFactory = async writer =>
        {
            var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration, writer);
            connection.ConnectionFailed += (_, e) => state.Lost(e.EndPoint, e.FailureType);
            connection.ConnectionRestored += (_, e) =>
            {
                // Once per outage: the subscription bridge carries the events (StackExchange.Redis restores the
                // subscriptions as it comes back); the interactive bridge only publishes.
                if (e.ConnectionType == ConnectionType.Subscription)
                {
                    state.Restored();
                }
            };
            return connection;
        });
        return signalR;
    }
}

/// <summary>What the Redis connections report; kept apart from the hub so SignalR's Redis options can reach it.</summary>
public sealed partial class BackplaneState(ILogger<BackplaneState> logger) : IDisposable
{
    private readonly SemaphoreSlim restored = new(0);

    public void Lost(System.Net.EndPoint? endPoint, ConnectionFailureType failure) => LogLost(logger, endPoint?.ToString(), failure);

    public void Restored()
    {
        LogRestored(logger);
        restored.Release();
    }

    /// <summary>Waits for a restore, at most <paramref name="timeout"/>; answers whether one came.</summary>
    public Task<bool> WaitForRestoreAsync(TimeSpan timeout, CancellationToken cancellationToken) => restored.WaitAsync(timeout, cancellationToken);

    public void Dispose() => restored.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Redis backplane is lost ({EndPoint}: {Failure}); events of other nodes do not arrive until it is back.")]
    private static partial void LogLost(ILogger logger, string? endPoint, ConnectionFailureType failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Redis backplane is back; this node's clients hear where their rooms stand.")]
    private static partial void LogRestored(ILogger logger);
}

/// <summary>
/// Redis passes messages on and keeps none: what was published while it was away, or while this node's
/// subscription was broken, never arrives. So each node tells its own connections — directly, not through
/// Redis — where their rooms stand (<see cref="IDialogueClient.RoomVersion"/>): at once when the backplane
/// comes back, and every <see cref="BackplaneOptions.VersionHintSeconds"/> in case a message went missing
/// without the connection breaking. A client that is behind loads a snapshot. The presence and voting
/// progress that failed to go out are sent again by <see cref="RoomNotifier"/>; on a restore the open votes of
/// these rooms are marked for it too, as a count published into a broken subscription is lost without error.
/// </summary>
public sealed partial class RoomVersionHints(
    IDbContextFactory<DialogueDb> dbFactory,
    IHubContext<DialogueHub, IDialogueClient> hub,
    RoomNotifier notifier,
    NodeIdentity node,
    BackplaneState backplane,
    IOptions<BackplaneOptions> options,
    ILogger<RoomVersionHints> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.VersionHintSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            var wasRestored = await backplane.WaitForRestoreAsync(interval, stoppingToken);
            try
            {
                await SendAsync(wasRestored, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex); // The database is away: the next round tries again.
            }
        }
    }

    /// <summary>
    /// How old a version is when it is told: by then every event up to it has left every node, and every presence
    /// report up to it too (<see cref="RoomNotifier.LongestPresencePause"/>), so a client still behind it lost
    /// something. Telling the version of this moment would send half a busy room for a snapshot every round.
    /// </summary>
    public static readonly TimeSpan Settle = RoomNotifier.LongestPresencePause + TimeSpan.FromSeconds(1);

    /// <summary>How long one round may spend writing to this node's connections (a slow client must not hold up the rest).</summary>
    public static readonly TimeSpan SendLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads each room's version and presence version now, and after <see cref="Settle"/> tells them to every
    /// connection of this node in that room (those still connected then).
    /// </summary>
    public async Task SendAsync(bool afterRestore, CancellationToken cancellationToken)
    {
        List<RoomVersion> versions;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var dialogueIds = await db.RoomConnections.AsNoTracking().Where(c => c.Node == node.Name).Select(c => c.DialogueId).Distinct().ToListAsync(cancellationToken);
            versions = await db.Dialogues.AsNoTracking().Where(d => dialogueIds.Contains(d.Id))
                .Select(d => new RoomVersion(d.Id, d.Version, d.PresenceVersion)).ToListAsync(cancellationToken);
            if (afterRestore)
            {
                // A count published into the broken subscription was lost without an error to retry on.
                var openVotes = await db.Themes.AsNoTracking().Where(t => dialogueIds.Contains(t.DialogueId) && t.VoteState == VoteState.Open)
                    .Select(t => new { t.DialogueId, t.Id }).ToListAsync(cancellationToken);
                foreach (var vote in openVotes)
                {
                    notifier.TouchVoting(vote.DialogueId, vote.Id);
                }
            }
        }

        await Task.Delay(Settle, cancellationToken);
        List<(string ConnectionId, RoomVersion Version)> targets;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var ids = versions.Select(v => v.DialogueId).ToList();
            var connections = await db.RoomConnections.AsNoTracking().Where(c => c.Node == node.Name && ids.Contains(c.DialogueId))
                .Select(c => new { c.ConnectionId, c.DialogueId }).ToListAsync(cancellationToken);
            var byDialogue = versions.ToDictionary(v => v.DialogueId);
            targets = [.. connections.Select(c => (c.ConnectionId, byDialogue[c.DialogueId]))];
        }

        // One Client(id) each: to a connection of its own, SignalR's Redis manager writes directly, not through Redis
        // (a list of connections would be published). All at once, each on its own, within a limit.
        var sends = targets.Select(async target =>
        {
            try
            {
                await hub.Clients.Client(target.ConnectionId).RoomVersion(target.Version);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogSendFailed(logger, ex, target.ConnectionId); // Gone meanwhile, or not on this node after all: the next round tells it again.
            }
        });
        try
        {
            await Task.WhenAll(sends).WaitAsync(SendLimit, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogSlow(logger, targets.Count); // The writes go on by themselves; the next round does not wait for them.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling {Connections} connections where their rooms stand took longer than the limit; some clients are slow.")]
    private static partial void LogSlow(ILogger logger, int connections);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not tell connection {ConnectionId} where its room stands.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell this node's clients where their rooms stand.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
