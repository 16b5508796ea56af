using IbtDialogue.Client.Protocol;
using IbtDialogue.Client.Resources;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Minutes;

/// <summary>Everything the minutes are composed from, read from the database in a fixed order.</summary>
public sealed record MinutesRecord(
    string Title,
    DateOnly Date,
    DateTime? ClosedAt,
    IReadOnlyList<string> Facilitators,
    IReadOnlyList<OrganisationCount> Organisations,
    IReadOnlyList<ThemeRecord> Themes)
{
    public int ParticipantCount => Organisations.Sum(o => o.Participants);

    /// <summary>Loads the record of a dialogue (the tracked entity, so unsaved changes such as its closing time count).</summary>
    public static async Task<MinutesRecord> LoadAsync(DialogueDb db, Dialogue dialogue, CancellationToken cancellationToken)
    {
        var facilitators = await (
            from f in db.DialogueFacilitators
            where f.DialogueId == dialogue.Id
            join u in db.Users on f.UserId equals u.Id
            select new { f.IsOwner, u.DisplayName })
            .ToListAsync(cancellationToken);

        var organisations = await db.Participants
            .Where(p => p.DialogueId == dialogue.Id)
            .GroupBy(p => p.Organisation)
            .Select(g => new OrganisationCount(g.Key, g.Count()))
            .ToListAsync(cancellationToken);

        var themes = await db.Themes.AsNoTracking().Where(t => t.DialogueId == dialogue.Id).ToListAsync(cancellationToken);

        var contributions = await (
            from c in db.Contributions.AsNoTracking()
            where c.DialogueId == dialogue.Id && c.Status == ContributionStatus.Visible
            join p in db.Participants on c.ParticipantId equals p.Id into participants
            from p in participants.DefaultIfEmpty()
            join u in db.Users on c.AuthorUserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            select new { c.Id, c.ThemeId, c.Kind, c.Text, Participant = p.DisplayName, p.Organisation, Facilitator = u.DisplayName })
            .ToListAsync(cancellationToken);

        return new MinutesRecord(
            dialogue.Title,
            dialogue.Date,
            dialogue.ClosedAt,
            [.. facilitators.OrderByDescending(f => f.IsOwner).ThenBy(f => f.DisplayName, StringComparer.Ordinal).Select(f => f.DisplayName)],
            [.. organisations.OrderByDescending(o => o.Participants).ThenBy(o => o.Organisation, StringComparer.Ordinal)],
            [.. themes.OrderBy(t => t.Position).ThenBy(t => t.Id).Select(t => new ThemeRecord(
                t.Title,
                t.Goal,
                [.. contributions.Where(c => c.ThemeId == t.Id).OrderBy(c => c.Id).Select(c => new ContributionRecord(
                    c.Kind,
                    c.Text,
                    c.Participant ?? c.Facilitator ?? "",
                    c.Participant is null ? Texts.InspectorateName : c.Organisation ?? ""))]))]);
    }
}

public sealed record OrganisationCount(string Organisation, int Participants);

public sealed record ThemeRecord(string Title, string? Goal, IReadOnlyList<ContributionRecord> Contributions);

public sealed record ContributionRecord(ContributionKind Kind, string Text, string AuthorName, string Organisation);
