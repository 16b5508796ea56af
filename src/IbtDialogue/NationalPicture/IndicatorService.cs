using System.Text.RegularExpressions;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Resources;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

public enum IndicatorError
{
    KeyInvalid,
    KeyTaken,
    NameEmpty,
    NameTooLong,
    UnitTooLong,
    UnknownTheme,
    DescriptionTooLong,
}

/// <summary>A new indicator as an analyst defines it.</summary>
public sealed record IndicatorDraft(string? Key, string? Name, string? Unit, Domain Domain, string? ThemeKey, string? Description);

/// <param name="Municipalities">How many municipalities have a value in that year.</param>
public sealed record IndicatorYear(int Year, int Municipalities);

public sealed record IndicatorSummary(
    int Id,
    string Key,
    string Name,
    string? Unit,
    Domain Domain,
    string? ThemeKey,
    string? ThemeTitle,
    string? Description,
    IReadOnlyList<IndicatorYear> Years);

/// <summary>The outcome of an import: how many rows were stored, or why none were.</summary>
public sealed record ImportResult(int Imported, IReadOnlyList<ImportError> Errors)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>Figures the Inspectie keeps per municipality and year: defined by analysts, filled from CSV files.</summary>
public sealed partial class IndicatorService(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate)
{
    public const int MaxKeyLength = 60;
    public const int MaxNameLength = 200;
    public const int MaxUnitLength = 20;
    public const int MaxDescriptionLength = 2000;
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>The draft as it is stored: texts normalised, empty optional fields as none.</summary>
    public static IndicatorDraft Clean(IndicatorDraft draft) => draft with
    {
        Key = (draft.Key ?? "").Trim(),
        Name = TextRules.NormalizeLine(draft.Name),
        Unit = TextRules.NormalizeLine(draft.Unit) is { Length: > 0 } unit ? unit : null,
        ThemeKey = string.IsNullOrWhiteSpace(draft.ThemeKey) ? null : draft.ThemeKey.Trim(),
        Description = TextRules.Normalize(draft.Description) is { Length: > 0 } description ? description : null,
    };

    /// <summary>What is wrong with a (cleaned) draft, apart from a key that is taken.</summary>
    public static IReadOnlyList<IndicatorError> Validate(IndicatorDraft draft)
    {
        var errors = new List<IndicatorError>();
        if (draft.Key is not { Length: > 0 and <= MaxKeyLength } key || !KeyPattern().IsMatch(key))
        {
            errors.Add(IndicatorError.KeyInvalid);
        }

        if ((draft.Name ?? "").Length == 0)
        {
            errors.Add(IndicatorError.NameEmpty);
        }
        else if (draft.Name!.Length > MaxNameLength)
        {
            errors.Add(IndicatorError.NameTooLong);
        }

        if ((draft.Unit?.Length ?? 0) > MaxUnitLength)
        {
            errors.Add(IndicatorError.UnitTooLong);
        }

        if (draft.ThemeKey is { } themeKey && (BuiltInTemplates.Theme(themeKey) is not { } theme || theme.Domain != draft.Domain))
        {
            errors.Add(IndicatorError.UnknownTheme);
        }

        if ((draft.Description?.Length ?? 0) > MaxDescriptionLength)
        {
            errors.Add(IndicatorError.DescriptionTooLong);
        }

        return errors;
    }

    public static string Describe(IndicatorError error) => error switch
    {
        IndicatorError.KeyInvalid => string.Format(ServerTexts.Culture, ServerTexts.IndicatorErrorKeyInvalid, MaxKeyLength),
        IndicatorError.KeyTaken => ServerTexts.IndicatorErrorKeyTaken,
        IndicatorError.NameEmpty => ServerTexts.IndicatorErrorNameEmpty,
        IndicatorError.NameTooLong => string.Format(ServerTexts.Culture, ServerTexts.IndicatorErrorNameTooLong, MaxNameLength),
        IndicatorError.UnitTooLong => string.Format(ServerTexts.Culture, ServerTexts.IndicatorErrorUnitTooLong, MaxUnitLength),
        IndicatorError.UnknownTheme => ServerTexts.IndicatorErrorUnknownTheme,
        _ => string.Format(ServerTexts.Culture, ServerTexts.IndicatorErrorDescriptionTooLong, MaxDescriptionLength),
    };

    /// <summary>The id of the form field an error belongs to.</summary>
    public static string Field(IndicatorError error) => error switch
    {
        IndicatorError.KeyInvalid or IndicatorError.KeyTaken => "indicator-key",
        IndicatorError.NameEmpty or IndicatorError.NameTooLong => "indicator-name",
        IndicatorError.UnitTooLong => "indicator-unit",
        IndicatorError.UnknownTheme => "indicator-theme",
        _ => "indicator-description",
    };

