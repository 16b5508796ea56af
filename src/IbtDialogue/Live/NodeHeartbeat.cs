using IbtDialogue.Persistence;
using IbtDialogue.Room;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Live;

/// <summary>This node in a deployment with several (configuration section <c>Node</c>).</summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    /// <summary>Unique per node (default: the machine name). Presence rows carry it.</summary>
    public string? Name { get; set; }

    /// <summary>How often this node says in the database that it is alive.</summary>
    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>A node silent this long is taken for dead: the others take its connections out of their rooms.</summary>
    public int DeadAfterSeconds { get; set; } = 30;
}

/// <summary>The last sign of life of one node.</summary>
public sealed class NodeBeat
{
    public required string Node { get; set; }

    public DateTime LastSeen { get; set; }
}

/// <summary>
/// Presence lives in the database (<see cref="RoomConnection"/> rows, each with its node). A node that stops
/// normally takes its connections out as they close, and one that restarts forgets its own rows; one that dies
/// and stays away would leave its people "present" for ever. So every node writes a heartbeat every
/// <see cref="NodeOptions.HeartbeatSeconds"/>, and takes the connections of a node silent for
/// <see cref="NodeOptions.DeadAfterSeconds"/> out of their rooms, as a leave each (presence version raised,
/// reported to the room). Their clients reconnect to a surviving node and enter again (docs/protocol.md).
/// </summary>
public sealed partial class NodeHeartbeat(
    IDbContextFactory<DialogueDb> dbFactory,
    RoomEngine room,
    RoomNotifier notifier,
    NodeIdentity node,
    IOptions<NodeOptions> options,
    TimeProvider clock,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    /// <summary>The first beat before the node takes requests, so no other node takes it for dead.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await BeatAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await BeatAsync(stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex); // The database is away: the next beat tries again.
            }
        }
    }

    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.NodeBeats.Where(b => b.Node == node.Name).ExecuteUpdateAsync(s => s.SetProperty(b => b.LastSeen, now), cancellationToken) == 0)
        {
            db.NodeBeats.Add(new NodeBeat { Node = node.Name, LastSeen = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Takes the connections of dead nodes out of their rooms; answers how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(options.Value.DeadAfterSeconds);
        List<string> dead, connections;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            dead = await db.NodeBeats.AsNoTracking().Where(b => b.Node != node.Name && b.LastSeen < cutoff).Select(b => b.Node).ToListAsync(cancellationToken);

            // Also rows of a node that never beat (one from before heartbeats, or whose beat was swept already).
            connections = await db.RoomConnections.AsNoTracking()
                .Where(c => c.Node != node.Name
                    && (dead.Contains(c.Node) || (c.ConnectedAt < cutoff && !db.NodeBeats.Any(b => b.Node == c.Node))))
                .Select(c => c.ConnectionId).Distinct().ToListAsync(cancellationToken);
        }

        foreach (var connectionId in connections)
        {
            await room.LeaveAsync(connectionId, notifier.TouchPresence, cancellationToken);
        }

        if (dead.Count > 0 || connections.Count > 0)
        {
            LogSwept(logger, connections.Count, string.Join(", ", dead));
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Only if still silent: a node that came back in the meantime keeps its beat.
            await db.NodeBeats.Where(b => dead.Contains(b.Node) && b.LastSeen < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        return connections.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took {Connections} connections of silent nodes ({Nodes}) out of their rooms.")]
    private static partial void LogSwept(ILogger logger, int connections, string nodes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node heartbeat failed; it tries again at the next beat.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
