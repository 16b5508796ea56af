using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Minutes;
using IbtDialogue.Persistence;
using IbtDialogue.Resources;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

public enum FindingError
{
    TitleEmpty,
    TitleTooLong,
    MarkdownEmpty,
    MarkdownTooLong,
    UnknownTheme,
    SourcesTooLong,
}

/// <summary>What an analyst typed for a finding; the theme decides the domain, and must belong to it.</summary>
public sealed record FindingDraft(Domain Domain, string? ThemeKey, string? Title, string? Markdown, string? Sources);

/// <summary>A finding as pages show it: the Markdown as typed and as safe HTML.</summary>
public sealed record FindingView(
    int Id,
    Domain Domain,
    string ThemeKey,
    string ThemeTitle,
    int ThemePosition,
    string Title,
    string Markdown,
    string Html,
    string? Sources,
    string? SourcesHtml,
    DateTime UpdatedAt,
    string? UpdatedBy);

/// <summary>A finding of one theme as the live room shows it: title, safe HTML and sources.</summary>
public sealed record ThemeFinding(int Id, string Title, string Html, string? Sources, string? SourcesHtml, DateTime UpdatedAt);

/// <summary>The Inspectie's own national findings per theme, written by analysts in Markdown.</summary>
public sealed class FindingService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, TimeProvider clock, MarkdownRenderer renderer)
{
    public const int MaxTitleLength = 200;
    public const int MaxMarkdownLength = 20_000;
    public const int MaxSourcesLength = 4000;

    /// <summary>The draft as it is stored: texts normalised (trimmed, no control characters), empty sources as none.</summary>
    public static FindingDraft Clean(FindingDraft draft) => draft with
    {
        ThemeKey = draft.ThemeKey?.Trim(),
        Title = TextRules.NormalizeLine(draft.Title),
        Markdown = TextRules.Normalize(draft.Markdown),
        Sources = TextRules.Normalize(draft.Sources) is { Length: > 0 } sources ? sources : null,
    };

    /// <summary>Everything that is wrong with a (cleaned) draft; empty when it may be stored.</summary>
    public static IReadOnlyList<FindingError> Validate(FindingDraft draft)
    {
        var errors = new List<FindingError>();
        if (BuiltInTemplates.Theme(draft.ThemeKey) is not { } theme || theme.Domain != draft.Domain)
        {
            errors.Add(FindingError.UnknownTheme);
        }

        var title = draft.Title ?? "";
        if (title.Length == 0)
        {
            errors.Add(FindingError.TitleEmpty);
        }
        else if (title.Length > MaxTitleLength)
        {
            errors.Add(FindingError.TitleTooLong);
        }

        var markdown = draft.Markdown ?? "";
        if (markdown.Length == 0)
        {
            errors.Add(FindingError.MarkdownEmpty);
        }
        else if (markdown.Length > MaxMarkdownLength)
        {
            errors.Add(FindingError.MarkdownTooLong);
        }

        if ((draft.Sources?.Length ?? 0) > MaxSourcesLength)
        {
            errors.Add(FindingError.SourcesTooLong);
        }

        return errors;
    }

    public static string Describe(FindingError error) => error switch
    {
        FindingError.TitleEmpty => ServerTexts.FindingErrorTitleEmpty,
        FindingError.TitleTooLong => string.Format(ServerTexts.Culture, ServerTexts.FindingErrorTitleTooLong, MaxTitleLength),
        FindingError.MarkdownEmpty => ServerTexts.FindingErrorMarkdownEmpty,
        FindingError.MarkdownTooLong => string.Format(ServerTexts.Culture, ServerTexts.FindingErrorMarkdownTooLong, MaxMarkdownLength),
        FindingError.UnknownTheme => ServerTexts.FindingErrorUnknownTheme,
        _ => string.Format(ServerTexts.Culture, ServerTexts.FindingErrorSourcesTooLong, MaxSourcesLength),
    };

