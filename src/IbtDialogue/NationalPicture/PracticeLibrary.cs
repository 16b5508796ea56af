using System.Text.RegularExpressions;
using IbtDialogue.Contributions;
using IbtDialogue.Dialogues;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.NationalPicture;

/// <summary>What someone looks for in the library: words, and filters that narrow it down.</summary>
public sealed record PracticeQuery(
    string? Words = null,
    Domain? Domain = null,
    string? ThemeKey = null,
    CycleStep? Step = null,
    int? Year = null,
    string? Region = null,
    OrganisationType? OrganisationType = null,
    bool PublicOnly = false,
    bool IncludeHidden = false,
    bool FeaturedOnly = false,
    int Take = 50);

/// <summary>A good practice as the library shows it; the contact only where the contact consented (it is stored only then).</summary>
public sealed record LibraryEntry(
    int Id,
    string Title,
    string What,
    string Why,
    string Organisation,
    CycleStep Step,
    Domain Domain,
    string? ThemeKey,
    int Year,
    string? Region,
    OrganisationType OrganisationType,
    string? ContactName,
    string? ContactDetails,
    bool Featured,
    bool Hidden,
    bool Published,
    string DialogueTitle);

/// <summary>
/// The national library of good practices from closed dialogues: full-text search (SQLite FTS5 with accents
/// folded, ranked by BM25 with the title weighing most), filters, and what analysts decide (feature, hide).
/// </summary>
public sealed partial class PracticeLibrary(IDbContextFactory<DialogueDb> dbFactory, WriteGate gate)
{
    public async Task<IReadOnlyList<LibraryEntry>> SearchAsync(PracticeQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.LibraryPractices.AsNoTracking().AsQueryable();
        if (query.Domain is { } domain)
        {
            entries = entries.Where(p => p.Domain == domain);
        }

        if (query.ThemeKey is { Length: > 0 } theme)
        {
            entries = entries.Where(p => p.ThemeKey == theme);
        }

        if (query.Step is { } step)
        {
            entries = entries.Where(p => p.Step == step);
        }

        if (query.Year is { } year)
        {
            entries = entries.Where(p => p.Year == year);
        }

        if (query.Region is { Length: > 0 } region)
        {
            entries = entries.Where(p => p.Region == region);
        }

        if (query.OrganisationType is { } type)
        {
            entries = entries.Where(p => p.OrganisationType == type);
        }

        if (query.PublicOnly)
        {
            entries = entries.Where(p => p.Published && !p.Hidden);
        }
        else if (!query.IncludeHidden)
        {
            entries = entries.Where(p => !p.Hidden);
        }

        if (query.FeaturedOnly)
        {
            entries = entries.Where(p => p.Featured);
        }

        // Words go through the full-text index; its rank orders them (featured practices first).
        Dictionary<int, double>? rank = null;
        if (MatchExpression(query.Words) is { } match)
        {
            var hits = await (db.Database.IsNpgsql()
                    // PostgreSQL: a Dutch text-search document (the same weights: title, then organisation, then the
                    // texts) in the table practicesearch (Persistence/PostgresMigrations); rank negated so lower is better too.
                    ? db.Database.SqlQuery<SearchHit>(
                        $"SELECT rowid AS \"Id\", -ts_rank('{{0.1, 0.1, 0.2, 1.0}}', document, to_tsquery('dutch', {TsQuery(query.Words)}))::float8 AS \"Rank\" FROM practicesearch WHERE document @@ to_tsquery('dutch', {TsQuery(query.Words)})")
                    : db.Database.SqlQuery<SearchHit>($"SELECT rowid AS Id, bm25(PracticeSearch, 10.0, 1.0, 1.0, 2.0) AS Rank FROM PracticeSearch WHERE PracticeSearch MATCH {match}"))
                .ToListAsync(cancellationToken);
            rank = hits.ToDictionary(h => h.Id, h => h.Rank);
            var ids = rank.Keys.ToList();
            entries = entries.Where(p => ids.Contains(p.ContributionId));
        }

        var rows = await (
            from p in entries
            join c in db.Contributions on p.ContributionId equals c.Id
            join d in db.Dialogues on p.DialogueId equals d.Id
            select new LibraryEntry(
                c.Id, c.PracticeTitle ?? "", c.Text, c.PracticeWhy ?? "", c.PracticeOrganisation ?? "", p.Step, p.Domain, p.ThemeKey, p.Year, p.Region,
                p.OrganisationType, c.ContactConsentAt != null ? c.ContactName : null, c.ContactConsentAt != null ? c.ContactDetails : null,
                p.Featured, p.Hidden, p.Published, d.Title))
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderByDescending(e => e.Featured)
            .ThenBy(e => rank is null ? 0 : rank[e.Id]) // BM25: lower is better.
            .ThenByDescending(e => e.Year)
            .ThenByDescending(e => e.Id)
            .Take(query.Take)];
    }

    public async Task<LibraryEntry?> FindAsync(int id, CancellationToken cancellationToken) =>
        (await SearchAsync(new PracticeQuery(IncludeHidden: true, Take: int.MaxValue), cancellationToken)).SingleOrDefault(e => e.Id == id);

    /// <summary>An analyst features a practice (offered in live dialogues of its theme) or hides it from the library.</summary>
    public Task<bool> DecideAsync(int id, bool featured, bool hidden, CancellationToken cancellationToken) =>
        gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.LibraryPractices.Where(p => p.ContributionId == id)
                .ExecuteUpdateAsync(p => p.SetProperty(x => x.Featured, featured && !hidden).SetProperty(x => x.Hidden, hidden), cancellationToken) > 0;
        }, cancellationToken);

    /// <summary>Publishing or withdrawing a dialogue's summary puts its practices in or out of the public library.</summary>
    public static Task SetPublishedAsync(DialogueDb db, int dialogueId, bool published, CancellationToken cancellationToken) =>
        db.LibraryPractices.Where(p => p.DialogueId == dialogueId).ExecuteUpdateAsync(p => p.SetProperty(x => x.Published, published), cancellationToken);

    /// <summary>
    /// The user's words as an FTS5 query: each word a quoted prefix term (so no operator or quote typed can
    /// break the query), all of them required. Null when there is nothing to search for.
    /// </summary>
    public static string? MatchExpression(string? words)
    {
        var terms = SearchWord().Matches(words ?? "")
            .Select(m => m.Value)
            .Take(10)
            .Select(w => $"\"{w}\"*")
            .ToList();
        return terms.Count == 0 ? null : string.Join(' ', terms);
    }

    /// <summary>The PostgreSQL <c>tsquery</c> of the same words as <see cref="MatchExpression"/>: all of them, each as a prefix.</summary>
    public static string TsQuery(string? words) =>
        string.Join(" & ", SearchWord().Matches(words ?? "").Select(m => m.Value).Take(10).Select(w => $"{w}:*"));

    private sealed class SearchHit
    {
        public int Id { get; set; }

        public double Rank { get; set; }
    }

    /// <summary>A word: letters and digits; everything else (quotes, operators, punctuation) only separates words.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex SearchWord();
}
