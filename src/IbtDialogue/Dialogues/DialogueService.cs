using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Dialogues;

/// <summary>
/// A new dialogue as the facilitator entered it: title, date, the agenda (themes with an optional goal and
/// risks), and where it counts in the national picture (domain, year — by default the date's — and region).
/// </summary>
/// <param name="RetentionMonths">Months after closing that personal data is kept; null: the configured default.</param>
public sealed record DialogueDraft(string? Title, DateOnly? Date, IReadOnlyList<TemplateThemeDraft> Themes, Domain Domain = Domain.Other, int? Year = null, string? Region = null, int? RetentionMonths = null)
{
    public DialogueDraft(string? title, DateOnly? date, IReadOnlyList<string> themes)
        : this(title, date, [.. themes.Select(t => new TemplateThemeDraft(t, null))])
    {
    }
}

public enum NewDialogueError
{
    TitleEmpty,
    TitleTooLong,
    DateMissing,
    NoThemes,
    ThemeTooLong,
    TooManyThemes,

    /// <summary>Templates: an official one is changed only by administrators, one's own only by its maker (or an administrator).</summary>
    NotYours,
}

public sealed record NationalSettings(string Title, DialogueStatus Status, Domain Domain, int Year, string? Region, IReadOnlyList<ThemeLink> Themes);

public sealed record ThemeLink(int ThemeId, string Title, string? ThemeKey);

public sealed record FacilitatorEntry(string UserId, string DisplayName, string Email, bool IsOwner);

public enum CoFacilitatorError
{
    NotYours,
    UnknownAccount,
    AlreadyFacilitator,
}

public sealed record DialogueSummary(int Id, string Title, DateOnly Date, string JoinCode, DialogueStatus Status, int Participants, bool Archived = false);

