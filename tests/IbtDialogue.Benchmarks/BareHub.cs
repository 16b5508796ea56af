using IbtDialogue.Protocol;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;

namespace IbtDialogue.Benchmarks;

/// <summary>
/// The floor: a SignalR hub with the same method names and payloads as the dialogue hub, but no database,
/// no rules and no audiences — it only answers and re-broadcasts to the dialogue's group. The app's figures are
/// read against it.
/// </summary>
public sealed class BareHub : Hub
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, StrongBox<long>> Versions = new();
    private static int ids;

    private static StrongBox<long> VersionOf(int dialogueId) => Versions.GetOrAdd(dialogueId, _ => new StrongBox<long>());

    private static readonly RoomSnapshot Empty = new(
        1, "Bare", new DateOnly(2026, 1, 1), "BARE00", 0, DateTimeOffset.UnixEpoch,
        new StageView(DialogueStatus.Open, 1, Phase.Sharing, false, null, null),
        new SettingsView(Anonymity.Named, false, true),
        [new ThemeView(1, 1, "Thema", null)], [], [],
        new PresenceView(0, 0, 0, [], null),
        new ViewerInfo(null, "x", null, RoomRole.Participant), [], [], [], []);

    public async Task<SnapshotResult> Enter(int dialogueId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(dialogueId));
        return SnapshotResult.Success(Empty with { Version = Interlocked.Read(ref VersionOf(dialogueId).Value) });
    }

    public async Task<CommandResult> PostContribution(PostContribution command)
    {
        var v = Interlocked.Increment(ref VersionOf(command.DialogueId).Value);
        var id = Interlocked.Increment(ref ids);
        var item = new ContributionView(id, command.ThemeId, command.Kind, ContributionStatus.Visible, command.Text, null, null, 0, false, DateTimeOffset.UtcNow);
        await Clients.Group(Group(command.DialogueId)).SendAsync(nameof(IDialogueClient.RoomUpdated), new RoomUpdated(command.DialogueId, v, DateTimeOffset.UtcNow, new RoomDelta(Contributions: [item])));
        return CommandResult.Success(v, id);
    }

    private static string Group(int dialogueId) => "room-" + dialogueId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task<CommandResult> CastDots(CastDots command) => Task.FromResult(CommandResult.Success(0));
}
