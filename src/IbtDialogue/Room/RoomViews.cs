using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Room;

/// <summary>The parts of the room that belong to no single feature: the stage, the settings, the agenda and who is present.</summary>
internal static class RoomViews
{
    public static StageView Stage(Dialogue d) => new(
        d.Status,
        d.CurrentThemeId,
        d.CurrentPhase,
        d.InputLocked,
        d.TimerDurationSeconds is { } duration
            ? new TimerView(duration, d.TimerEndsAt is { } ends ? new DateTimeOffset(DateTime.SpecifyKind(ends, DateTimeKind.Utc)) : null, d.TimerRemainingSeconds)
            : null,
        d.SpotlightContributionId,
        d.ShownNationalKind is { } kind ? new NationalItemView(kind, d.ShownNationalId ?? 0, d.ShownNationalTitle ?? "", d.ShownNationalText ?? "", d.ShownNationalSource) : null);

    public static SettingsView Settings(Dialogue d) => new(d.Anonymity, d.ApproveBeforeShow, d.ObserversAllowed);

    public static async Task<IReadOnlyList<ThemeView>> ThemesAsync(DialogueDb db, int dialogueId, CancellationToken cancellationToken) =>
        await db.Themes.AsNoTracking().Where(t => t.DialogueId == dialogueId).OrderBy(t => t.Position)
            .Select(t => new ThemeView(t.Id, t.Position, t.Title, t.Goal, t.IsLookBack)).ToListAsync(cancellationToken);

    /// <summary>
    /// Presence as facilitators see it (names, who dropped out) and as the room sees it: counts and
    /// organisations only. Which organisations are present is public in every mode (they were invited); a list
    /// of names would cost every participant a message growing with the room, several hundred in a webinar.
    /// </summary>
    public static async Task<(PresenceView Facilitators, PresenceView Room)> PresenceAsync(DialogueDb db, int dialogueId, CancellationToken cancellationToken)
    {
        var connections = await db.RoomConnections.AsNoTracking()
            .Where(c => c.DialogueId == dialogueId)
            .Select(c => new { c.ParticipantId, c.UserId, c.Role })
            .ToListAsync(cancellationToken);
        var present = connections.Where(c => c.ParticipantId is not null).Select(c => c.ParticipantId!.Value).ToHashSet();
        var people = await db.Participants.AsNoTracking()
            .Where(p => p.DialogueId == dialogueId && (p.LastLeftAt != null || present.Contains(p.Id)))
            .Select(p => new { p.Id, p.DisplayName, p.Organisation, p.Role })
            .ToListAsync(cancellationToken);

        var inRoom = people.Where(p => present.Contains(p.Id)).ToList();
        var participants = inRoom.Where(p => p.Role == RoomRole.Participant).ToList();
        var organisations = participants
            .GroupBy(p => p.Organisation)
            .Select(g => new OrganisationPresence(g.Key, g.Count()))
            .OrderByDescending(o => o.Count).ThenBy(o => o.Organisation, StringComparer.Ordinal)
            .ToList();
        var observers = inRoom.Count(p => p.Role == RoomRole.Observer);
        var facilitators = connections.Where(c => c.Role == RoomRole.Facilitator).Select(c => c.UserId).Distinct().Count();

        var everyone = people
            .Select(p => new PersonPresence(p.DisplayName, p.Organisation, p.Role, present.Contains(p.Id)))
            .OrderByDescending(p => p.Present).ThenBy(p => p.Organisation, StringComparer.Ordinal).ThenBy(p => p.DisplayName, StringComparer.Ordinal)
            .ToList();
        var forFacilitators = new PresenceView(participants.Count, observers, facilitators, organisations, everyone);
        return (forFacilitators, forFacilitators with { People = null });
    }

    /// <summary>
    /// Presence as the room sees it (counts and organisations, no names), counted by the database: the same as
    /// <see cref="PresenceAsync"/>'s room part without reading a row per person, so a snapshot in a webinar of
    /// thousands does not read them all again for every joiner.
    /// </summary>
    public static async Task<PresenceView> RoomPresenceAsync(DialogueDb db, int dialogueId, CancellationToken cancellationToken)
    {
        var present = db.RoomConnections.Where(c => c.DialogueId == dialogueId && c.ParticipantId != null).Select(c => c.ParticipantId!.Value);
        var groups = await db.Participants.AsNoTracking()
            .Where(p => p.DialogueId == dialogueId && present.Contains(p.Id))
            .GroupBy(p => new { p.Role, p.Organisation })
            .Select(g => new { g.Key.Role, g.Key.Organisation, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var facilitators = await db.RoomConnections.AsNoTracking()
            .Where(c => c.DialogueId == dialogueId && c.Role == RoomRole.Facilitator)
            .Select(c => c.UserId).Distinct().CountAsync(cancellationToken);
        var organisations = groups.Where(g => g.Role == RoomRole.Participant)
            .Select(g => new OrganisationPresence(g.Organisation, g.Count))
            .OrderByDescending(o => o.Count).ThenBy(o => o.Organisation, StringComparer.Ordinal)
            .ToList();
        return new PresenceView(
            organisations.Sum(o => o.Count),
            groups.Where(g => g.Role == RoomRole.Observer).Sum(g => g.Count),
            facilitators,
            organisations,
            null);
    }
}
