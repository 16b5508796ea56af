using IbtDialogue.Dialogues;
using IbtDialogue.NationalPicture;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.NationalPicture;

/// <summary>The Inspectie's findings per theme: checked before they are stored, and rendered safely.</summary>
public sealed class FindingTests : HarnessTests
{
    private const string Analyst = "analyst-1";

    private FindingService Findings => h.Services.GetRequiredService<FindingService>();

    private static FindingDraft Draft(
        string? title = "Niet alle inspecties worden uitgevoerd",
        string? markdown = "In **2025** deed de GGD in een op de vijf gemeenten niet alle verplichte inspecties.",
        string? sources = "[Staat van het Onderwijs 2025](https://www.onderwijsinspectie.nl)",
        Domain domain = Domain.ChildcareSupervision,
        string? theme = "ko-risicogestuurd-toezicht") => new(domain, theme, title, markdown, sources);

    private Task<int> CountAsync() => h.QueryAsync(db => db.Findings.CountAsync(Ct));

    [Fact]
    public async Task A_finding_is_stored_with_its_theme_author_and_time()
    {
        var (id, errors) = await Findings.SaveAsync(null, Draft(title: "  Niet alle   inspecties  "), Analyst, Ct);

        Assert.Empty(errors);
        var finding = await h.QueryAsync(db => db.Findings.SingleAsync(f => f.Id == id, Ct));
        Assert.Equal((Domain.ChildcareSupervision, "ko-risicogestuurd-toezicht", "Niet alle inspecties"), (finding.Domain, finding.ThemeKey, finding.Title));
        Assert.Equal(Analyst, finding.UpdatedByUserId);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime, finding.UpdatedAt);
    }

    public static TheoryData<string, FindingDraft, FindingError[]> Invalid => new()
    {
        { "no title", Draft(title: " \n "), [FindingError.TitleEmpty] },
        { "title of 201", Draft(title: new string('t', 201)), [FindingError.TitleTooLong] },
        { "no text", Draft(markdown: "\n\t"), [FindingError.MarkdownEmpty] },
        { "text of 20001", Draft(markdown: new string('m', 20_001)), [FindingError.MarkdownTooLong] },
        { "sources of 4001", Draft(sources: new string('s', 4001)), [FindingError.SourcesTooLong] },
        { "no theme", Draft(theme: null), [FindingError.UnknownTheme] },
        { "unknown theme", Draft(theme: "ko-bestaat-niet"), [FindingError.UnknownTheme] },
        { "theme of the other domain", Draft(domain: Domain.LeaConsultation, theme: "ko-lrk"), [FindingError.UnknownTheme] },
        { "domain without themes", Draft(domain: Domain.Other), [FindingError.UnknownTheme] },
        { "everything", Draft(title: "", markdown: "", sources: new string('s', 4001), theme: "x"), [FindingError.UnknownTheme, FindingError.TitleEmpty, FindingError.MarkdownEmpty, FindingError.SourcesTooLong] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task An_invalid_finding_is_refused_with_its_errors_and_nothing_is_stored(string why, FindingDraft draft, FindingError[] expected)
    {
        var (id, errors) = await Findings.SaveAsync(null, draft, Analyst, Ct);

        Assert.Null(id);
        Assert.True(expected.SequenceEqual(errors), $"{why}: {string.Join(", ", errors)}");
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(FindingService.Describe(e))));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task The_limits_themselves_are_allowed()
    {
        var (id, errors) = await Findings.SaveAsync(null, Draft(title: new string('t', 200), markdown: new string('m', 20_000), sources: new string('s', 4000)), Analyst, Ct);

        Assert.Empty(errors);
        Assert.NotNull(id);
    }

    [Fact]
    public async Task An_invalid_edit_leaves_the_stored_finding_as_it_was()
    {
        var (id, _) = await Findings.SaveAsync(null, Draft(), Analyst, Ct);

        var (_, errors) = await Findings.SaveAsync(id, Draft(title: ""), "analyst-2", Ct);

        Assert.Equal([FindingError.TitleEmpty], errors);
        var stored = await Findings.FindAsync(id!.Value, Ct);
        Assert.Equal(("Niet alle inspecties worden uitgevoerd", (string?)null), (stored!.Title, stored.UpdatedBy));
        Assert.Equal(Analyst, await h.QueryAsync(db => db.Findings.Where(f => f.Id == id).Select(f => f.UpdatedByUserId).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Markdown_is_rendered_without_script_or_active_links()
    {
        var hostile = "Tekst <script>alert('x')</script> met [link](javascript:alert(1)) en <img src=x onerror=alert(1)>.\n\n- een *lijst*";
        var (id, _) = await Findings.SaveAsync(null, Draft(markdown: hostile, sources: "<script>bron()</script> [rapport](https://www.onderwijsinspectie.nl/rapport)"), Analyst, Ct);

        var view = await Findings.FindAsync(id!.Value, Ct);
        var forRoom = Assert.Single(await Findings.ForThemeAsync(Domain.ChildcareSupervision, "ko-risicogestuurd-toezicht", Ct));

        foreach (var html in new[] { view!.Html, view.SourcesHtml!, forRoom.Html, forRoom.SourcesHtml! })
        {
            var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{html}</body>");
            Assert.Empty(document.QuerySelectorAll("script, img, iframe"));
            Assert.All(document.All, e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
            Assert.All(document.QuerySelectorAll("[href]"), a => Assert.StartsWith("https:", a.GetAttribute("href"), StringComparison.Ordinal));
        }

        Assert.Contains("<em>lijst</em>", view.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.onderwijsinspectie.nl/rapport\"", forRoom.SourcesHtml, StringComparison.Ordinal);
        Assert.Equal(hostile, view.Markdown); // The analyst's text itself is kept as typed.
    }

    [Fact]
    public async Task The_room_gets_the_findings_of_its_theme_only_in_the_order_they_were_written()
    {
        var (first, _) = await Findings.SaveAsync(null, Draft(title: "Eerste"), Analyst, Ct);
        await Findings.SaveAsync(null, Draft(title: "Ander thema", theme: "ko-lrk"), Analyst, Ct);
        await Findings.SaveAsync(null, Draft(title: "LEA", domain: Domain.LeaConsultation, theme: "lea-segregatie"), Analyst, Ct);
        var (second, _) = await Findings.SaveAsync(null, Draft(title: "Tweede", sources: null), Analyst, Ct);

        var findings = await Findings.ForThemeAsync(Domain.ChildcareSupervision, "ko-risicogestuurd-toezicht", Ct);

        Assert.Equal([(first!.Value, "Eerste"), (second!.Value, "Tweede")], findings.Select(f => (f.Id, f.Title)));
        Assert.Null(findings[1].Sources);
        Assert.Null(findings[1].SourcesHtml);
        Assert.Contains("<strong>2025</strong>", findings[0].Html, StringComparison.Ordinal);
        Assert.Empty(await Findings.ForThemeAsync(Domain.LeaConsultation, "ko-risicogestuurd-toezicht", Ct));
    }

    [Fact]
    public async Task The_list_follows_the_domains_and_the_order_of_the_themes()
    {
        await Findings.SaveAsync(null, Draft(title: "Kwaliteitscyclus", theme: "ko-kwaliteitscyclus"), Analyst, Ct);
        await Findings.SaveAsync(null, Draft(title: "Segregatie", domain: Domain.LeaConsultation, theme: "lea-segregatie"), Analyst, Ct);
        await Findings.SaveAsync(null, Draft(title: "Doel", theme: "ko-doel-van-de-wet"), Analyst, Ct);

        var all = await Findings.ListAsync(null, Ct);
        var lea = await Findings.ListAsync(Domain.LeaConsultation, Ct);

        Assert.Equal(["Doel", "Kwaliteitscyclus", "Segregatie"], all.Select(f => f.Title));
        Assert.Equal("Voorkomen van segregatie", Assert.Single(lea).ThemeTitle);
    }

    [Fact]
    public async Task Editing_replaces_the_finding_and_deleting_removes_it()
    {
        var (id, _) = await Findings.SaveAsync(null, Draft(), Analyst, Ct);
        h.Clock.Advance(TimeSpan.FromHours(1));

        var (same, errors) = await Findings.SaveAsync(id, Draft(title: "Bijgesteld", domain: Domain.LeaConsultation, theme: "lea-overleg", sources: " "), "analyst-2", Ct);

        Assert.Empty(errors);
        Assert.Equal(id, same);
        var edited = await h.QueryAsync(db => db.Findings.SingleAsync(Ct));
        Assert.Equal(("Bijgesteld", Domain.LeaConsultation, "lea-overleg", (string?)null, "analyst-2"), (edited.Title, edited.Domain, edited.ThemeKey, edited.Sources, edited.UpdatedByUserId));
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime, edited.UpdatedAt);

        Assert.True(await Findings.DeleteAsync(id!.Value, Ct));
        Assert.False(await Findings.DeleteAsync(id.Value, Ct));
        Assert.Equal(0, await CountAsync());
        var (gone, none) = await Findings.SaveAsync(id, Draft(), Analyst, Ct);
        Assert.Null(gone);
        Assert.Empty(none);
        Assert.Equal(0, await CountAsync());
    }
}
