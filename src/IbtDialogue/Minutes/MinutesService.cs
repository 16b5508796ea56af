using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Minutes;

public sealed record MinutesView(int DialogueId, string Title, DateOnly Date, int Number, string Markdown, DateTime CreatedAt);

/// <summary>Reading the stored minutes of a dialogue, for the facilitators who run it.</summary>
public sealed class MinutesService(IDbContextFactory<DialogueDb> dbFactory)
{
    /// <summary>The newest version of the minutes, if the dialogue has any and the user facilitates it.</summary>
    public async Task<MinutesView?> LatestAsync(int dialogueId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (
            from m in db.MinutesVersions.AsNoTracking()
            join d in db.Dialogues on m.DialogueId equals d.Id
            where m.DialogueId == dialogueId && d.Facilitators.Any(f => f.UserId == userId)
            orderby m.Number descending
            select new MinutesView(d.Id, d.Title, d.Date, m.Number, m.Markdown, m.CreatedAt))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
