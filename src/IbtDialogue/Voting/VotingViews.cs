using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Voting;

/// <summary>Risks and votes as an audience may see them: proposals only for facilitators, results only once revealed.</summary>
internal static class VotingViews
{
    public static bool RiskExistsFor(RiskStatus status, RoomRole audience) =>
        status == RiskStatus.Accepted || (status == RiskStatus.Proposed && audience == RoomRole.Facilitator);

    public static RiskView View(Risk r) => new(r.Id, r.ThemeId, r.Position, r.Title, r.Description, r.Status);

    /// <summary>The change of some risks, as facilitators (proposals too) and as the room (accepted ones) see it.</summary>
    public static (RoomDelta Facilitators, RoomDelta Room) RisksDelta(IReadOnlyList<Risk> risks, IReadOnlyList<int>? deleted = null)
    {
        RoomDelta For(RoomRole audience)
        {
            var upserts = risks.Where(r => RiskExistsFor(r.Status, audience)).Select(View).ToList();
            var removed = risks.Where(r => !RiskExistsFor(r.Status, audience)).Select(r => r.Id).Concat(deleted ?? []).ToList();
            return new RoomDelta(Risks: upserts.Count == 0 ? null : upserts, RemovedRisks: removed.Count == 0 ? null : removed);
        }

        return (For(RoomRole.Facilitator), For(RoomRole.Participant));
    }

    /// <summary>A theme's vote; the results only once the facilitator revealed them.</summary>
    public static async Task<VotingView> VotingAsync(DialogueDb db, Theme theme, CancellationToken cancellationToken)
    {
        IReadOnlyList<RiskResult>? results = null;
        if (theme.ResultsRevealed)
        {
            var risks = await db.Risks.AsNoTracking().Where(r => r.ThemeId == theme.Id && r.Status == RiskStatus.Accepted)
                .Select(r => new VoteResults.RiskOnList(r.Id, r.Position)).ToListAsync(cancellationToken);
            var ballots = await db.Votes.AsNoTracking().Where(v => v.ThemeId == theme.Id)
                .Select(v => new VoteResults.Ballot(v.RiskId, v.Ballot, v.Points, v.Likelihood, v.Impact)).ToListAsync(cancellationToken);
            results = VoteResults.Compute(theme.VoteMethod, risks, ballots);
        }

        var national = theme.ResultsRevealed ? await NationalPicture.NationalRoom.ComparisonsAsync(db, theme, cancellationToken) : null;
        return new VotingView(theme.Id, theme.VoteMethod, theme.DotBudget, theme.DotCap, theme.VoteState, theme.ResultsRevealed, results, national);
    }

    /// <summary>For facilitators: how many have voted on each theme whose vote has started.</summary>
    public static async Task<IReadOnlyList<VotingProgress>> ProgressAsync(DialogueDb db, int dialogueId, IEnumerable<int> themeIds, CancellationToken cancellationToken)
    {
        var ids = themeIds.ToList();
        var voters = await db.Votes.AsNoTracking().Where(v => v.DialogueId == dialogueId && ids.Contains(v.ThemeId))
            .GroupBy(v => v.ThemeId).Select(g => new { ThemeId = g.Key, Voters = g.Select(v => v.Ballot).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var eligible = await db.RoomConnections.AsNoTracking()
            .Where(c => c.DialogueId == dialogueId && c.Role == RoomRole.Participant)
            .Select(c => c.ParticipantId).Distinct().CountAsync(cancellationToken);
        return [.. ids.Select(id => new VotingProgress(dialogueId, id, voters.SingleOrDefault(v => v.ThemeId == id)?.Voters ?? 0, eligible))];
    }
}
