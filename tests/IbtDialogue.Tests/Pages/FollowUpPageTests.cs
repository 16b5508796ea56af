using System.Net;
using System.Text.RegularExpressions;
using IbtDialogue.Agreements;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Pages;

/// <summary>
/// The follow-up pages over plain HTTP on the real app host, with the forms' antiforgery tokens: the facilitator
/// updates a status on the dialogue's agreements page and makes a personal link; the owner's contact updates the
/// agreement through that link without an account; a link that has expired shows why and changes nothing.
/// </summary>
public sealed partial class FollowUpPageTests : IAsyncLifetime
{
    private readonly AppHost app = new();
    private int dialogue;
    private int agreement;
    private int otherAgreement;
    private string annaId = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        annaId = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        var anna = new Actor(annaId, null, null);
        (dialogue, _) = await app.CreateDialogueAsync(annaId, "Handhaving");
        await app.Services.GetRequiredService<IbtDialogue.Room.RoomEngine>().OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), anna, Ct);
        var theme = await app.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).Select(t => t.Id).SingleAsync(Ct));
        var commands = app.Services.GetRequiredService<AgreementCommands>();
        agreement = (await commands.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Handhavingsbeleid actualiseren", "Gemeente Zwolle", null), anna, Ct)).Result.EntityId!.Value;
        otherAgreement = (await commands.SaveAgreementAsync(new SaveAgreement(Guid.NewGuid(), dialogue, null, theme, "Termijnen afstemmen", "GGD", null), anna, Ct)).Result.EntityId!.Value;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private Task<List<AgreementStatusChange>> HistoryAsync() =>
        app.QueryAsync(db => db.AgreementStatusChanges.OrderBy(c => c.Id).ToListAsync(Ct));

    private Task<AgreementStatus> StatusAsync(int id) => app.QueryAsync(db => db.Agreements.Where(a => a.Id == id).Select(a => a.Status).SingleAsync(Ct));

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formName, Dictionary<string, string> values, string? page = null)
    {
        var fields = AppHost.FormFields(page ?? await client.GetStringAsync(url, Ct), formName);
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task The_facilitator_updates_a_status_on_the_agreements_page_and_an_empty_note_is_refused_with_the_reason()
    {
        using var anna = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        var url = $"dialogen/{dialogue}/afspraken";
        var console = await anna.GetStringAsync($"dialogen/{dialogue}", Ct);
        Assert.Contains($"href=\"{url}\"", console, StringComparison.Ordinal);

        using (var refused = await PostFormAsync(anna, url, $"status-{agreement}", new() { ["Input.Status"] = "Done", ["Input.Note"] = "  " }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync(Ct);
            Assert.Contains("class=\"error-summary\"", html, StringComparison.Ordinal);
            Assert.Contains($"#note-{agreement}\">Schrijf een korte toelichting bij de wijziging.</a>", html, StringComparison.Ordinal);
        }

        Assert.Empty(await HistoryAsync());

        using (var saved = await PostFormAsync(anna, url, $"status-{agreement}", new() { ["Input.Status"] = "InProgress", ["Input.Note"] = "Eerste overleg met de wethouder gepland" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Contains($"{url}?opgeslagen={agreement}", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var step = Assert.Single(await HistoryAsync());
        Assert.Equal((agreement, AgreementStatus.Open, AgreementStatus.InProgress, "Eerste overleg met de wethouder gepland", annaId, (string?)null), (step.AgreementId, step.From, step.To, step.Note, step.ByUserId, step.ByContactName));
        Assert.Equal(AgreementStatus.Open, await StatusAsync(otherAgreement));
        var page = await anna.GetStringAsync($"{url}?opgeslagen={agreement}", Ct);
        Assert.Contains("De status is opgeslagen.", page, StringComparison.Ordinal);
        Assert.Contains("van open naar bezig, door Anna de Vries", page, StringComparison.Ordinal);

        // Another facilitator finds nothing here.
        await app.CreateFacilitatorAsync("bert@owinsp.example", "Bert");
        using var bert = app.CreateBrowserClient(await app.LoginAsync("bert@owinsp.example"));
        Assert.Equal(HttpStatusCode.NotFound, (await bert.GetAsync(url, Ct)).StatusCode);
        Assert.DoesNotContain("Handhavingsbeleid", await bert.GetStringAsync("afspraken", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contact_updates_the_agreement_through_the_personal_link_without_an_account_and_only_that_agreement()
    {
        using var anna = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        string link;
        using (var made = await PostFormAsync(anna, $"dialogen/{dialogue}/afspraken", $"link-{agreement}", []))
        {
            Assert.Equal(HttpStatusCode.OK, made.StatusCode);
            link = WebUtility.HtmlDecode(LinkField().Match(await made.Content.ReadAsStringAsync(Ct)).Groups["url"].Value);
        }

        Assert.StartsWith(new Uri(app.BaseAddress, "afspraak/").ToString(), link, StringComparison.Ordinal);
        using var contact = app.CreateBrowserClient();
        var page = await contact.GetStringAsync(link, Ct);
        Assert.Contains("Handhavingsbeleid actualiseren", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Termijnen afstemmen", page, StringComparison.Ordinal);

        // The form sent for another agreement of the same dialogue: refused, nothing stored.
        using (var other = await PostFormAsync(contact, link, "follow-up", new()
        {
            ["Input.AgreementId"] = otherAgreement.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Name"] = "Jan Smit",
            ["Input.Status"] = "Done",
            ["Input.Note"] = "Klaar",
        }, page))
        {
            Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
            Assert.Contains("Deze link hoort bij een andere afspraak. Er is niets gewijzigd.", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Empty(await HistoryAsync());

        using (var saved = await PostFormAsync(contact, link, "follow-up", new() { ["Input.Name"] = "Jan Smit", ["Input.Status"] = "Done", ["Input.Note"] = "Vastgesteld door het college" }, page))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var step = Assert.Single(await HistoryAsync());
        Assert.Equal((agreement, AgreementStatus.Done, "Jan Smit", (string?)null), (step.AgreementId, step.To, step.ByContactName, step.ByUserId));
        Assert.Equal(AgreementStatus.Done, await StatusAsync(agreement));
        var after = await contact.GetStringAsync(link + "?opgeslagen=1", Ct);
        Assert.Contains("Dank je wel. De status is opgeslagen.", after, StringComparison.Ordinal);
        Assert.Contains("Jan Smit (via de persoonlijke link)", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_says_so_in_Dutch_and_changes_nothing()
    {
        var issued = (await app.Services.GetRequiredService<AgreementFollowUp>().IssueLinkAsync(dialogue, agreement, annaId, Ct))!;
        var link = $"afspraak/{issued.Secret}";
        using var contact = app.CreateBrowserClient();
        var form = await contact.GetStringAsync(link, Ct); // opened while it worked, sent after it expired

        await app.QueryAsync(db => db.AgreementLinks.ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), Ct));

        using (var opened = await contact.GetAsync(link, Ct))
        {
            Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
            var html = await opened.Content.ReadAsStringAsync(Ct);
            Assert.Contains("Deze link is verlopen.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Handhavingsbeleid", html, StringComparison.Ordinal);
        }

        using (var sent = await PostFormAsync(contact, link, "follow-up", new() { ["Input.Name"] = "Jan Smit", ["Input.Status"] = "Done", ["Input.Note"] = "Klaar" }, form))
        {
            Assert.Equal(HttpStatusCode.Gone, sent.StatusCode);
            Assert.Contains("Deze link is verlopen. Vraag de begeleider van de dialoog om een nieuwe link. Er is niets gewijzigd.", await sent.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Empty(await HistoryAsync());
        Assert.Equal(AgreementStatus.Open, await StatusAsync(agreement));
        using var unknown = await contact.GetAsync("afspraak/geen-echte-link", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Deze link werkt niet.", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal); // the page, not an empty 404
    }

    [GeneratedRegex("value=\"(?<url>[^\"]+)\"[^>]*data-testid=\"follow-up-link\"")]
    private static partial Regex LinkField();
}
