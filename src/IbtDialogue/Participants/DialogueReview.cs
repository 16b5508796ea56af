using IbtDialogue.Agreements;
using IbtDialogue.Contributions;
using IbtDialogue.Minutes;
using IbtDialogue.NationalPicture;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Participants;

/// <summary>A closed dialogue as a participant looks back on it: what the room showed everyone, and what came of it.</summary>
/// <param name="ResultsKey">The address of the dialogue's results page beside the national picture (<c>uitslag/{key}</c>).</param>
/// <param name="Summary">The published summary, or null while it is not on the public page.</param>
public sealed record ReviewView(
    string Title, DateOnly Date, Anonymity Anonymity, IReadOnlyList<ReviewTheme> Themes, string? ResultsKey, PublicSummary? Summary);

/// <param name="Contributions">The visible contributions, authors as each was posted under the dialogue's anonymity.</param>
/// <param name="Results">The revealed vote results; null when there were none or they were never revealed.</param>
/// <param name="LookBack">On a series' Terugblik: the earlier agreements it looked back on, as they stand now.</param>
public sealed record ReviewTheme(
    int Id, string Title, string? Goal, IReadOnlyList<ContributionView> Contributions, ThemeResults? Results, IReadOnlyList<ReviewAgreement> Agreements,
    IReadOnlyList<Series.LookBackLine> LookBack);

/// <summary>An agreement with where its follow-up stands now.</summary>
public sealed record ReviewAgreement(string What, string? Who, DateOnly? Due, AgreementStatus Status);

/// <summary>
/// The read-only view behind a participant's personal link (<see cref="ReviewLinks"/>): only for a closed dialogue
/// that still exists, and only for a participant it still has. It shows what the room showed every participant —
/// the contributions moderation left visible, with authors as the anonymity allowed (<see cref="ContributionViews"/>),
/// the revealed results (<see cref="DialogueResults"/>) and the agreements — plus the agreements' follow-up status and
/// the published summary (<see cref="PublicationService"/>). Nothing of the person who opens it is shown.
/// </summary>
public sealed class DialogueReview(IDbContextFactory<DialogueDb> dbFactory, ReviewLinks links, DialogueResults results, PublicationService publications)
{
    public async Task<ReviewView?> FindAsync(string? link, CancellationToken cancellationToken)
    {
        if (links.Read(link) is not { } named)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dialogue = await db.Dialogues.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == named.DialogueId && d.Status == DialogueStatus.Closed, cancellationToken);
        if (dialogue is null || !await db.Participants.AnyAsync(p => p.Id == named.ParticipantId && p.DialogueId == dialogue.Id, cancellationToken))
        {
            return null;
        }

        var themes = await db.Themes.AsNoTracking().Where(t => t.DialogueId == dialogue.Id).OrderBy(t => t.Position).ToListAsync(cancellationToken);
        var contributions = (await ContributionViews.Items(db, db.Contributions.Where(c => c.DialogueId == dialogue.Id)).ToListAsync(cancellationToken))
            .Where(r => ContributionViews.ExistsFor(r.Status, RoomRole.Participant))
            .Select(r => ContributionViews.View(r, RoomRole.Participant))
            .ToList();
        var agreements = await db.Agreements.AsNoTracking().Where(a => a.DialogueId == dialogue.Id).OrderBy(a => a.Id)
            .Select(a => new { a.ThemeId, Agreement = new ReviewAgreement(a.What, a.Who, a.Due, a.Status) })
            .ToListAsync(cancellationToken);
        var revealed = (await results.FindAsync(dialogue.ResultsKey, cancellationToken))?.Themes ?? [];
        var lookBack = await Series.SeriesService.LookBackAsync(db, dialogue.Id, cancellationToken);

        return new ReviewView(
            dialogue.Title,
            dialogue.Date,
            dialogue.Anonymity,
            [.. themes.Select(t => new ReviewTheme(
                t.Id,
                t.Title,
                t.Goal,
                [.. contributions.Where(c => c.ThemeId == t.Id)],
                revealed.FirstOrDefault(r => r.ThemeId == t.Id && r.Rows.Count > 0),
                [.. agreements.Where(a => a.ThemeId == t.Id).Select(a => a.Agreement)],
                t.IsLookBack ? lookBack : []))],
            dialogue.ResultsKey,
            await publications.FindOfDialogueAsync(dialogue.Id, cancellationToken));
    }
}
