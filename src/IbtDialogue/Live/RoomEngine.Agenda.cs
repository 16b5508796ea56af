using IbtDialogue.Client.Protocol;
using IbtDialogue.Dialogues;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Live;

// Preparing and adjusting: the agenda of themes, the dialogue's settings, and the agreements.
public sealed partial class RoomEngine
{
    public Task<RoomOutcome> SaveThemeAsync(SaveTheme? command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is null)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "A theme needs a commandId, dialogueId and title."));
        }

        var title = TextRules.NormalizeLine(command.Title);
        var goal = TextRules.Normalize(command.Goal);
        if (TextRules.Check(title, HubContract.MaxThemeTitleLength) is { } titleError)
        {
            return Task.FromResult(RoomOutcome.Fail(titleError, "A theme title has 1 to 200 characters."));
        }

        if (goal.Length > HubContract.MaxGoalLength)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.TextTooLong, "A goal has at most 1000 characters."));
        }

        return FacilitatorCommandAsync(command.CommandId, command.DialogueId, actor, async change =>
        {
            var db = change.Db;
            var themes = await db.Themes.Where(t => t.DialogueId == command.DialogueId).OrderBy(t => t.Position).ToListAsync(cancellationToken);
            Theme theme;
            if (command.ThemeId is { } id)
            {
                theme = themes.SingleOrDefault(t => t.Id == id)!;
                if (theme is null)
                {
                    return RoomOutcome.Fail(ErrorCodes.NotFound, "No such theme in this dialogue.");
                }

                if (theme.Title == title && (theme.Goal ?? "") == goal)
                {
                    return change.Unchanged();
                }
            }
            else
            {
                if (themes.Count >= DialogueService.MaxThemes)
                {
                    return RoomOutcome.Fail(ErrorCodes.BadRequest, "An agenda holds at most 30 themes.");
                }

                theme = new Theme { DialogueId = command.DialogueId, Title = title, Position = themes.Count + 1 };
                db.Themes.Add(theme);
            }

            theme.Title = title;
            theme.Goal = goal.Length == 0 ? null : goal;
            await change.SaveAsync(cancellationToken);
            change.Created(theme.Id);
            change.AnnounceToAll(new RoomDelta(Themes: await RoomViews.ThemesAsync(db, command.DialogueId, cancellationToken)));
            return null;
        }, cancellationToken);
    }

    public Task<RoomOutcome> MoveThemeAsync(MoveTheme? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var db = change.Db;
            var themes = await db.Themes.Where(t => t.DialogueId == command!.DialogueId).OrderBy(t => t.Position).ToListAsync(cancellationToken);
            var theme = themes.SingleOrDefault(t => t.Id == command!.ThemeId);
            if (theme is null)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            if (command!.Position < 1 || command.Position > themes.Count)
            {
                return RoomOutcome.Fail(ErrorCodes.BadRequest, "The position must be on the agenda (from 1).");
            }

            if (theme.Position == command.Position)
            {
                return change.Unchanged();
            }

            themes.Remove(theme);
            themes.Insert(command.Position - 1, theme);
            Renumber(themes);
            await change.SaveAsync(cancellationToken);
            change.AnnounceToAll(new RoomDelta(Themes: await RoomViews.ThemesAsync(db, command.DialogueId, cancellationToken)));
            return null;
        }, cancellationToken);

    /// <summary>Removes a theme that is not current and holds nothing yet: an agenda change never loses what people said.</summary>
    public Task<RoomOutcome> RemoveThemeAsync(ThemeCommand? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var db = change.Db;
            var themes = await db.Themes.Where(t => t.DialogueId == command!.DialogueId).OrderBy(t => t.Position).ToListAsync(cancellationToken);
            var theme = themes.SingleOrDefault(t => t.Id == command!.ThemeId);
            if (theme is null)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            if (change.Dialogue.CurrentThemeId == theme.Id)
            {
                return RoomOutcome.Fail(ErrorCodes.ThemeInUse, "This is the current theme; move on before removing it.");
            }

            if (themes.Count == 1)
            {
                return RoomOutcome.Fail(ErrorCodes.AgendaEmpty, "The agenda keeps at least one theme.");
            }

            if (await db.Contributions.AnyAsync(c => c.ThemeId == theme.Id, cancellationToken)
                || await db.Agreements.AnyAsync(a => a.ThemeId == theme.Id, cancellationToken))
            {
                return RoomOutcome.Fail(ErrorCodes.ThemeHasContent, "The theme has contributions or agreements.");
            }

            db.Themes.Remove(theme);
            themes.Remove(theme);
            Renumber(themes);
            await change.SaveAsync(cancellationToken);
            change.AnnounceToAll(new RoomDelta(Themes: await RoomViews.ThemesAsync(db, command!.DialogueId, cancellationToken)));
            return null;
        }, cancellationToken);

    private static void Renumber(List<Theme> themes)
    {
        for (var i = 0; i < themes.Count; i++)
        {
            themes[i].Position = i + 1;
        }
    }

    /// <summary>Changes anonymity, approve-before-show and observers; the room is re-shown under the new anonymity.</summary>
    public Task<RoomOutcome> UpdateSettingsAsync(UpdateSettings? command, Actor actor, CancellationToken cancellationToken) =>
        command is not null && !Enum.IsDefined(command.Anonymity)
            ? Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "Unknown anonymity."))
            : FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
            {
                var dialogue = change.Dialogue;
                if (dialogue.Anonymity == command!.Anonymity && dialogue.ApproveBeforeShow == command.ApproveBeforeShow && dialogue.ObserversAllowed == command.ObserversAllowed)
                {
                    return change.Unchanged();
                }

                var anonymityChanged = dialogue.Anonymity != command.Anonymity;
                dialogue.Anonymity = command.Anonymity;
                dialogue.ApproveBeforeShow = command.ApproveBeforeShow;
                dialogue.ObserversAllowed = command.ObserversAllowed;
                var settings = new RoomDelta(Settings: RoomViews.Settings(dialogue));
                if (!anonymityChanged)
                {
                    change.AnnounceToAll(settings);
                    return null;
                }

                // Everyone's names shown or hidden anew: re-send what the room sees.
                var rows = await RoomViews.Items(change.Db, change.Db.Contributions.Where(c => c.DialogueId == dialogue.Id)).ToListAsync(cancellationToken);
                var (_, room) = RoomViews.ItemsDelta(rows, dialogue.Anonymity, settings);
                change.Announce(settings, room);
                return null;
            }, cancellationToken);

    public Task<RoomOutcome> SaveAgreementAsync(SaveAgreement? command, Actor actor, CancellationToken cancellationToken)
    {
        if (command is null)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "An agreement needs a commandId, dialogueId, themeId and what."));
        }

        var what = TextRules.Normalize(command.What);
        var who = TextRules.NormalizeLine(command.Who);
        if (TextRules.Check(what, HubContract.MaxAgreementLength) is { } whatError)
        {
            return Task.FromResult(RoomOutcome.Fail(whatError, "An agreement has 1 to 500 characters."));
        }

        if (who.Length > HubContract.MaxAgreementOwnerLength)
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.TextTooLong, "'Who' has at most 120 characters."));
        }

        if (command.Due is { Year: < 2000 or > 2100 })
        {
            return Task.FromResult(RoomOutcome.Fail(ErrorCodes.BadRequest, "The due date must be a real date."));
        }

        return FacilitatorCommandAsync(command.CommandId, command.DialogueId, actor, async change =>
        {
            var db = change.Db;
            if (!await db.Themes.AnyAsync(t => t.Id == command.ThemeId && t.DialogueId == command.DialogueId, cancellationToken))
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such theme in this dialogue.");
            }

            Agreement agreement;
            if (command.AgreementId is { } id)
            {
                agreement = (await db.Agreements.SingleOrDefaultAsync(a => a.Id == id && a.DialogueId == command.DialogueId, cancellationToken))!;
                if (agreement is null)
                {
                    return RoomOutcome.Fail(ErrorCodes.NotFound, "No such agreement in this dialogue.");
                }
            }
            else
            {
                agreement = new Agreement { DialogueId = command.DialogueId, What = what, RecordedBy = $"u:{actor.UserId}", RecordedAt = change.Now };
                db.Agreements.Add(agreement);
            }

            agreement.ThemeId = command.ThemeId;
            agreement.What = what;
            agreement.Who = who.Length == 0 ? null : who;
            agreement.Due = command.Due;
            await change.SaveAsync(cancellationToken);
            change.Created(agreement.Id);
            change.AnnounceToAll(new RoomDelta(Agreements: await RoomViews.AgreementsAsync(db, db.Agreements.Where(a => a.Id == agreement.Id), cancellationToken)));
            return null;
        }, cancellationToken);
    }

    public Task<RoomOutcome> RemoveAgreementAsync(AgreementCommand? command, Actor actor, CancellationToken cancellationToken) =>
        FacilitatorCommandAsync(command?.CommandId, command?.DialogueId, actor, async change =>
        {
            var agreement = await change.Db.Agreements.SingleOrDefaultAsync(a => a.Id == command!.AgreementId && a.DialogueId == command.DialogueId, cancellationToken);
            if (agreement is null)
            {
                return RoomOutcome.Fail(ErrorCodes.NotFound, "No such agreement in this dialogue.");
            }

            change.Db.Agreements.Remove(agreement);
            await change.SaveAsync(cancellationToken);
            change.AnnounceToAll(new RoomDelta(RemovedAgreements: [agreement.Id]));
            return null;
        }, cancellationToken);
}