    /// <summary>Defines an indicator; answers its id, or the errors and stores nothing.</summary>
    public async Task<(int? Id, IReadOnlyList<IndicatorError> Errors)> DefineAsync(IndicatorDraft draft, CancellationToken cancellationToken)
    {
        var clean = Clean(draft);
        var errors = Validate(clean);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var id = await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await db.Indicators.AnyAsync(i => i.Key == clean.Key, cancellationToken))
            {
                return (int?)null;
            }

            var indicator = new Indicator
            {
                Key = clean.Key!,
                Name = clean.Name!,
                Unit = clean.Unit,
                Domain = clean.Domain,
                ThemeKey = clean.ThemeKey,
                Description = clean.Description,
            };
            db.Indicators.Add(indicator);
            await db.SaveChangesAsync(cancellationToken);
            return indicator.Id;
        }, cancellationToken);
        return id is null ? (null, [IndicatorError.KeyTaken]) : (id, []);
    }

    /// <summary>Every indicator by name, with the years that have figures.</summary>
    public async Task<IReadOnlyList<IndicatorSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var indicators = await db.Indicators.AsNoTracking().ToListAsync(cancellationToken);
        var years = await YearsAsync(db, null, cancellationToken);
        return [.. indicators.Select(i => Summary(i, years)).OrderBy(i => i.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nl-NL"), ignoreCase: true))];
    }

    public async Task<IndicatorSummary?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Key == key, cancellationToken);
        return indicator is null ? null : Summary(indicator, await YearsAsync(db, indicator.Id, cancellationToken));
    }

    /// <summary>
    /// Checks the whole file and, only when nothing is wrong, stores every row in one transaction: each
    /// municipality's value of this indicator and year is replaced; municipalities not in the file keep theirs.
    /// </summary>
    public async Task<ImportResult> ImportAsync(int indicatorId, int year, Stream csv, CancellationToken cancellationToken)
    {
        if (year is < FirstYear or > LastYear)
        {
            return new(0, [new ImportError(null, ImportProblem.YearOutOfRange, string.Format(ServerTexts.Culture, ServerTexts.IndicatorImportYearOutOfRange, FirstYear, LastYear))]);
        }

        var (rows, errors) = await IndicatorCsv.ReadAsync(csv, year, cancellationToken);
        if (errors.Count > 0)
        {
            return new(0, errors);
        }

        var stored = await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Indicators.AnyAsync(i => i.Id == indicatorId, cancellationToken))
            {
                return false;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var codes = rows.Select(r => r.MunicipalityCode).ToList();
            await db.IndicatorValues
                .Where(v => v.IndicatorId == indicatorId && v.Year == year && codes.Contains(v.MunicipalityCode))
                .ExecuteDeleteAsync(cancellationToken);
            db.IndicatorValues.AddRange(rows.Select(r => new IndicatorValue { IndicatorId = indicatorId, Year = year, MunicipalityCode = r.MunicipalityCode, Value = r.Value }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

        return stored
            ? new(rows.Count, [])
            : new(0, [new ImportError(null, ImportProblem.UnknownIndicator, ServerTexts.IndicatorImportUnknownIndicator)]);
    }

    /// <summary>
    /// The values of one year, highest first, with the national median and the place of one municipality
    /// (by CBS code or name); null when the indicator does not exist.
    /// </summary>
    public async Task<IndicatorDistribution?> DistributionAsync(int indicatorId, int year, string? highlightCode, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var indicator = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId, cancellationToken);
        if (indicator is null)
        {
            return null;
        }

        var values = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.IndicatorId == indicatorId && v.Year == year)
            .Select(v => new { v.MunicipalityCode, v.Value })
            .ToListAsync(cancellationToken);
        var summary = Summary(indicator, await YearsAsync(db, indicatorId, cancellationToken));
        var highlight = string.IsNullOrWhiteSpace(highlightCode) ? null : Regions.Find(highlightCode);
        return IndicatorDistribution.From(summary, year, values.Select(v => (v.MunicipalityCode, v.Value)), highlight);
    }

    private static IndicatorSummary Summary(Indicator indicator, ILookup<int, IndicatorYear> years) => new(
        indicator.Id,
        indicator.Key,
        indicator.Name,
        indicator.Unit,
        indicator.Domain,
        indicator.ThemeKey,
        BuiltInTemplates.Theme(indicator.ThemeKey)?.Title,
        indicator.Description,
        [.. years[indicator.Id].OrderByDescending(y => y.Year)]);

    private static async Task<ILookup<int, IndicatorYear>> YearsAsync(DialogueDb db, int? indicatorId, CancellationToken cancellationToken)
    {
        var query = db.IndicatorValues.AsNoTracking();
        if (indicatorId is { } only)
        {
            query = query.Where(v => v.IndicatorId == only);
        }

        var counts = await query.GroupBy(v => new { v.IndicatorId, v.Year })
            .Select(g => new { g.Key.IndicatorId, g.Key.Year, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToLookup(c => c.IndicatorId, c => new IndicatorYear(c.Year, c.Count));
    }

    /// <summary>Lower-case letters, digits and single dashes between them: safe in addresses and file names.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
