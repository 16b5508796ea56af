using System.Globalization;
using IbtDialogue.Dialogues;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using IbtDialogue.Voting;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

public sealed record DialogueResultsView(string Title, DateOnly Date, Domain Domain, IReadOnlyList<ThemeResults> Themes);

public sealed record ThemeResults(int ThemeId, string Title, VoteMethod Method, IReadOnlyList<ResultRow> Rows);

/// <param name="Value">Dots: the share of the points; matrix: the score.</param>
public sealed record ResultRow(int Rank, string Title, string Value, int? NationalRank, string? NationalValue);

/// <summary>
/// The page participants keep after a dialogue: its revealed results beside the national picture, at an
/// unguessable address, for as long as the dialogue's data is kept. No names, no single ballots.
/// </summary>
public sealed class DialogueResults(IDbContextFactory<DialogueDb> dbFactory)
{
    public async Task<DialogueResultsView?> FindAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 64)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dialogue = await db.Dialogues.AsNoTracking().Include(d => d.Themes).SingleOrDefaultAsync(d => d.ResultsKey == key && d.Status == DialogueStatus.Closed, cancellationToken);
        if (dialogue is null)
        {
            return null;
        }

        var culture = CultureInfo.CurrentCulture;
        var themes = new List<ThemeResults>();
        foreach (var theme in dialogue.Themes.Where(t => t.ResultsRevealed).OrderBy(t => t.Position))
        {
            var voting = await VotingViews.VotingAsync(db, theme, cancellationToken);
            var titles = await db.Risks.AsNoTracking().Where(r => r.ThemeId == theme.Id).ToDictionaryAsync(r => r.Id, r => r.Title, cancellationToken);
            var national = (voting.National ?? []).ToDictionary(n => n.RiskId);
            var total = Math.Max(1, voting.Results?.Sum(r => r.Points) ?? 0);
            themes.Add(new ThemeResults(theme.Id, theme.Title, voting.Method, [.. (voting.Results ?? []).Select(r =>
            {
                var n = national.GetValueOrDefault(r.RiskId);
                return new ResultRow(
                    r.Rank,
                    titles.GetValueOrDefault(r.RiskId, ""),
                    voting.Method == VoteMethod.Dots ? ((double)r.Points / total).ToString("P0", culture) : r.Score?.ToString("0.0", culture) ?? "—",
                    n?.Rank,
                    n is null ? null : voting.Method == VoteMethod.Dots ? n.MeanShare?.ToString("P0", culture) : n.Score?.ToString("0.0", culture));
            })]));
        }

        return new DialogueResultsView(dialogue.Title, dialogue.Date, dialogue.Domain, themes);
    }
}
