using System.Net;
using IbtDialogue.Dialogues;
using IbtDialogue.Series;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Pages;

/// <summary>
/// The series pages: making a series, putting a dialogue in it on the dialogue's details, preparing the next one,
/// renaming and deleting it; bad input refused in Dutch with nothing stored.
/// </summary>
public sealed class SeriesPageTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string form, Dictionary<string, string> values)
    {
        var fields = AppHost.FormFields(await browser.GetStringAsync(path, Ct), form);
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }

        return await browser.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task A_facilitator_makes_a_series_puts_a_dialogue_in_it_and_prepares_the_next_one()
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var owner = await app.CreateFacilitatorAsync(email, "Anna");
        var (dialogue, _) = await app.CreateDialogueAsync(owner, "Handhaving", "LRK op orde");
        var browser = app.CreateBrowserClient(await app.LoginAsync(email));
        var name = $"Handhavingsoverleg {Guid.NewGuid():N}"[..30];

        // Bad input: refused in Dutch, nothing stored.
        var before = await app.QueryAsync(db => db.Series.CountAsync(Ct));
        using (var empty = await PostAsync(browser, "reeksen", "series", new() { ["Input.Name"] = " ", ["Input.Domain"] = "Other" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("Geef de reeks een naam.", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var domain = await PostAsync(browser, "reeksen", "series", new() { ["Input.Name"] = name, ["Input.Domain"] = "Onderwijs" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, domain.StatusCode);
            Assert.Contains("Kies het domein uit de lijst.", await domain.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(before, await app.QueryAsync(db => db.Series.CountAsync(Ct)));

        using var made = await PostAsync(browser, "reeksen", "series", new() { ["Input.Name"] = name, ["Input.Domain"] = "Other", ["Input.Region"] = "GGD Twente" });
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var series = await app.QueryAsync(db => db.Series.Where(s => s.Name == name).Select(s => s.Id).SingleAsync(Ct));
        Assert.EndsWith($"/reeksen/{series}", made.Headers.Location!.ToString(), StringComparison.Ordinal);
        using (var lea = await PostAsync(browser, "reeksen", "series", new() { ["Input.Name"] = name + " LEA", ["Input.Domain"] = "LeaConsultation" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, lea.StatusCode);
        }

        var leaSeries = await app.QueryAsync(db => db.Series.Where(s => s.Name == name + " LEA").Select(s => s.Id).SingleAsync(Ct));

        // The dialogue (domain "overig") joins the series of its domain; the LEA series and a made-up one are refused.
        var details = $"dialogen/{dialogue}/gegevens";
        using (var other = await PostAsync(browser, details, "series", new() { ["SeriesInput.SeriesId"] = leaSeries.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
            Assert.Contains("Deze reeks hoort bij een ander domein dan de dialoog.", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var unknown = await PostAsync(browser, details, "series", new() { ["SeriesInput.SeriesId"] = "zeven" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("Deze reeks bestaat niet.", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Null(await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.SeriesId).SingleAsync(Ct)));
        using (var joined = await PostAsync(browser, details, "series", new() { ["SeriesInput.SeriesId"] = series.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
            Assert.Contains("De reeks is opgeslagen.", await joined.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // The series page lists it and proposes the next year's dialogue; an empty title is refused.
        var page = await browser.GetStringAsync($"reeksen/{series}", Ct);
        Assert.Contains("Lerende dialoog handhaving", page, StringComparison.Ordinal);
        Assert.Contains($"name=\"Input.Title\" value=\"{name} 2027\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Date\" value=\"2027-03-12\"", page, StringComparison.Ordinal);
        var dialogues = await app.QueryAsync(db => db.Dialogues.CountAsync(Ct));
        using (var untitled = await PostAsync(browser, $"reeksen/{series}", "next", new() { ["Input.Title"] = "", ["Input.Date"] = "2027-03-12" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
            Assert.Contains("Vul een titel in", await untitled.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Equal(dialogues, await app.QueryAsync(db => db.Dialogues.CountAsync(Ct)));
        using var next = await PostAsync(browser, $"reeksen/{series}", "next", new() { ["Input.Title"] = $"{name} 2027", ["Input.Date"] = "2027-03-12" });
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        var made2027 = await app.QueryAsync(db => db.Dialogues.Where(d => d.SeriesId == series && d.Id != dialogue)
            .Select(d => new { d.Id, d.Title, d.Date, d.Status, d.Region }).SingleAsync(Ct));
        Assert.Equal(($"{name} 2027", new DateOnly(2027, 3, 12), Protocol.DialogueStatus.Draft, "GGD Twente"), (made2027.Title, made2027.Date, made2027.Status, made2027.Region));
        Assert.EndsWith($"/dialogen/{made2027.Id}", next.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Contains(name, await browser.GetStringAsync("reeksen", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_facilitator_renames_a_series_and_deletes_it_after_confirming_and_its_dialogue_stays_in_no_series()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var owner = await app.CreateFacilitatorAsync($"a-{tag}@owinsp.example", "Anna");
        await app.CreateFacilitatorAsync($"b-{tag}@owinsp.example", "Bert");
        var (dialogue, _) = await app.CreateDialogueAsync(owner);
        var seriesService = app.Services.GetRequiredService<SeriesService>();
        var (series, _) = await seriesService.CreateAsync(owner, $"Overleg {tag}", "Other", "GGD Twente", Ct);
        var (taken, _) = await seriesService.CreateAsync(owner, $"Bezet {tag}", "Other", null, Ct);
        Assert.Equal([], await seriesService.AssignAsync(dialogue, owner, series, Ct));
        var bert = app.CreateBrowserClient(await app.LoginAsync($"b-{tag}@owinsp.example")); // runs no dialogue of the series
        var page = $"reeksen/{series}";
        async Task<(string Name, Domain Domain, string? Region)> StoredAsync()
        {
            var stored = await app.QueryAsync(db => db.Series.AsNoTracking().SingleAsync(s => s.Id == series, Ct));
            return (stored.Name, stored.Domain, stored.Region);
        }

        var html = await bert.GetStringAsync(page, Ct);
        Assert.Contains($"name=\"Edit.Name\" value=\"Overleg {tag}\"", html, StringComparison.Ordinal);
        Assert.Contains("Het domein ligt vast zolang er dialogen in de reeks staan", html, StringComparison.Ordinal);

        // Bad input: refused in Dutch next to the field, nothing changed.
        foreach (var (values, error) in new (Dictionary<string, string>, string)[]
        {
            (new() { ["Edit.Name"] = " ", ["Edit.Domain"] = "Other" }, "Geef de reeks een naam."),
            (new() { ["Edit.Name"] = $"BEZET {tag}", ["Edit.Domain"] = "Other" }, "Er is al een reeks met deze naam."),
            (new() { ["Edit.Name"] = $"Overleg {tag}", ["Edit.Domain"] = "LeaConsultation" }, "Het domein van deze reeks kan niet meer veranderen"),
            (new() { ["Edit.Name"] = $"Overleg {tag}", ["Edit.Domain"] = "Other", ["Edit.Region"] = "GGD Nergens" }, "Kies een GGD-regio uit de lijst, of geen regio."),
        })
        {
            using var refused = await PostAsync(bert, page, "edit-series", values);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync(Ct);
            Assert.Contains(error, body, StringComparison.Ordinal);
            Assert.Contains("aria-invalid=\"true\"", body, StringComparison.Ordinal);
        }

        Assert.Equal(($"Overleg {tag}", Domain.Other, (string?)"GGD Twente"), await StoredAsync());

        // A series that is not there: 404 for its pages, and for a form sent to it, in Dutch.
        var fields = AppHost.FormFields(html, "edit-series");
        fields["Edit.Name"] = "Nergens";
        fields["Edit.Domain"] = "Other";
        using (var unknown = await bert.PostAsync($"reeksen/{taken + 1000}", new FormUrlEncodedContent(fields), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("Deze reeks bestaat niet (meer).", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.False(await app.QueryAsync(db => db.Series.AnyAsync(s => s.Name == "Nergens", Ct)));
        using (var unknownSeries = await bert.GetAsync($"reeksen/{taken + 1000}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownSeries.StatusCode);
            Assert.Contains("Deze pagina bestaat niet (meer).", await unknownSeries.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using (var unknownPage = await bert.GetAsync($"reeksen/{taken + 1000}/verwijderen", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownPage.StatusCode);
        }

        using (var notNumber = await bert.GetAsync("reeksen/zeven/verwijderen", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, notNumber.StatusCode);
        }

        // Renamed by a colleague: back to the series page, which says so.
        using (var renamed = await PostAsync(bert, page, "edit-series", new() { ["Edit.Name"] = $" LEA Twente {tag} ", ["Edit.Domain"] = "Other", ["Edit.Region"] = "" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
            Assert.EndsWith($"/reeksen/{series}?gewijzigd=1", renamed.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(($"LEA Twente {tag}", Domain.Other, (string?)null), await StoredAsync());
        Assert.Contains("De wijzigingen in de reeks zijn opgeslagen.", await bert.GetStringAsync($"{page}?gewijzigd=1", Ct), StringComparison.Ordinal);

        // Deleting asks to confirm first; without it nothing is deleted.
        var delete = $"{page}/verwijderen";
        var deletePage = await bert.GetStringAsync(delete, Ct);
        Assert.Contains("Er staat 1 dialoog in deze reeks.", deletePage, StringComparison.Ordinal);
        using (var unconfirmed = await PostAsync(bert, delete, "delete-series", []))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
            Assert.Contains("Vink aan dat je de reeks wilt verwijderen.", await unconfirmed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.True(await app.QueryAsync(db => db.Series.AnyAsync(s => s.Id == series, Ct)));
        using (var deleted = await PostAsync(bert, delete, "delete-series", new() { ["Input.Confirm"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.EndsWith("/reeksen?verwijderd=1", deleted.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.False(await app.QueryAsync(db => db.Series.AnyAsync(s => s.Id == series, Ct)));
        Assert.Null(await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.SeriesId).SingleAsync(Ct))); // still there, in no series
        Assert.Contains("De reeks is verwijderd.", await bert.GetStringAsync("reeksen?verwijderd=1", Ct), StringComparison.Ordinal);
        using (var gone = await bert.GetAsync(page, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        // Confirmed again from the page read before (a colleague's tab): the series is gone, said so in Dutch.
        var stale = AppHost.FormFields(deletePage, "delete-series");
        stale["Input.Confirm"] = "true";
        using (var again = await bert.PostAsync(delete, new FormUrlEncodedContent(stale), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Contains("Deze reeks bestaat niet (meer).", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Its dialogue's owner still sees it, and its record names no series.
        var anna = app.CreateBrowserClient(await app.LoginAsync($"a-{tag}@owinsp.example"));
        using var dossier = await anna.GetAsync($"dialogen/{dialogue}/dossier.json", Ct);
        Assert.Equal(HttpStatusCode.OK, dossier.StatusCode);
        Assert.Contains("\"series\": null", await dossier.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
