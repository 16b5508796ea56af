using IbtDialogue.Client.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Dialogues;

public sealed record DialogueDraft(string? Title, DateOnly? Date, IReadOnlyList<string> Themes);

public enum NewDialogueError
{
    TitleEmpty,
    TitleTooLong,
    DateMissing,
    NoThemes,
    ThemeTooLong,
    TooManyThemes,
}

public sealed record DialogueSummary(int Id, string Title, DateOnly Date, string JoinCode, DialogueStatus Status, int Participants);

/// <summary>Preparing dialogues: what a facilitator does before and after the live part.</summary>
public sealed class DialogueService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock)
{
    public const int MaxTitleLength = 200;
    public const int MaxThemes = 30;

    public static IReadOnlyList<NewDialogueError> Validate(DialogueDraft input)
    {
        var errors = new List<NewDialogueError>();
        var title = TextRules.NormalizeLine(input.Title);
        if (title.Length == 0)
        {
            errors.Add(NewDialogueError.TitleEmpty);
        }
        else if (title.Length > MaxTitleLength)
        {
            errors.Add(NewDialogueError.TitleTooLong);
        }

        if (input.Date is null)
        {
            errors.Add(NewDialogueError.DateMissing);
        }

        var themes = input.Themes.Select(TextRules.NormalizeLine).Where(t => t.Length > 0).ToList();
        if (themes.Count == 0)
        {
            errors.Add(NewDialogueError.NoThemes);
        }
        else if (themes.Count > MaxThemes)
        {
            errors.Add(NewDialogueError.TooManyThemes);
        }

        if (themes.Any(t => t.Length > MaxTitleLength))
        {
            errors.Add(NewDialogueError.ThemeTooLong);
        }

        return errors;
    }

    /// <summary>Creates a draft dialogue owned by the facilitator; answers its id, or the errors and nothing stored.</summary>
    public async Task<(int? Id, IReadOnlyList<NewDialogueError> Errors)> CreateAsync(DialogueDraft input, string ownerId, CancellationToken cancellationToken)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var id = await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var dialogue = new Dialogue
            {
                Title = TextRules.NormalizeLine(input.Title),
                Date = input.Date!.Value,
                JoinCode = await UnusedJoinCodeAsync(db, cancellationToken),
                Status = DialogueStatus.Draft,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                Themes = [.. input.Themes.Select(TextRules.NormalizeLine).Where(t => t.Length > 0).Select((t, i) => new Theme { Title = t, Position = i + 1 })],
                Facilitators = [new DialogueFacilitator { UserId = ownerId, IsOwner = true }],
            };
            db.Dialogues.Add(dialogue);
            await db.SaveChangesAsync(cancellationToken);
            return dialogue.Id;
        }, cancellationToken);
        return (id, []);
    }

    public async Task<IReadOnlyList<DialogueSummary>> ListForFacilitatorAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Dialogues.AsNoTracking()
            .Where(d => d.Facilitators.Any(f => f.UserId == userId))
            .Select(d => new DialogueSummary(d.Id, d.Title, d.Date, d.JoinCode, d.Status, db.Participants.Count(p => p.DialogueId == d.Id)))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id)];
    }

    /// <summary>The dialogue if this facilitator may run it, else null.</summary>
    public async Task<DialogueSummary?> FindForFacilitatorAsync(int id, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Dialogues.AsNoTracking()
            .Where(d => d.Id == id && d.Facilitators.Any(f => f.UserId == userId))
            .Select(d => new DialogueSummary(d.Id, d.Title, d.Date, d.JoinCode, d.Status, db.Participants.Count(p => p.DialogueId == d.Id)))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static async Task<string> UnusedJoinCodeAsync(DialogueDb db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = JoinCodes.Create();
            if (!await db.Dialogues.AnyAsync(d => d.JoinCode == code, cancellationToken))
            {
                return code;
            }
        }
    }
}
