using IbtDialogue.Accounts;
using System.Text.RegularExpressions;
using IbtDialogue.Protocol;
using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Minutes;

public sealed record PublicSummary(int Id, int DialogueId, string Title, DateOnly Date, string Markdown, string Themes, DateTime FirstPublishedAt, DateTime UpdatedAt)
{
    /// <summary>The stable address: the id decides, the words only help a reader.</summary>
    public string Path => $"gesprekken/{Id}/{FileNames.Slug(Title)}";
}

public sealed record PublicationDraft(string Markdown, bool IsPublished, int? SummaryId, bool Closed);

public enum PublishOutcome
{
    Published,
    NotFound,
    Empty,

    /// <summary>The dialogue is still running: only what is over is published.</summary>
    NotClosed,

    /// <summary>The text still holds a personal name or contact; nothing was published.</summary>
    HasPersonalNames,
}

public sealed record PublishResult(PublishOutcome Outcome, IReadOnlyList<string> Names, int? SummaryId = null);

/// <summary>
/// Publishing the public summary of a closed dialogue. The facilitator starts from a text composed without
/// names, may edit it, and publishes exactly what they previewed — unless it still contains the name or
/// contact of anyone in the dialogue: that is refused, so no personal name reaches the public page or feed.
/// </summary>
public sealed class PublicationService(
    IDbContextFactory<DialogueDb> dbFactory, WriteGate gate, MinutesComposer composer, MinutesService minutes, MarkdownRenderer renderer, TimeProvider clock)
{
    /// <summary>The text to review: the earlier published (or unpublished) one, else a new one composed without names.</summary>
    public async Task<PublicationDraft?> DraftAsync(int dialogueId, string userId, CancellationToken cancellationToken)
    {
        if (await minutes.RecordAsync(dialogueId, RecordReader.Facilitator(userId), cancellationToken) is not { } record)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.PublishedSummaries.AsNoTracking().SingleOrDefaultAsync(p => p.DialogueId == dialogueId, cancellationToken);
        return existing is null
            ? new PublicationDraft(composer.ComposePublic(record), false, null, record.ClosedAt is not null)
            : new PublicationDraft(existing.Markdown, existing.IsPublished, existing.Id, record.ClosedAt is not null);
    }

    /// <summary>A fresh public text composed from the dialogue (discarding edits to the draft).</summary>
    public async Task<string?> RecomposeAsync(int dialogueId, string userId, CancellationToken cancellationToken) =>
        await minutes.RecordAsync(dialogueId, RecordReader.Facilitator(userId), cancellationToken) is { } record ? composer.ComposePublic(record) : null;

    public async Task<PublishResult> PublishAsync(int dialogueId, string userId, string? markdown, CancellationToken cancellationToken)
    {
        if (await minutes.RecordAsync(dialogueId, RecordReader.Facilitator(userId), cancellationToken) is not { } record)
        {
            return new PublishResult(PublishOutcome.NotFound, []);
        }

        if (record.ClosedAt is null)
        {
            return new PublishResult(PublishOutcome.NotClosed, []);
        }

        var text = (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MinutesService.MaxLength)
        {
            return new PublishResult(PublishOutcome.Empty, []);
        }

        var names = PersonalNamesIn(text, record.PersonalNames, renderer);
        if (names.Count > 0)
        {
            return new PublishResult(PublishOutcome.HasPersonalNames, names);
        }

        return await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var summary = await db.PublishedSummaries.SingleOrDefaultAsync(p => p.DialogueId == dialogueId, cancellationToken);
            if (summary is null)
            {
                summary = new PublishedSummary { DialogueId = dialogueId, Title = record.Title, Markdown = text, Themes = "", UpdatedByUserId = userId };
                db.PublishedSummaries.Add(summary);
            }

            summary.Title = record.Title;
            summary.Date = record.Date;
            summary.Markdown = text;
            summary.Themes = string.Join("\n", record.Themes.Select(t => t.Title));
            summary.IsPublished = true;
            summary.FirstPublishedAt ??= now;
            summary.UpdatedAt = now;
            summary.UpdatedByUserId = userId;
            await db.SaveChangesAsync(cancellationToken);
            await NationalPicture.PracticeLibrary.SetPublishedAsync(db, dialogueId, published: true, cancellationToken);
            return new PublishResult(PublishOutcome.Published, [], summary.Id);
        }, cancellationToken);
    }

    /// <summary>Takes the summary off the public page and the feed; the text stays for a later publication.</summary>
    public async Task<bool> UnpublishAsync(int dialogueId, string userId, CancellationToken cancellationToken) =>
        await gate.RunAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.DialogueFacilitators.AnyAsync(f => f.DialogueId == dialogueId && f.UserId == userId, cancellationToken))
            {
                return false;
            }

            await NationalPicture.PracticeLibrary.SetPublishedAsync(db, dialogueId, published: false, cancellationToken);
            return await db.PublishedSummaries.Where(p => p.DialogueId == dialogueId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsPublished, false).SetProperty(p => p.UpdatedAt, clock.GetUtcNow().UtcDateTime), cancellationToken) > 0;
        }, cancellationToken);

    /// <summary>The published summaries, newest dialogue first, optionally those whose title or themes match and of one year.</summary>
    public async Task<IReadOnlyList<PublicSummary>> ListAsync(string? query, int? year, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var published = db.PublishedSummaries.AsNoTracking().Where(p => p.IsPublished);
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            published = published.Where(p => p.Date >= from && p.Date <= to);
        }

        var all = await published.OrderByDescending(p => p.Date).ThenByDescending(p => p.Id)
            .Select(p => new PublicSummary(p.Id, p.DialogueId, p.Title, p.Date, p.Markdown, p.Themes, p.FirstPublishedAt!.Value, p.UpdatedAt))
            .ToListAsync(cancellationToken);
        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return [.. all.Where(s => words.All(w => s.Title.Contains(w, StringComparison.CurrentCultureIgnoreCase) || s.Themes.Contains(w, StringComparison.CurrentCultureIgnoreCase)))];
    }

    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dates = await db.PublishedSummaries.AsNoTracking().Where(p => p.IsPublished).Select(p => p.Date).ToListAsync(cancellationToken);
        return [.. dates.Select(d => d.Year).Distinct().OrderDescending()];
    }

    public async Task<PublicSummary?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PublishedSummaries.AsNoTracking().Where(p => p.Id == id && p.IsPublished)
            .Select(p => new PublicSummary(p.Id, p.DialogueId, p.Title, p.Date, p.Markdown, p.Themes, p.FirstPublishedAt!.Value, p.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Which of these names the text contains, as whole words in any case — in the Markdown as typed and in the
    /// page as a reader sees it, so escapes, emphasis or line breaks inside a name do not hide it.
    /// </summary>
    public static IReadOnlyList<string> PersonalNamesIn(string markdown, IEnumerable<string> names, MarkdownRenderer renderer)
    {
        static string Flat(string text) => Regex.Replace(text.Replace("\\", "", StringComparison.Ordinal), @"\s+", " ");
        var shown = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{renderer.ToHtml(markdown)}</body>").Body!.TextContent;
        var texts = new[] { Flat(markdown), Flat(MarkdownText.Unescape(markdown)), Flat(shown) };
        return
        [
            .. names
                .Select(n => Flat(n).Trim())
                .Where(n => n.Length > 0)
                .Where(n => texts.Any(t => Regex.IsMatch(t, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(n)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal),
        ];
    }
}
