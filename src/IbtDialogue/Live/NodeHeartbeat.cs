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
/// The rooms each hub connection of this node entered, so they can be entered again when their presence rows were
/// taken away (see <see cref="NodeHeartbeat"/>).
/// </summary>
public sealed class LocalConnections
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Collections.Concurrent.ConcurrentDictionary<int, (Actor Actor, bool AsPresenter)>> open = new();

    public void Opened(Microsoft.AspNetCore.SignalR.HubCallerContext context) => open.TryAdd(context.ConnectionId, new());

    public void Entered(string connectionId, int dialogueId, Actor actor, bool asPresenter)
    {
        if (open.TryGetValue(connectionId, out var rooms))
        {
            rooms[dialogueId] = (actor, asPresenter);
        }
    }

    public void Closed(Microsoft.AspNetCore.SignalR.HubCallerContext context) => open.TryRemove(context.ConnectionId, out _);

    public IReadOnlyList<(string ConnectionId, int DialogueId, Actor Actor, bool AsPresenter)> Rooms() =>
        [.. open.SelectMany(c => c.Value.Select(r => (c.Key, r.Key, r.Value.Actor, r.Value.AsPresenter)))];
}

/// <summary>
/// Presence lives in the database (<see cref="RoomConnection"/> rows, each with its node). A node that stops
/// normally takes its connections out as they close, and one that restarts takes out its own rows; one that dies
/// and stays away would leave its people "present" for ever. So, with PostgreSQL (the only database several
/// nodes share), every node writes a heartbeat every <see cref="NodeOptions.HeartbeatSeconds"/>, and takes the
/// connections of a node out of their rooms (a leave each: presence version raised, reported to the room) once
/// that node's heartbeat has not changed for <see cref="NodeOptions.DeadAfterSeconds"/>.
/// <list type="bullet">
/// <item>Silence is judged by what this node observes on its own monotonic clock (the value it last saw and when it
/// first saw it), never by comparing another node's clock with its own, so clock skew cannot make a live node dead.</item>
/// <item>Beating and sweeping run apart, so a long sweep never keeps this node's own beat from being written; a
/// sweep takes at most <see cref="SweepBatch"/> connections at a time.</item>
/// <item>A node that finds its own beat gone was taken for dead (it stalled longer than the limit): its connections
/// are no longer in their rooms, so it enters each of them again into the rooms it was in (access checked afresh).</item>
/// </list>
/// Their clients reconnect to a surviving node and enter again (docs/protocol.md).
/// </summary>
public sealed partial class NodeHeartbeat(
    IDbContextFactory<DialogueDb> dbFactory,
    RoomEngine room,
    RoomNotifier notifier,
    LocalConnections local,
    NodeIdentity node,
    IConfiguration configuration,
    IOptions<NodeOptions> options,
    TimeProvider clock,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    /// <summary>The most connections one sweep takes out; the next sweep takes the rest.</summary>
    public const int SweepBatch = 500;

    /// <summary>Per other node: the beat this node last saw of it, and when (this node's timestamp) it first saw that value.</summary>
    private readonly Dictionary<string, (DateTime Beat, long SeenAt)> observed = [];

    private bool beaten;

    /// <summary>Only on PostgreSQL: a SQLite file has one node, which forgets its own rows when it starts.</summary>
    private bool Shared => DatabaseProviders.From(configuration) == DatabaseProvider.Postgres;

    /// <summary>The first beat before the node takes requests, so no other node takes it for dead.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Shared)
        {
            return;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var last = await db.NodeBeats.AsNoTracking().Where(b => b.Node == node.Name).Select(b => (DateTime?)b.LastSeen).SingleOrDefaultAsync(cancellationToken);
            if (last is { } seen && clock.GetUtcNow().UtcDateTime - seen < TimeSpan.FromSeconds(options.Value.DeadAfterSeconds))
            {
                LogNameInUse(logger, node.Name); // Another process may run under this name: give every node its own Node:Name.
            }
        }

        await BeatAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !Shared ? Task.CompletedTask : Task.WhenAll(
        RepeatAsync(TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatSeconds)), BeatAsync, stoppingToken),
        RepeatAsync(TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatSeconds)), async ct => await SweepAsync(ct), stoppingToken));

    private async Task RepeatAsync(TimeSpan interval, Func<CancellationToken, Task> step, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await step(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex); // The database is away: the next round tries again.
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
            if (beaten)
            {
                await EnterAgainAsync(cancellationToken); // Swept as dead while alive: our connections are in no room.
            }
        }

        beaten = true;
    }

    private async Task EnterAgainAsync(CancellationToken cancellationToken)
    {
        var rooms = local.Rooms();
        foreach (var (connectionId, dialogueId, actor, asPresenter) in rooms)
        {
            var entered = await room.EnterAsync(dialogueId, actor, connectionId, asPresenter, cancellationToken);
            if (entered.PresenceChanged)
            {
                notifier.TouchPresence(dialogueId);
            }
        }

        LogTakenForDead(logger, node.Name, rooms.Count);
    }

    /// <summary>Takes the connections of nodes silent for too long out of their rooms; answers how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        var deadAfter = TimeSpan.FromSeconds(options.Value.DeadAfterSeconds);
        List<string> dead;
        List<string> connections;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var beats = await db.NodeBeats.AsNoTracking().Where(b => b.Node != node.Name).ToDictionaryAsync(b => b.Node, b => b.LastSeen, cancellationToken);

            // Nodes that hold rows but write no beat (from before heartbeats, or whose beat was swept) count as silent since first seen.
            var holding = await db.RoomConnections.AsNoTracking().Where(c => c.Node != node.Name).Select(c => c.Node).Distinct().ToListAsync(cancellationToken);
            foreach (var name in beats.Keys.Union(holding))
            {
                var beat = beats.GetValueOrDefault(name, DateTime.MinValue);
                if (!observed.TryGetValue(name, out var seen) || seen.Beat != beat)
                {
                    observed[name] = (beat, now);
                }
            }

            foreach (var gone in observed.Keys.Except(beats.Keys.Union(holding)).ToList())
            {
                observed.Remove(gone);
            }

            dead = [.. observed.Where(o => clock.GetElapsedTime(o.Value.SeenAt, now) >= deadAfter).Select(o => o.Key)];
            connections = dead.Count == 0 ? [] : await db.RoomConnections.AsNoTracking().Where(c => dead.Contains(c.Node))
                .Select(c => c.ConnectionId).Distinct().Take(SweepBatch).ToListAsync(cancellationToken);
        }

        foreach (var connectionId in connections)
        {
            await room.LeaveAsync(connectionId, notifier.TouchPresence, cancellationToken);
        }

        if (connections.Count > 0)
        {
            LogSwept(logger, connections.Count, string.Join(", ", dead));
        }

        if (dead.Count > 0 && connections.Count < SweepBatch)
        {
            // All their connections are out: forget their beats, unless one came back in the meantime.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            foreach (var name in dead)
            {
                var beat = observed[name].Beat;
                await db.NodeBeats.Where(b => b.Node == name && b.LastSeen == beat).ExecuteDeleteAsync(cancellationToken);
                observed.Remove(name);
            }
        }

        return connections.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took {Connections} connections of silent nodes ({Nodes}) out of their rooms.")]
    private static partial void LogSwept(ILogger logger, int connections, string nodes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {Node} was taken for dead by another node (it wrote no heartbeat for too long); entered its connections into their {Rooms} rooms again.")]
    private static partial void LogTakenForDead(ILogger logger, string node, int rooms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The heartbeat of {Node} is recent: either this node restarted just now, or another process runs under the same name (give every node its own Node:Name).")]
    private static partial void LogNameInUse(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node heartbeat or sweep failed; it tries again at the next round.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
