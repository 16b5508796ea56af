using IbtDialogue.Protocol;
using Microsoft.Extensions.Caching.Memory;

namespace IbtDialogue.Room;

/// <summary>
/// What every joiner of one audience would read alike, read once and shared: the room at a version (themes,
/// contributions, agreements, risks, votes, as the facilitators or as the room see them). Two hundred people
/// entering in the same second then cost one read of the room, each adding only what is theirs (see
/// <see cref="RoomEngine"/>'s snapshot).
/// <para>
/// A part is only used for the very version it was read at, so no versioned change is ever missed. It is kept
/// for <see cref="Lifetime"/> at most, which bounds how old what changes without a version can be in it: the
/// national comparison of revealed results (it moves when another dialogue closes) and names that a privacy
/// request replaced. Presence, the look-back's statuses, the dialogue's own row and everything personal are
/// read for every snapshot.
/// </para>
/// </summary>
public sealed class SharedRoomParts(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { Clock = new SystemClockAdapter(clock), ExpirationScanFrequency = TimeSpan.FromSeconds(10) });

    /// <summary>The room as one audience sees it at one version, before anything personal is added.</summary>
    /// <param name="Contributions">In the order of their ids, with <c>Mine</c> and <c>ReactedByMe</c> unset.</param>
    /// <param name="Risks">In theme and position order, with <c>ProposedByMe</c> unset.</param>
    /// <param name="VoteStarted">The themes whose vote has started (for facilitators' voting progress).</param>
    public sealed record RoomPart(
        long Version,
        IReadOnlyList<ThemeView> Themes,
        IReadOnlyList<ContributionView> Contributions,
        IReadOnlyList<AgreementView> Agreements,
        IReadOnlyList<RiskView> Risks,
        IReadOnlyList<VotingView> Votings,
        IReadOnlyList<int> VoteStarted);

    public RoomPart? Room(int dialogueId, RoomRole audience, long version) =>
        cache.TryGetValue((dialogueId, audience, version), out RoomPart? part) ? part : null;

    public void Keep(int dialogueId, RoomRole audience, RoomPart part) =>
        cache.Set((dialogueId, audience, part.Version), part, Lifetime);

    /// <summary>Forgets everything kept (tests read the room afresh with it).</summary>
    public void Clear() => cache.Clear();

    public void Dispose() => cache.Dispose();

    /// <summary>Expiry on the app's clock, so tests with a fake clock decide when a part is too old.</summary>
    private sealed class SystemClockAdapter(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
