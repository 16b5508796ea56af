using IbtDialogue.Live;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Dialogues;

/// <param name="Risks">The risks the theme starts with, one per line.</param>
/// <param name="ThemeKey">The theme of the supervision framework, for the official templates' themes.</param>
public sealed record TemplateThemeDraft(string? Title, string? Goal, string? Risks = null, string? ThemeKey = null)
{
    public IReadOnlyList<string> RiskList() =>
        [.. (Risks ?? "").Split('\n').Select(TextRules.NormalizeLine).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal)];
}

/// <param name="MayChange">Whether the asking account may change or delete it.</param>
public sealed record TemplateSummary(int Id, string Name, string? Description, bool BuiltIn, int Themes, bool MayChange);

public sealed record TemplateDetails(int Id, string Name, string? Description, bool BuiltIn, IReadOnlyList<TemplateThemeDraft> Themes, bool MayChange, Domain Domain = Domain.Other);

/// <summary>Who works on templates: official ones are the administrators', the rest their makers' (and the administrators').</summary>
public sealed record TemplateAuthor(string UserId, bool IsAdministrator)
{
    public static TemplateAuthor Of(System.Security.Claims.ClaimsPrincipal user) => new(Accounts.ClaimsPrincipalExtensions.FacilitatorId(user), user.IsInRole(Accounts.Roles.Administrator));

    public bool MayChange(Template template) => IsAdministrator || (template.BuiltInKey is null && template.CreatedByUserId == UserId);
}

/// <summary>Starting agendas: the two shipped ones (seeded at start, editable) and those facilitators make.</summary>
public sealed class TemplateService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock)
{
    /// <summary>
    /// Adds the shipped templates that are missing (first start, or deleted since) and leaves edited ones alone,
    /// except that their domain and theme keys are filled in where still empty. On the very first start the
    /// national risk catalogue gets the shipped templates' risks.
    /// </summary>
    public async Task SeedBuiltInAsync(CancellationToken cancellationToken)
    {
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var present = await db.Templates.Include(t => t.Themes).Where(t => t.BuiltInKey != null).ToListAsync(cancellationToken);
            foreach (var seed in BuiltInTemplates.All)
            {
                if (present.SingleOrDefault(t => t.BuiltInKey == seed.Key) is { } existing)
                {
                    existing.Domain = existing.Domain == Domain.Other ? seed.Domain : existing.Domain;
                    foreach (var (theme, seedTheme) in existing.Themes.OrderBy(t => t.Position).Zip(seed.Themes))
                    {
                        theme.ThemeKey ??= seedTheme.Key;
                    }

                    continue;
                }

                db.Templates.Add(new Template
                {
                    Name = seed.Name,
                    Description = seed.Description,
                    BuiltInKey = seed.Key,
                    Domain = seed.Domain,
                    CreatedAt = now,
                    Themes = [.. seed.Themes.Select((t, i) => new TemplateTheme { Position = i + 1, Title = t.Title, ThemeKey = t.Key, Goal = t.Goal, Risks = t.Risks is { Count: > 0 } risks ? string.Join('\n', risks) : null })],
                });
            }

            if (!await db.CatalogueRisks.AnyAsync(cancellationToken))
            {
                db.CatalogueRisks.AddRange(BuiltInTemplates.All.SelectMany(seed => seed.Themes.SelectMany(theme => (theme.Risks ?? []).Select(risk => new NationalPicture.CatalogueRisk
                {
                    Domain = seed.Domain,
                    ThemeKey = theme.Key,
                    Title = risk,
                    Source = Resources.ServerTexts.CatalogueSourceTemplate,
                    CreatedAt = now,
                }))));
            }

            await db.SaveChangesAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(TemplateAuthor author, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var templates = await db.Templates.AsNoTracking().Include(t => t.Themes).ToListAsync(cancellationToken);
        return [.. templates
            .Select(t => new TemplateSummary(t.Id, t.Name, t.Description, t.BuiltInKey is not null, t.Themes.Count, author.MayChange(t)))
            .OrderByDescending(t => t.BuiltIn).ThenBy(t => t.Name, StringComparer.CurrentCulture)];
    }

    public async Task<TemplateDetails?> FindAsync(int id, TemplateAuthor author, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.Templates.AsNoTracking().Include(t => t.Themes).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        return template is null ? null : new TemplateDetails(
            template.Id,
            template.Name,
            template.Description,
            template.BuiltInKey is not null,
            [.. template.Themes.OrderBy(t => t.Position).Select(t => new TemplateThemeDraft(t.Title, t.Goal, t.Risks, t.ThemeKey))],
            author.MayChange(template),
            template.Domain);
    }

    /// <summary>Replaces a template's name, description and themes (empty rows dropped); answers false when it is invalid.</summary>
    public async Task<(int? Id, IReadOnlyList<NewDialogueError> Errors)> SaveAsync(
        int? id, string? name, string? description, IReadOnlyList<TemplateThemeDraft> themes, TemplateAuthor author, CancellationToken cancellationToken, Domain? domain = null)
    {
        var cleanName = TextRules.NormalizeLine(name);
        var cleanThemes = Clean(themes);
        var errors = DialogueService.Validate(new DialogueDraft(cleanName, DateOnly.MinValue, [.. cleanThemes.Select(t => t.Title!)]));
        if ((description?.Length ?? 0) > 1000
            || cleanThemes.Any(t => (t.Goal?.Length ?? 0) > Protocol.HubContract.MaxGoalLength || t.RiskList().Any(r => r.Length > Protocol.HubContract.MaxRiskTitleLength)))
        {
            errors = [.. errors, NewDialogueError.ThemeTooLong];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var (saved, notYours) = await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            Template? template;
            if (id is { } existing)
            {
                template = await db.Templates.Include(t => t.Themes).SingleOrDefaultAsync(t => t.Id == existing, cancellationToken);
                if (template is null)
                {
                    return ((int?)null, false);
                }

                if (!author.MayChange(template))
                {
                    return (null, true);
                }

                db.TemplateThemes.RemoveRange(template.Themes);
            }
            else
            {
                template = new Template { Name = cleanName, CreatedByUserId = author.UserId, CreatedAt = clock.GetUtcNow().UtcDateTime };
                db.Templates.Add(template);
            }

            template.Name = cleanName;
            template.Domain = domain ?? template.Domain;
            template.Description = string.IsNullOrWhiteSpace(description) ? null : TextRules.Normalize(description);
            template.Themes = [.. cleanThemes.Select((t, i) => new TemplateTheme { Position = i + 1, Title = t.Title!, ThemeKey = t.ThemeKey, Goal = t.Goal, Risks = t.RiskList() is { Count: > 0 } risks ? string.Join('\n', risks) : null })];
            await db.SaveChangesAsync(cancellationToken);
            return (template.Id, false);
        }, cancellationToken);
        return (saved, notYours ? [NewDialogueError.NotYours] : []);
    }

