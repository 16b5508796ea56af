using System.Net;
using Ical.Net;
using IbtDialogue.Dialogues;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Pages;

/// <summary>A dialogue's title, date, time and place, changed on its page until it closes; its calendar invitation; duplicating it.</summary>
public sealed class DialogueDetailsTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Dialogue, string Owner, HttpClient Browser)> DialogueAsync()
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var owner = await app.CreateFacilitatorAsync(email, "Anna");
        var (dialogue, _) = await app.CreateDialogueAsync(owner, "Handhaving", "LRK op orde");
        return (dialogue, owner, app.CreateBrowserClient(await app.LoginAsync(email)));
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient browser, int dialogue, Dictionary<string, string> values)
    {
        var fields = AppHost.FormFields(await browser.GetStringAsync($"dialogen/{dialogue}/gegevens", Ct), "details");
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }

        return await browser.PostAsync($"dialogen/{dialogue}/gegevens", new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task The_facilitator_sets_time_and_place_and_the_calendar_invitation_carries_them_in_Dutch_time()
    {
        var (dialogue, _, browser) = await DialogueAsync();

        using var saved = await SaveAsync(browser, dialogue, new()
        {
            ["Input.Title"] = "LEA-overleg regio Twente",
            ["Input.Date"] = "2026-03-12",
            ["Input.StartTime"] = "13:30",
            ["Input.EndTime"] = "16:00",
            ["Input.Place"] = "Stadhuis Enschede, zaal 2",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("De gegevens zijn opgeslagen.", await saved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var file = await browser.GetAsync($"dialogen/{dialogue}/agenda.ics", Ct);
        Assert.Equal("text/calendar", file.Content.Headers.ContentType!.MediaType);
        var calendar = Calendar.Load(await file.Content.ReadAsStringAsync(Ct))!;
        var invitation = Assert.Single(calendar.Events);
        Assert.Equal("LEA-overleg regio Twente", invitation.Summary);
        Assert.Equal("Stadhuis Enschede, zaal 2", invitation.Location);
        Assert.Equal("Europe/Amsterdam", invitation.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 3, 12, 13, 30, 0), invitation.DtStart.Value);
        Assert.Equal(new DateTime(2026, 3, 12, 12, 30, 0, DateTimeKind.Utc), invitation.DtStart.AsUtc); // CET, winter time.
        Assert.Equal(new DateTime(2026, 3, 12, 16, 0, 0), invitation.DtEnd!.Value);
        var code = await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode).SingleAsync(Ct));
        Assert.Contains($"deelnemen/{JoinCodes.Display(code)}", invitation.Description, StringComparison.Ordinal);
        Assert.Equal($"dialogue-{dialogue}@{app.BaseAddress.Host}", invitation.Uid);

        // Someone else's dialogue has no invitation for them.
        var (_, _, other) = await DialogueAsync();
        using var foreign = await other.GetAsync($"dialogen/{dialogue}/agenda.ics", Ct);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Without_a_time_the_invitation_is_for_the_whole_day()
    {
        var (dialogue, _, browser) = await DialogueAsync();

        var calendar = Calendar.Load(await browser.GetStringAsync($"dialogen/{dialogue}/agenda.ics", Ct))!;

        var invitation = Assert.Single(calendar.Events);
        Assert.False(invitation.DtStart!.HasTime);
        Assert.Equal(new DateTime(2026, 3, 12), invitation.DtStart.Value);
        Assert.Null(invitation.Location);
    }

    [Theory]
    [InlineData("", "2026-03-12", "", "", "", "Vul een titel in")]
    [InlineData("Titel", "2026-03-12", "16:00", "13:30", "", "De eindtijd ligt niet na de begintijd.")]
    [InlineData("Titel", "2026-03-12", "", "13:30", "", "Er is een eindtijd zonder begintijd.")]
    public async Task Bad_details_are_refused_in_Dutch_and_nothing_changes(string title, string date, string start, string end, string place, string message)
    {
        var (dialogue, _, browser) = await DialogueAsync();

        using var refused = await SaveAsync(browser, dialogue, new()
        {
            ["Input.Title"] = title, ["Input.Date"] = date, ["Input.StartTime"] = start, ["Input.EndTime"] = end, ["Input.Place"] = place,
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(message, await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var stored = await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => new { d.Title, d.StartTime, d.EndTime }).SingleAsync(Ct));
        Assert.Equal(("Lerende dialoog handhaving", (TimeOnly?)null, (TimeOnly?)null), (stored.Title, stored.StartTime, stored.EndTime));
    }

    [Fact]
    public async Task A_closed_dialogues_details_stay_as_they_were()
    {
        var (dialogue, owner, _) = await DialogueAsync();
        var engine = app.Services.GetRequiredService<RoomEngine>();
        var anna = new Actor(owner, null, null);
        await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        await engine.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);

        var refused = await app.Services.GetRequiredService<DialogueDetailsService>().UpdateAsync(
            dialogue, owner, new DialogueDetails("Andere titel", new DateOnly(2026, 4, 1), null, null, null), Ct);

        Assert.Equal([DetailsError.Closed], refused);
        Assert.Equal("Lerende dialoog handhaving", await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Title).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Duplicating_copies_the_preparation_not_what_happened()
    {
        var (dialogue, owner, browser) = await DialogueAsync();
        var engine = app.Services.GetRequiredService<RoomEngine>();
        var anna = new Actor(owner, null, null);
        var themes = await app.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).OrderBy(t => t.Position).Select(t => t.Id).ToListAsync(Ct));
        var voting = app.Services.GetRequiredService<IbtDialogue.Voting.VotingCommands>();
        await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var risk = await voting.SaveRiskAsync(new SaveRisk(Guid.NewGuid(), dialogue, themes[1], null, "LRK niet op orde", null), anna, Ct);
        Assert.True(risk.Result.Ok, risk.Result.Error);
        await app.JoinAsync(await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode).SingleAsync(Ct)), "Piet", "Zwolle");

        var fields = AppHost.FormFields(await browser.GetStringAsync($"dialogen/{dialogue}", Ct), "duplicate");
        using var duplicated = await browser.PostAsync($"dialogen/{dialogue}", new FormUrlEncodedContent(fields), Ct);

        Assert.Equal(HttpStatusCode.Redirect, duplicated.StatusCode);
        var copy = int.Parse(duplicated.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(dialogue, copy);
        var stored = await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == copy).Select(d => new
        {
            d.Title,
            d.Status,
            Themes = d.Themes.OrderBy(t => t.Position).Select(t => t.Title).ToList(),
            Owner = d.Facilitators.Single().UserId,
            Participants = db.Participants.Count(p => p.DialogueId == d.Id),
            Risks = db.Risks.Where(r => r.DialogueId == d.Id).Select(r => r.Title).ToList(),
            d.JoinCode,
        }).SingleAsync(Ct));
        Assert.Equal("Lerende dialoog handhaving (kopie)", stored.Title);
        Assert.Equal(DialogueStatus.Draft, stored.Status);
        Assert.Equal(["Handhaving", "LRK op orde"], stored.Themes);
        Assert.Equal(owner, stored.Owner);
        Assert.Equal(0, stored.Participants);
        Assert.Equal(["LRK niet op orde"], stored.Risks);
        Assert.NotEqual(await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.JoinCode).SingleAsync(Ct)), stored.JoinCode);
    }

    [Fact]
    public async Task A_closed_dialogue_goes_into_the_archive_out_of_the_list_and_can_come_back()
    {
        var (dialogue, owner, browser) = await DialogueAsync();
        var service = app.Services.GetRequiredService<DialogueDetailsService>();
        Assert.False(await service.ArchiveAsync(dialogue, owner, archive: true, Ct)); // A draft is work at hand.
        var engine = app.Services.GetRequiredService<RoomEngine>();
        var anna = new Actor(owner, null, null);
        await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        await engine.CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var link = $"href=\"dialogen/{dialogue}\"";
        Assert.Contains(link, await browser.GetStringAsync("dialogen", Ct), StringComparison.Ordinal);

        using (var archived = await browser.PostAsync($"dialogen/{dialogue}", new FormUrlEncodedContent(AppHost.FormFields(await browser.GetStringAsync($"dialogen/{dialogue}", Ct), "archive")), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        }

        var list = await browser.GetStringAsync("dialogen", Ct);
        Assert.DoesNotContain(link, list, StringComparison.Ordinal);
        Assert.Contains("Gearchiveerde dialogen (1)", list, StringComparison.Ordinal);
        Assert.Contains(link, await browser.GetStringAsync("dialogen?archief=1", Ct), StringComparison.Ordinal);

        var console = await browser.GetStringAsync($"dialogen/{dialogue}", Ct);
        Assert.Contains("Uit het archief halen", console, StringComparison.Ordinal);
        using (var back = await browser.PostAsync($"dialogen/{dialogue}", new FormUrlEncodedContent(AppHost.FormFields(console, "archive")), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        }

        Assert.Contains(link, await browser.GetStringAsync("dialogen", Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("archief=1", await browser.GetStringAsync("dialogen", Ct), StringComparison.Ordinal);
    }
}
