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
            connection.ConnectionRestored += (_, _) => state.Restored();
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

    /// <summary>Tells every connection of this node in a room that room's version and presence version now.</summary>
    public async Task SendAsync(bool afterRestore, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connections = await db.RoomConnections.AsNoTracking().Where(c => c.Node == node.Name)
            .Select(c => new { c.DialogueId, c.ConnectionId }).ToListAsync(cancellationToken);
        var dialogueIds = connections.Select(c => c.DialogueId).Distinct().ToList();
        var versions = await db.Dialogues.AsNoTracking().Where(d => dialogueIds.Contains(d.Id))
            .Select(d => new RoomVersion(d.Id, d.Version, d.PresenceVersion)).ToListAsync(cancellationToken);
        foreach (var version in versions)
        {
            // One at a time: to one connection of its own, SignalR's Redis manager writes directly, not through Redis
            // (a list of connections would be published).
            foreach (var connection in connections.Where(c => c.DialogueId == version.DialogueId))
            {
                await hub.Clients.Client(connection.ConnectionId).RoomVersion(version);
            }
        }

        if (afterRestore)
        {
            var openVotes = await db.Themes.AsNoTracking().Where(t => dialogueIds.Contains(t.DialogueId) && t.VoteState == VoteState.Open)
                .Select(t => new { t.DialogueId, t.Id }).ToListAsync(cancellationToken);
            foreach (var vote in openVotes)
            {
                notifier.TouchVoting(vote.DialogueId, vote.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell this node's clients where their rooms stand.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
