using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using IbtDialogue.Accounts;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.NationalPicture;

/// <summary>The national picture's pages over plain HTTP, with the forms' antiforgery tokens, as a browser without script uses them.</summary>
public sealed class NationalPictureHttpTests : IAsyncLifetime
{
    private readonly AppHost app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static string CsvFile(string name) => Path.Combine(AppContext.BaseDirectory, "NationalPicture", "Csv", name);

    private async Task<HttpClient> AnalystAsync()
    {
        await app.CreateAccountAsync("carla@owinsp.example", "Carla Analist", Roles.Analyst);
        return app.CreateBrowserClient(await app.LoginAsync("carla@owinsp.example"));
    }

    private static async Task<HttpResponseMessage> DefineAsync(HttpClient browser, string key)
    {
        var page = await browser.GetStringAsync("landelijk-beeld/indicatoren", Ct);
        var fields = AppHost.FormFields(page, "indicator");
        fields["DefineInput.Key"] = key;
        fields["DefineInput.Name"] = "Verplichte inspecties uitgevoerd";
        fields["DefineInput.Unit"] = "%";
        fields["DefineInput.Domain"] = "ChildcareSupervision";
        fields["DefineInput.ThemeKey"] = "ko-risicogestuurd-toezicht";
        return await browser.PostAsync("landelijk-beeld/indicatoren", new FormUrlEncodedContent(fields), Ct);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, string key, string year, byte[] csv, bool withToken = true)
    {
        var page = await browser.GetStringAsync("landelijk-beeld/indicatoren", Ct);
        var fields = AppHost.FormFields(page, "import");
        if (!withToken)
        {
            fields.Remove("__RequestVerificationToken");
        }

        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new StringContent(key), "ImportInput.Indicator");
        content.Add(new StringContent(year), "ImportInput.Year");
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "ImportInput.File", "cijfers.csv");
        return await browser.PostAsync("landelijk-beeld/indicatoren", content, Ct);
    }

    private Task<int> ValueCountAsync() => app.QueryAsync(db => db.IndicatorValues.CountAsync(Ct));

    [Fact]
    public async Task An_analyst_defines_an_indicator_and_imports_a_file_with_the_antiforgery_token()
    {
        using var browser = await AnalystAsync();

        using var defined = await DefineAsync(browser, "inspecties-uitgevoerd");
        Assert.Equal(HttpStatusCode.OK, defined.StatusCode);
        Assert.Contains("De indicator ‘Verplichte inspecties uitgevoerd’ is toegevoegd.", await defined.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var imported = await UploadAsync(browser, "inspecties-uitgevoerd", "2025", await File.ReadAllBytesAsync(CsvFile("good.csv"), Ct));
        var page = await imported.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("7 gemeente(n) geïmporteerd voor ‘Verplichte inspecties uitgevoerd’, 2025.", page, StringComparison.Ordinal);
        Assert.Contains("2025 (7 gemeenten)", page, StringComparison.Ordinal);
        Assert.Equal(7, await app.QueryAsync(db => db.IndicatorValues.CountAsync(v => v.Year == 2025, Ct)));
    }

    [Fact]
    public async Task A_file_with_errors_shows_them_with_line_numbers_and_stores_nothing()
    {
        using var browser = await AnalystAsync();
        (await DefineAsync(browser, "inspecties-uitgevoerd")).Dispose();

        using var refused = await UploadAsync(browser, "inspecties-uitgevoerd", "2025", await File.ReadAllBytesAsync(CsvFile("every-error.csv"), Ct));
        var document = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = document.QuerySelector("[data-testid=import-errors]")!;
        Assert.Equal("alert", errors.GetAttribute("role"));
        Assert.Contains("Er is niets opgeslagen.", errors.TextContent, StringComparison.Ordinal);
        var items = errors.QuerySelectorAll("li");
        Assert.Equal(["3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "15", "17"], items.Select(li => li.GetAttribute("data-line")));
        Assert.Equal("Regel 3: De gemeente ‘Zwole’ kennen we niet. Gebruik de CBS-code (zoals GM0193) of de precieze naam van de gemeente.", items[0].TextContent);
        Assert.Equal("true", document.QuerySelector("#import-file")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await ValueCountAsync());
    }

    [Fact]
    public async Task An_upload_without_the_token_or_over_the_size_limit_stores_nothing()
    {
        using var browser = await AnalystAsync();
        (await DefineAsync(browser, "inspecties-uitgevoerd")).Dispose();
        var good = await File.ReadAllBytesAsync(CsvFile("good.csv"), Ct);

        using var withoutToken = await UploadAsync(browser, "inspecties-uitgevoerd", "2025", good, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var large = new byte[(1024 * 1024) + 1];
        Array.Fill(large, (byte)'1');
        using var tooLarge = await UploadAsync(browser, "inspecties-uitgevoerd", "2025", large);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("Het bestand is groter dan 1 MB.", await tooLarge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var badYear = await UploadAsync(browser, "inspecties-uitgevoerd", "twintig", good);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Contains("Vul een jaar in tussen 2000 en 2100.", await badYear.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        Assert.Equal(0, await ValueCountAsync());
    }

    [Fact]
    public async Task A_facilitator_reads_the_indicators_but_cannot_import()
    {
        using var analyst = await AnalystAsync();
        (await DefineAsync(analyst, "inspecties-uitgevoerd")).Dispose();
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var facilitator = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));

        var page = await facilitator.GetStringAsync("landelijk-beeld/indicatoren", Ct);
        Assert.Contains("Verplichte inspecties uitgevoerd", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"import\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"indicator\"", page, StringComparison.Ordinal);

        // A hand-made post with the facilitator's own token still imports nothing.
        using var content = new MultipartFormDataContent
        {
            { new StringContent(AppHost.HiddenFields(page)["__RequestVerificationToken"]), "__RequestVerificationToken" },
            { new StringContent("import"), "_handler" },
            { new StringContent("inspecties-uitgevoerd"), "ImportInput.Indicator" },
            { new StringContent("2025"), "ImportInput.Year" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(CsvFile("good.csv"), Ct)), "ImportInput.File", "cijfers.csv" },
        };
        using var refused = await facilitator.PostAsync("landelijk-beeld/indicatoren", content, Ct);

        Assert.False(refused.IsSuccessStatusCode, refused.StatusCode.ToString());
        Assert.Equal(0, await ValueCountAsync());
    }

    [Fact]
    public async Task The_chart_page_draws_the_year_and_points_out_the_chosen_municipality()
    {
        using var browser = await AnalystAsync();
        (await DefineAsync(browser, "inspecties-uitgevoerd")).Dispose();
        (await UploadAsync(browser, "inspecties-uitgevoerd", "2025", await File.ReadAllBytesAsync(CsvFile("good.csv"), Ct))).Dispose();
        (await UploadAsync(browser, "inspecties-uitgevoerd", "2024", "gemeente;waarde\nGM0193;50\n"u8.ToArray())).Dispose();

        var html = await browser.GetStringAsync("landelijk-beeld/indicatoren/inspecties-uitgevoerd?jaar=2025&gemeente=GM0193", Ct);
        var document = new HtmlParser().ParseDocument(html);

        var bars = document.QuerySelectorAll("svg rect.bar");
        Assert.Equal(7, bars.Length);
        Assert.Equal("GM0193", document.QuerySelector("svg rect.highlight")!.GetAttribute("data-code"));
        Assert.Equal(bars.Select(b => b.GetAttribute("data-value")), document.QuerySelectorAll("table tbody tr").Select(r => r.GetAttribute("data-value")));
        Assert.Contains("Zwolle: 87,5%, plaats 3 van 7", document.QuerySelector("svg")!.GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Equal("GM0193", document.QuerySelector("#gemeente option[selected]")!.GetAttribute("value"));
        Assert.Equal("2025", document.QuerySelector("#jaar option[selected]")!.GetAttribute("value"));

        // Without a year the latest is shown; a name works as well as a code.
        var latest = new HtmlParser().ParseDocument(await browser.GetStringAsync("landelijk-beeld/indicatoren/inspecties-uitgevoerd?gemeente=Zwolle", Ct));
        Assert.Equal(7, latest.QuerySelectorAll("svg rect.bar").Length);
        Assert.Equal("GM0193", latest.QuerySelector("svg rect.highlight")!.GetAttribute("data-code"));

        var earlier = new HtmlParser().ParseDocument(await browser.GetStringAsync("landelijk-beeld/indicatoren/inspecties-uitgevoerd?jaar=2024", Ct));
        Assert.Single(earlier.QuerySelectorAll("svg rect.bar"));

        using var unknown = await browser.GetAsync("landelijk-beeld/indicatoren/bestaat-niet", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_analyst_writes_a_finding_and_sees_it_rendered_safely()
    {
        using var browser = await AnalystAsync();
        var form = await browser.GetStringAsync("landelijk-beeld/bevindingen/nieuw", Ct);
        var fields = AppHost.FormFields(form, "finding");
        fields["Input.ThemeKey"] = "ko-handhaving";
        fields["Input.Title"] = "";
        fields["Input.Markdown"] = "Handhaving blijft **vaak** uit. <script>alert('x')</script>";
        fields["Input.Sources"] = "[Rapport](https://www.onderwijsinspectie.nl)";

        using var invalid = await browser.PostAsync("landelijk-beeld/bevindingen/nieuw", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Geef de bevinding een titel.", await invalid.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Findings.CountAsync(Ct)));

        fields["Input.Title"] = "Handhaving blijft uit";
        using var saved = await browser.PostAsync("landelijk-beeld/bevindingen/nieuw", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = await app.QueryAsync(db => db.Findings.Select(f => f.Id).SingleAsync(Ct));
        Assert.EndsWith($"/landelijk-beeld/bevindingen/{id}?opgeslagen=1", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var shown = await browser.GetAsync(saved.Headers.Location, Ct);
        var page = await shown.Content.ReadAsStringAsync(Ct);
        Assert.Contains("De bevinding is opgeslagen.", page, StringComparison.Ordinal);
        Assert.Contains("Handhaving blijft <strong>vaak</strong> uit.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", shown.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        // A facilitator reads it in the list, grouped under its domain and theme, without the analyst's edit link.
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var facilitator = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        var list = new HtmlParser().ParseDocument(await facilitator.GetStringAsync("landelijk-beeld/bevindingen", Ct));
        Assert.Equal("Toezicht en handhaving kinderopvang", list.QuerySelector("section h2")!.TextContent);
        Assert.Equal("Handhaving bij overtredingen (van aanwijzing tot last onder dwangsom)", list.QuerySelector("section h3")!.TextContent);
        Assert.Equal("Handhaving blijft uit", list.QuerySelector("article h4")!.TextContent);
        Assert.Contains("door Carla Analist", list.QuerySelector("article .meta")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(list.QuerySelectorAll($"a[href='landelijk-beeld/bevindingen/{id}'], a[href='landelijk-beeld/bevindingen/nieuw']"));
        Assert.Empty(list.QuerySelectorAll("article script"));
    }

    [Fact]
    public async Task Deleting_a_finding_needs_the_box_ticked()
    {
        using var browser = await AnalystAsync();
        var form = await browser.GetStringAsync("landelijk-beeld/bevindingen/nieuw", Ct);
        var fields = AppHost.FormFields(form, "finding");
        fields["Input.ThemeKey"] = "lea-segregatie";
        fields["Input.Title"] = "Segregatie staat zelden op de agenda";
        fields["Input.Markdown"] = "Tekst.";
        using var saved = await browser.PostAsync("landelijk-beeld/bevindingen/nieuw", new FormUrlEncodedContent(fields), Ct);
        var address = saved.Headers.Location!.OriginalString;

        var edit = await browser.GetStringAsync(address, Ct);
        var delete = AppHost.FormFields(edit, "delete-finding");
        using var notTicked = await browser.PostAsync(address, new FormUrlEncodedContent(delete), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, notTicked.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Findings.CountAsync(Ct)));

        delete["DeleteInput.Confirm"] = "true";
        using var deleted = await browser.PostAsync(address, new FormUrlEncodedContent(delete), Ct);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await app.QueryAsync(db => db.Findings.CountAsync(Ct)));
        using var gone = await browser.GetAsync(address, Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