/// <summary>Preparing dialogues: what a facilitator does before and after the live part.</summary>
public sealed class DialogueService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Privacy.PrivacyOptions> privacy)
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

        var themes = input.Themes.Select(t => TextRules.NormalizeLine(t.Title)).Where(t => t.Length > 0).ToList();
        if (themes.Count == 0)
        {
            errors.Add(NewDialogueError.NoThemes);
        }
        else if (themes.Count > MaxThemes)
        {
            errors.Add(NewDialogueError.TooManyThemes);
        }

        if (themes.Any(t => t.Length > MaxTitleLength) || input.Themes.Any(t => (t.Goal?.Length ?? 0) > Protocol.HubContract.MaxGoalLength))
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
                Domain = input.Domain,
                Year = input.Year ?? input.Date!.Value.Year,
                Region = Participants.Regions.GgdRegions.Contains(input.Region) ? input.Region : null,
                RetentionMonths = Math.Clamp(input.RetentionMonths ?? privacy.Value.RetentionMonths, 1, 120),
                ResultsKey = StoredSecrets.Create(),
                JoinCode = await UnusedJoinCodeAsync(db, cancellationToken),
                Status = DialogueStatus.Draft,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                Themes =
                [
                    .. input.Themes
                        .Select(t => (Title: TextRules.NormalizeLine(t.Title), Goal: TextRules.Normalize(t.Goal), Key: BuiltInTemplates.Theme(t.ThemeKey)?.Key))
                        .Where(t => t.Title.Length > 0)
                        .Select((t, i) => new Theme { Title = t.Title, Goal = t.Goal.Length > 0 ? t.Goal : null, ThemeKey = t.Key, Position = i + 1 }),
                ],
                Facilitators = [new DialogueFacilitator { UserId = ownerId, IsOwner = true }],
            };
            db.Dialogues.Add(dialogue);
            await db.SaveChangesAsync(cancellationToken);

            // The template's risks go onto their themes' lists, ready to be voted on; those that are in the
            // national catalogue are linked to it, so what is weighed here counts nationally.
            var catalogue = await db.CatalogueRisks.AsNoTracking().Where(r => r.Domain == dialogue.Domain && !r.Retired)
                .Select(r => new { r.Id, r.ThemeKey, r.Title }).ToListAsync(cancellationToken);
            var drafts = input.Themes.Where(t => TextRules.NormalizeLine(t.Title).Length > 0).ToList();
            foreach (var (theme, draft) in dialogue.Themes.OrderBy(t => t.Position).Zip(drafts))
            {
                db.Risks.AddRange(draft.RiskList().Select((title, i) => new Voting.Risk
                {
                    DialogueId = dialogue.Id,
                    ThemeId = theme.Id,
                    Position = i + 1,
                    Title = title,
                    Status = RiskStatus.Accepted,
                    CreatedAt = dialogue.CreatedAt,
                    CatalogueRiskId = catalogue.FirstOrDefault(r => r.ThemeKey == theme.ThemeKey && r.Title == title)?.Id,
                }));
            }

            await db.SaveChangesAsync(cancellationToken);
            return dialogue.Id;
        }, cancellationToken);
        return (id, []);
    }

    /// <summary>The facilitators of a dialogue, the owner first; null if this user is not one of them.</summary>
    public async Task<IReadOnlyList<FacilitatorEntry>?> FacilitatorsAsync(int dialogueId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await (
            from f in db.DialogueFacilitators
            where f.DialogueId == dialogueId
            join u in db.Users on f.UserId equals u.Id
            select new FacilitatorEntry(u.Id, u.DisplayName, u.Email ?? "", f.IsOwner))
            .ToListAsync(cancellationToken);
        return entries.Any(e => e.UserId == userId)
            ? [.. entries.OrderByDescending(e => e.IsOwner).ThenBy(e => e.DisplayName, StringComparer.CurrentCulture)]
            : null;
    }

    /// <summary>
    /// Colleagues this user could add to a dialogue they run: active accounts that may facilitate, found by a
    /// part of their name or e-mail address, who are not facilitators of it yet. Null if the user does not run it.
    /// </summary>
    public async Task<IReadOnlyList<FacilitatorEntry>?> FindColleaguesAsync(int dialogueId, string userId, string? query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == userId, cancellationToken))
        {
            return null;
        }

        var words = TextRules.NormalizeLine(query);
        if (words.Length < 2)
        {
            return [];
        }

        var pattern = $"%{words.ToUpperInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
        var found = await MayFacilitate(db)
            .Where(u => EF.Functions.Like(u.DisplayName.ToUpper(), pattern) || EF.Functions.Like(u.NormalizedEmail!, pattern))
            .Where(u => !db.DialogueFacilitators.Any(f => f.DialogueId == dialogueId && f.UserId == u.Id))
            .OrderBy(u => u.DisplayName)
            .Take(20)
            .Select(u => new FacilitatorEntry(u.Id, u.DisplayName, u.Email ?? "", false))
            .ToListAsync(cancellationToken);
        return found;
    }

    /// <summary>Adds a colleague (an active account that may facilitate) to a dialogue this user runs.</summary>
    public async Task<CoFacilitatorError?> AddFacilitatorAsync(int dialogueId, string userId, string? colleagueId, CancellationToken cancellationToken) =>
        await gate.RunAsync<CoFacilitatorError?>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == userId, cancellationToken))
            {
                return CoFacilitatorError.NotYours;
            }

            if (colleagueId is null || !await MayFacilitate(db).AnyAsync(u => u.Id == colleagueId, cancellationToken))
            {
                return CoFacilitatorError.UnknownAccount;
            }

            if (await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == colleagueId, cancellationToken))
            {
                return CoFacilitatorError.AlreadyFacilitator;
            }

            db.DialogueFacilitators.Add(new DialogueFacilitator { DialogueId = dialogueId, UserId = colleagueId });
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>Active accounts with a role that runs dialogues.</summary>
    private static IQueryable<Accounts.UserAccount> MayFacilitate(DialogueDb db) =>
        db.Users.Where(u => u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id
            && db.Roles.Any(role => role.Id == r.RoleId && (role.Name == Accounts.Roles.Facilitator || role.Name == Accounts.Roles.Administrator))));

    /// <summary>Removes a co-facilitator (never the owner) from a dialogue this user runs.</summary>
    public async Task<bool> RemoveFacilitatorAsync(int dialogueId, string userId, string coFacilitatorId, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == userId, cancellationToken))
            {
                return false;
            }

            return await db.DialogueFacilitators
                .Where(f => f.DialogueId == dialogueId && f.UserId == coFacilitatorId && !f.IsOwner)
                .ExecuteDeleteAsync(cancellationToken) > 0;
        }, cancellationToken);

    public async Task<IReadOnlyList<DialogueSummary>> ListForFacilitatorAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Dialogues.AsNoTracking()
            .Where(d => d.Facilitators.Any(f => f.UserId == userId))
            .Select(d => new DialogueSummary(d.Id, d.Title, d.Date, d.JoinCode, d.Status, db.Participants.Count(p => p.DialogueId == d.Id), d.ArchivedAt != null))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id)];
    }

    /// <summary>The dialogue if this facilitator may run it, else null.</summary>
    public async Task<DialogueSummary?> FindForFacilitatorAsync(int id, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Dialogues.AsNoTracking()
            .Where(d => d.Id == id && d.Facilitators.Any(f => f.UserId == userId))
            .Select(d => new DialogueSummary(d.Id, d.Title, d.Date, d.JoinCode, d.Status, db.Participants.Count(p => p.DialogueId == d.Id), d.ArchivedAt != null))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Where a dialogue counts in the national picture, for its facilitators to see and change.</summary>
    public async Task<NationalSettings?> NationalSettingsAsync(int dialogueId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dialogue = await db.Dialogues.AsNoTracking().Include(d => d.Themes)
            .SingleOrDefaultAsync(d => d.Id == dialogueId && d.Facilitators.Any(f => f.UserId == userId), cancellationToken);
        return dialogue is null ? null : new NationalSettings(
            dialogue.Title, dialogue.Status, dialogue.Domain, dialogue.Year, dialogue.Region,
            [.. dialogue.Themes.OrderBy(t => t.Position).Select(t => new ThemeLink(t.Id, t.Title, t.ThemeKey))]);
    }

    /// <summary>
    /// Sets the domain, year and region of a dialogue that is not closed, and links its themes to themes of the
    /// framework (or none); answers null, or why not. A closed dialogue's place is fixed: it has been counted.
    /// </summary>
    public async Task<string?> SetNationalAsync(int dialogueId, string userId, Domain domain, int year, string? region, IReadOnlyDictionary<int, string?> themeKeys, CancellationToken cancellationToken) =>
        await gate.RunAsync<string?>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var dialogue = await db.Dialogues.Include(d => d.Themes)
                .SingleOrDefaultAsync(d => d.Id == dialogueId && d.Facilitators.Any(f => f.UserId == userId), cancellationToken);
            if (dialogue is null)
            {
                return Resources.ServerTexts.NationalSettingsNotFound;
            }

            if (dialogue.Status == DialogueStatus.Closed)
            {
                return Resources.ServerTexts.NationalSettingsClosed;
            }

            if (year is < 2000 or > 2100)
            {
                return Resources.ServerTexts.DialogueYearInvalid;
            }

            if (region is { Length: > 0 } && !Participants.Regions.GgdRegions.Contains(region))
            {
                return Resources.ServerTexts.NationalSettingsUnknownRegion;
            }

            if (themeKeys.Values.Any(key => key is { Length: > 0 } && BuiltInTemplates.Theme(key)?.Domain != domain))
            {
                return Resources.ServerTexts.NationalSettingsUnknownTheme;
            }

            dialogue.Domain = domain;
            dialogue.Year = year;
            dialogue.Region = region is { Length: > 0 } ? region : null;
            foreach (var theme in dialogue.Themes)
            {
                if (themeKeys.TryGetValue(theme.Id, out var key))
                {
                    theme.ThemeKey = key is { Length: > 0 } ? key : null;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>The dialogue if this reader may read its record (a facilitator of it, or an analyst once it is closed), and whether they run it.</summary>
    public async Task<(DialogueSummary Dialogue, bool Runs)?> FindForReaderAsync(int id, Accounts.RecordReader reader, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.Dialogues.AsNoTracking()
            .Where(d => d.Id == id)
            .Select(d => new
            {
                Summary = new DialogueSummary(d.Id, d.Title, d.Date, d.JoinCode, d.Status, db.Participants.Count(p => p.DialogueId == d.Id)),
                Runs = d.Facilitators.Any(f => f.UserId == reader.UserId),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return found is not null && (found.Runs || (reader.IsAnalyst && found.Summary.Status == DialogueStatus.Closed))
            ? (found.Summary, found.Runs)
            : null;
    }

    /// <summary>Every closed dialogue, newest first: what an analyst reads.</summary>
    public async Task<IReadOnlyList<DialogueSummary>> ListClosedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Dialogues.AsNoTracking()
            .Where(d => d.Status == DialogueStatus.Closed)
            .Select(d => new DialogueSummary(d.Id, d.Title, d.Date, d.JoinCode, d.Status, db.Participants.Count(p => p.DialogueId == d.Id)))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id)];
    }

    internal static async Task<string> UnusedJoinCodeAsync(DialogueDb db, CancellationToken cancellationToken)
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
