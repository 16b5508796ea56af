using System.Net;
using IbtDialogue.Dialogues;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Pages;

/// <summary>The series pages: making a series, putting a dialogue in it on the dialogue's details, preparing the next one; bad input refused in Dutch with nothing stored.</summary>
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
}