    /// <summary>A new template with the agenda (titles and goals) of an existing dialogue of this facilitator.</summary>
    public async Task<int?> CreateFromDialogueAsync(int dialogueId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dialogue = await db.Dialogues.AsNoTracking().Include(d => d.Themes)
            .SingleOrDefaultAsync(d => d.Id == dialogueId && d.Facilitators.Any(f => f.UserId == userId), cancellationToken);
        if (dialogue is null)
        {
            return null;
        }

        var risks = await db.Risks.AsNoTracking()
            .Where(r => r.DialogueId == dialogueId && r.Status == Protocol.RiskStatus.Accepted)
            .OrderBy(r => r.Position).Select(r => new { r.ThemeId, r.Title })
            .ToListAsync(cancellationToken);

        var (id, _) = await SaveAsync(
            null,
            dialogue.Title,
            null,
            [.. dialogue.Themes.OrderBy(t => t.Position).Select(t => new TemplateThemeDraft(t.Title, t.Goal, string.Join('\n', risks.Where(r => r.ThemeId == t.Id).Select(r => r.Title)), t.ThemeKey))],
            new TemplateAuthor(userId, IsAdministrator: false),
            cancellationToken,
            dialogue.Domain);
        return id;
    }

    /// <summary>Deletes a facilitator's own template (or, for an administrator, any that is not official); answers whether it did.</summary>
    public async Task<bool> DeleteAsync(int id, TemplateAuthor author, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var template = await db.Templates.SingleOrDefaultAsync(t => t.Id == id && t.BuiltInKey == null, cancellationToken);
            if (template is null || !author.MayChange(template))
            {
                return false;
            }

            db.Templates.Remove(template);
            return await db.SaveChangesAsync(cancellationToken) > 0;
        }, cancellationToken);

    private static List<TemplateThemeDraft> Clean(IEnumerable<TemplateThemeDraft> themes) =>
    [
        .. themes
            .Select(t => new TemplateThemeDraft(TextRules.NormalizeLine(t.Title), TextRules.Normalize(t.Goal) is { Length: > 0 } goal ? goal : null, t.Risks, BuiltInTemplates.Theme(t.ThemeKey)?.Key))
            .Where(t => t.Title!.Length > 0),
    ];
}