    /// <summary>The id of the form field an error belongs to.</summary>
    public static string Field(FindingError error) => error switch
    {
        FindingError.TitleEmpty or FindingError.TitleTooLong => "title",
        FindingError.MarkdownEmpty or FindingError.MarkdownTooLong => "markdown",
        FindingError.UnknownTheme => "theme",
        _ => "sources",
    };

    /// <summary>Every finding (of one domain, when given), in the order of the domains and of the themes in the framework.</summary>
    public async Task<IReadOnlyList<FindingView>> ListAsync(Domain? domain, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Findings.AsNoTracking();
        if (domain is { } only)
        {
            query = query.Where(f => f.Domain == only);
        }

        var findings = await query.ToListAsync(cancellationToken);
        var authors = await AuthorsAsync(db, findings, cancellationToken);
        return [.. findings.Select(f => View(f, authors)).OrderBy(f => f.Domain).ThenBy(f => f.ThemePosition).ThenBy(f => f.Id)];
    }

    public async Task<FindingView?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var finding = await db.Findings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        return finding is null ? null : View(finding, await AuthorsAsync(db, [finding], cancellationToken));
    }

    /// <summary>
    /// Stores a new finding (no id) or replaces one; answers its id, or the errors and stores nothing. An
    /// id that does not exist (any more) answers no id and no errors.
    /// </summary>
    public async Task<(int? Id, IReadOnlyList<FindingError> Errors)> SaveAsync(int? id, FindingDraft draft, string userId, CancellationToken cancellationToken)
    {
        var clean = Clean(draft);
        var errors = Validate(clean);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var saved = await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            Finding? finding;
            if (id is { } existing)
            {
                finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == existing, cancellationToken);
                if (finding is null)
                {
                    return (int?)null;
                }
            }
            else
            {
                finding = new Finding { ThemeKey = clean.ThemeKey!, Title = clean.Title!, Markdown = clean.Markdown! };
                db.Findings.Add(finding);
            }

            finding.Domain = clean.Domain;
            finding.ThemeKey = clean.ThemeKey!;
            finding.Title = clean.Title!;
            finding.Markdown = clean.Markdown!;
            finding.Sources = clean.Sources;
            finding.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            finding.UpdatedByUserId = userId;
            await db.SaveChangesAsync(cancellationToken);
            return finding.Id;
        }, cancellationToken);
        return (saved, []);
    }

    /// <summary>Deletes a finding; answers false when there was none with this id.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.Findings.Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
        }, cancellationToken);

    /// <summary>The findings of one theme of the framework, for the live room: oldest first, as they were written.</summary>
    public async Task<IReadOnlyList<ThemeFinding>> ForThemeAsync(Domain domain, string themeKey, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var findings = await db.Findings.AsNoTracking()
            .Where(f => f.Domain == domain && f.ThemeKey == themeKey)
            .OrderBy(f => f.Id)
            .ToListAsync(cancellationToken);
        return [.. findings.Select(f => new ThemeFinding(f.Id, f.Title, renderer.ToHtml(f.Markdown), f.Sources, SourcesHtml(f.Sources), f.UpdatedAt))];
    }

    private FindingView View(Finding finding, IReadOnlyDictionary<string, string> authors)
    {
        var theme = BuiltInTemplates.Theme(finding.ThemeKey);
        return new FindingView(
            finding.Id,
            finding.Domain,
            finding.ThemeKey,
            theme?.Title ?? finding.ThemeKey,
            theme?.Position ?? int.MaxValue,
            finding.Title,
            finding.Markdown,
            renderer.ToHtml(finding.Markdown),
            finding.Sources,
            SourcesHtml(finding.Sources),
            finding.UpdatedAt,
            finding.UpdatedByUserId is { } by && authors.TryGetValue(by, out var name) ? name : null);
    }

    private string? SourcesHtml(string? sources) => sources is null ? null : renderer.ToHtml(sources);

    private static async Task<IReadOnlyDictionary<string, string>> AuthorsAsync(DialogueDb db, IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        var ids = findings.Select(f => f.UpdatedByUserId).OfType<string>().Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
