using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Room;

// Preparing and adjusting: the agenda of themes and the dialogue's settings.
public sealed partial class RoomEngine
{
    public Task<CommandReply> SaveThemeAsync(SaveTheme command, Actor actor, CancellationToken cancellationToken)
    {
        var title = TextRules.NormalizeLine(command.Title);
        var goal = TextRules.Normalize(command.Goal);
        if ((TextRules.Refusal(title, "A theme's title", HubContract.MaxThemeTitleLength)
            ?? TextRules.Refusal(goal, "A theme's goal", HubContract.MaxGoalLength, required: false)) is { } refusal)
        {
            return CommandReply.Refused(refusal);
        }

        return room.AsFacilitatorAsync(command, actor, async change =>
        {
            var db = change.Db;
            var themes = await db.Themes.Where(t => t.DialogueId == command.DialogueId).OrderBy(t => t.Position).ToListAsync(cancellationToken);
            Theme theme;
            if (command.ThemeId is { } id)
            {
                var existing = themes.SingleOrDefault(t => t.Id == id);
                if (existing is null)
                {
                    return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.");
                }

                theme = existing;
                if (theme.Title == title && (theme.Goal ?? "") == goal)
                {
                    return CommandOutcome.NoChange;
                }
            }
            else
            {
                if (themes.Count >= DialogueService.MaxThemes)
                {
                    return CommandOutcome.Refuse(ErrorCodes.BadRequest, $"An agenda holds at most {DialogueService.MaxThemes} themes.");
                }

                theme = new Theme { DialogueId = command.DialogueId, Title = title, Position = themes.Count + 1 };
                db.Themes.Add(theme);
            }

            theme.Title = title;
            theme.Goal = goal.Length == 0 ? null : goal;
            await change.SaveAsync(cancellationToken);
            return CommandOutcome.CommitToAll(new RoomDelta(Themes: await RoomViews.ThemesAsync(db, command.DialogueId, cancellationToken)), theme.Id);
        }, cancellationToken);
    }

    public Task<CommandReply> MoveThemeAsync(MoveTheme command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var db = change.Db;
            var themes = await db.Themes.Where(t => t.DialogueId == command.DialogueId).OrderBy(t => t.Position).ToListAsync(cancellationToken);
            var theme = themes.SingleOrDefault(t => t.Id == command.ThemeId);
            if (theme is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            if (command.Position < 1 || command.Position > themes.Count)
            {
                return CommandOutcome.Refuse(ErrorCodes.BadRequest, "The position must be on the agenda (from 1).");
            }

            if (theme.Position == command.Position)
            {
                return CommandOutcome.NoChange;
            }

            themes.Remove(theme);
            themes.Insert(command.Position - 1, theme);
            Renumber(themes);
            await change.SaveAsync(cancellationToken);
            return CommandOutcome.CommitToAll(new RoomDelta(Themes: await RoomViews.ThemesAsync(db, command.DialogueId, cancellationToken)));
        }, cancellationToken);

    /// <summary>Removes a theme that is not current and holds nothing yet: an agenda change never loses what people said.</summary>
    public Task<CommandReply> RemoveThemeAsync(ThemeCommand command, Actor actor, CancellationToken cancellationToken) =>
        room.AsFacilitatorAsync(command, actor, async change =>
        {
            var db = change.Db;
            var themes = await db.Themes.Where(t => t.DialogueId == command.DialogueId).OrderBy(t => t.Position).ToListAsync(cancellationToken);
            var theme = themes.SingleOrDefault(t => t.Id == command.ThemeId);
            if (theme is null)
            {
                return CommandOutcome.Refuse(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            if (change.Dialogue.CurrentThemeId == theme.Id)
            {
                return CommandOutcome.Refuse(ErrorCodes.ThemeInUse, "This is the current theme; move on before removing it.");
            }

            if (themes.Count == 1)
            {
                return CommandOutcome.Refuse(ErrorCodes.AgendaEmpty, "The agenda keeps at least one theme.");
            }

            if (await db.Contributions.AnyAsync(c => c.ThemeId == theme.Id, cancellationToken)
                || await db.Agreements.AnyAsync(a => a.ThemeId == theme.Id, cancellationToken))
            {
                return CommandOutcome.Refuse(ErrorCodes.ThemeHasContent, "The theme has contributions or agreements.");
            }

            db.Themes.Remove(theme);
            themes.Remove(theme);
            Renumber(themes);
            await change.SaveAsync(cancellationToken);
            return CommandOutcome.CommitToAll(new RoomDelta(Themes: await RoomViews.ThemesAsync(db, command.DialogueId, cancellationToken)));
        }, cancellationToken);

    private static void Renumber(List<Theme> themes)
    {
        for (var i = 0; i < themes.Count; i++)
        {
            themes[i].Position = i + 1;
        }
    }

    /// <summary>
    /// Changes anonymity, approve-before-show and observers. A new anonymity applies to what is posted from now
    /// on: every contribution keeps the anonymity it was posted under, so switching to named never reveals who
    /// wrote earlier ones.
    /// </summary>
    public Task<CommandReply> UpdateSettingsAsync(UpdateSettings command, Actor actor, CancellationToken cancellationToken) =>
        !Enum.IsDefined(command.Anonymity)
            ? CommandReply.Refused(ErrorCodes.BadRequest, "Unknown anonymity.")
            : room.AsFacilitatorAsync(command, actor, async change =>
            {
                var dialogue = change.Dialogue;
                if (dialogue.Anonymity == command.Anonymity && dialogue.ApproveBeforeShow == command.ApproveBeforeShow && dialogue.ObserversAllowed == command.ObserversAllowed)
                {
                    return CommandOutcome.NoChange;
                }

                dialogue.Anonymity = command.Anonymity;
                dialogue.ApproveBeforeShow = command.ApproveBeforeShow;
                dialogue.ObserversAllowed = command.ObserversAllowed;
                return await Task.FromResult(CommandOutcome.CommitToAll(new RoomDelta(Settings: RoomViews.Settings(dialogue))));
            }, cancellationToken);
}
