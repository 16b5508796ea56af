using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

public sealed record CatalogueEntry(int Id, Domain Domain, string ThemeKey, string Title, string? Explanation, string? Source, bool Retired, int Dialogues);

/// <summary>A risk weighed in a closed dialogue that is not linked to the catalogue yet, for an analyst to link.</summary>
public sealed record UnlinkedRisk(int RiskId, int DialogueId, string DialogueTitle, int Year, Domain Domain, string ThemeKey, string ThemeTitle, string Title, bool Proposed);

public enum CatalogueError
{
    TitleEmpty,
    TitleTooLong,
    TextTooLong,
    UnknownTheme,
    UnknownRisk,
    DuplicateTitle,
}

/// <summary>
/// The national risk catalogue, kept by analysts and administrators: risks per domain and theme, and the
/// links from risks weighed in dialogues to it (a participant's proposal becomes part of the national
/// picture once an analyst links it, or makes it a catalogue risk of its own).
/// </summary>
public sealed class RiskCatalogue(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, NationalPictureCounter counter, TimeProvider clock)
{
    public const int MaxTitleLength = HubContract.MaxRiskTitleLength;
    public const int MaxExplanationLength = 2000;
    public const int MaxSourceLength = 300;

    public async Task<IReadOnlyList<CatalogueEntry>> ListAsync(Domain? domain, string? themeKey, bool includeRetired, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var risks = db.CatalogueRisks.AsNoTracking().AsQueryable();
        if (domain is { } d)
        {
            risks = risks.Where(r => r.Domain == d);
        }

        if (themeKey is { Length: > 0 })
        {
            risks = risks.Where(r => r.ThemeKey == themeKey);
        }

        if (!includeRetired)
        {
            risks = risks.Where(r => !r.Retired);
        }

        var rows = await risks
            .Select(r => new CatalogueEntry(r.Id, r.Domain, r.ThemeKey, r.Title, r.Explanation, r.Source, r.Retired,
                db.RiskOutcomes.Where(o => o.CatalogueRiskId == r.Id).Select(o => o.DialogueId).Distinct().Count()))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Domain).ThenBy(r => BuiltInTemplates.Theme(r.ThemeKey)?.Position ?? int.MaxValue).ThenBy(r => r.Title, StringComparer.CurrentCulture)];
    }

    public async Task<CatalogueEntry?> FindAsync(int id, CancellationToken cancellationToken) =>
        (await ListAsync(null, null, includeRetired: true, cancellationToken)).SingleOrDefault(r => r.Id == id);

    /// <summary>Adds a risk to the catalogue (id null) or changes one; the theme must be a theme of the domain.</summary>
    public async Task<(int? Id, CatalogueError? Error)> SaveAsync(
        int? id, Domain domain, string? themeKey, string? title, string? explanation, string? source, bool retired, string userId, CancellationToken cancellationToken)
    {
        var cleanTitle = TextRules.NormalizeLine(title);
        var cleanExplanation = TextRules.Normalize(explanation);
        var cleanSource = TextRules.NormalizeLine(source);
        if (BuiltInTemplates.Theme(themeKey) is not { } theme || theme.Domain != domain)
        {
            return (null, CatalogueError.UnknownTheme);
        }

        if (cleanTitle.Length == 0)
        {
            return (null, CatalogueError.TitleEmpty);
        }

        if (cleanTitle.Length > MaxTitleLength)
        {
            return (null, CatalogueError.TitleTooLong);
        }

        if (cleanExplanation.Length > MaxExplanationLength || cleanSource.Length > MaxSourceLength)
        {
            return (null, CatalogueError.TextTooLong);
        }

        return await gate.RunAsync<(int?, CatalogueError?)>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await db.CatalogueRisks.AnyAsync(r => r.Id != id && r.Domain == domain && r.ThemeKey == theme.Key && r.Title == cleanTitle, cancellationToken))
            {
                return (null, CatalogueError.DuplicateTitle);
            }

            CatalogueRisk risk;
            if (id is { } existing)
            {
                var found = await db.CatalogueRisks.SingleOrDefaultAsync(r => r.Id == existing, cancellationToken);
                if (found is null)
                {
                    return (null, CatalogueError.UnknownRisk);
                }

                if (found.ThemeKey != theme.Key || found.Domain != domain)
                {
                    return (null, CatalogueError.UnknownTheme); // A risk keeps its theme: what was counted under it stays there.
                }

                risk = found;
            }
            else
            {
                risk = new CatalogueRisk { Domain = domain, ThemeKey = theme.Key, Title = cleanTitle, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedByUserId = userId };
                db.CatalogueRisks.Add(risk);
            }

            risk.Title = cleanTitle;
            risk.Explanation = cleanExplanation.Length == 0 ? null : cleanExplanation;
            risk.Source = cleanSource.Length == 0 ? null : cleanSource;
            risk.Retired = retired;
            await db.SaveChangesAsync(cancellationToken);
            return (risk.Id, null);
        }, cancellationToken);
    }

    /// <summary>Risks of closed dialogues on a theme of the framework that are not in the catalogue yet.</summary>
    public async Task<IReadOnlyList<UnlinkedRisk>> UnlinkedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from r in db.Risks.AsNoTracking()
            join t in db.Themes on r.ThemeId equals t.Id
            join d in db.Dialogues on r.DialogueId equals d.Id
            where r.CatalogueRiskId == null && r.Status == RiskStatus.Accepted && t.ThemeKey != null && d.Status == DialogueStatus.Closed
            select new UnlinkedRisk(r.Id, d.Id, d.Title, d.Year, d.Domain, t.ThemeKey!, t.Title, r.Title, r.ProposedByParticipantId != null))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Year).ThenBy(r => r.DialogueTitle, StringComparer.CurrentCulture).ThenBy(r => r.RiskId)];
    }

    /// <summary>
    /// Links a weighed risk to a catalogue risk of the same domain and theme — or, with no catalogue risk given,
    /// makes it a new catalogue risk — and counts its dialogue again, so its weight adds up nationally.
    /// </summary>
    public async Task<CatalogueError?> LinkAsync(int riskId, int? catalogueRiskId, string userId, CancellationToken cancellationToken)
    {
        var dialogueId = await gate.RunAsync<int?>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var found = await (
                from r in db.Risks
                join t in db.Themes on r.ThemeId equals t.Id
                join d in db.Dialogues on r.DialogueId equals d.Id
                where r.Id == riskId && t.ThemeKey != null && d.Status == DialogueStatus.Closed
                select new { Risk = r, t.ThemeKey, d.Domain })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            if (catalogueRiskId is { } target)
            {
                if (!await db.CatalogueRisks.AnyAsync(c => c.Id == target && c.Domain == found.Domain && c.ThemeKey == found.ThemeKey, cancellationToken))
                {
                    return null;
                }

                found.Risk.CatalogueRiskId = target;
            }
            else
            {
                var existing = await db.CatalogueRisks.SingleOrDefaultAsync(c => c.Domain == found.Domain && c.ThemeKey == found.ThemeKey && c.Title == found.Risk.Title, cancellationToken);
                var made = existing ?? db.CatalogueRisks.Add(new CatalogueRisk
                {
                    Domain = found.Domain,
                    ThemeKey = found.ThemeKey!,
                    Title = found.Risk.Title,
                    Explanation = found.Risk.Description,
                    CreatedAt = clock.GetUtcNow().UtcDateTime,
                    CreatedByUserId = userId,
                }).Entity;
                await db.SaveChangesAsync(cancellationToken);
                found.Risk.CatalogueRiskId = made.Id;
            }

            await db.SaveChangesAsync(cancellationToken);
            return found.Risk.DialogueId;
        }, cancellationToken);

        if (dialogueId is not { } counted)
        {
            return CatalogueError.UnknownRisk;
        }

        await counter.CountAsync(counted, cancellationToken);
        return null;
    }
}
