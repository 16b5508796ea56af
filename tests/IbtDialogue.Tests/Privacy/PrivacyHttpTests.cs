using System.Net;
using IbtDialogue.Accounts;
using IbtDialogue.Contributions;
using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Privacy;

/// <summary>The exports and the moderation trail over HTTP, as a browser asks for them: who gets what, and who gets 404.</summary>
public sealed class PrivacyHttpTests : IAsyncLifetime
{
    private readonly AppHost app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private RoomEngine Engine => app.Services.GetRequiredService<RoomEngine>();

    private ContributionCommands Contributions => app.Services.GetRequiredService<ContributionCommands>();

    private async Task<(int Id, string Code)> OpenDialogueAsync(string ownerId)
    {
        var (id, code) = await app.CreateDialogueAsync(ownerId);
        Assert.True((await Engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), id), new Actor(ownerId, null, null), Ct)).Result.Ok);
        return (id, code);
    }

    private async Task<(string Token, Actor Actor)> JoinAsync(int dialogue, string code, string name, string organisation)
    {
        var token = await app.JoinAsync(code, name, organisation);
        var hash = ParticipantTokens.Hash(token);
        var id = await app.QueryAsync(db => db.Participants.Where(p => p.TokenHash == hash).Select(p => p.Id).SingleAsync(Ct));
        return (token, new Actor(null, id, dialogue));
    }

    private async Task<int> PostAsync(int dialogue, Actor who, string text)
    {
        var theme = await app.QueryAsync(db => db.Themes.Where(t => t.DialogueId == dialogue).OrderBy(t => t.Position).Select(t => t.Id).FirstAsync(Ct));
        var posted = await Contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, text), who, Ct);
        Assert.True(posted.Result.Ok, posted.Result.Error);
        return posted.Result.EntityId!.Value;
    }

    private HttpClient Browser(params (string Name, string Value)[] cookies)
    {
        var jar = new CookieContainer();
        foreach (var (name, value) in cookies)
        {
            jar.Add(app.BaseAddress, new Cookie(name, value, "/"));
        }

        return app.CreateBrowserClient(jar);
    }

    [Fact]
    public async Task A_participant_downloads_their_own_data_and_no_other_cookie_opens_it()
    {
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (a, codeA) = await OpenDialogueAsync(anna);
        var (b, codeB) = await OpenDialogueAsync(anna);
        var (piet, pietActor) = await JoinAsync(a, codeA, "Piet", "Zwolle");
        var (_, keesActor) = await JoinAsync(a, codeA, "Kees", "Assen");
        var (els, _) = await JoinAsync(b, codeB, "Els", "Emmen");
        await PostAsync(a, pietActor, "Te weinig capaciteit voor herhaalonderzoek");
        await PostAsync(a, keesActor, "Signalen komen te laat binnen");

        using var own = Browser((ParticipantTokens.CookieName(a), piet));
        using var json = await own.GetAsync($"d/{codeA}/mijn-gegevens.json", Ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.True(json.Headers.CacheControl!.NoStore);
        var text = await json.Content.ReadAsStringAsync(Ct);
        ExportSchemas.AssertValid(ExportSchemas.Participant, text);
        Assert.Contains("\"displayName\": \"Piet\"", text, StringComparison.Ordinal);
        Assert.Contains("Te weinig capaciteit voor herhaalonderzoek", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kees", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Signalen komen te laat binnen", text, StringComparison.Ordinal);

        using var html = await own.GetAsync($"d/{codeA.ToLowerInvariant()}/mijn-gegevens.html", Ct);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Te weinig capaciteit voor herhaalonderzoek", await html.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var page = await own.GetStringAsync($"d/{codeA}/mijn-gegevens", Ct);
        Assert.Contains("Te weinig capaciteit voor herhaalonderzoek", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"d/{codeA}/mijn-gegevens.json\"", page, StringComparison.Ordinal);

        // Someone else's cookie: another dialogue's participant (under this dialogue's cookie or their own), a made-up token, none.
        foreach (var cookies in new[]
        {
            new[] { (ParticipantTokens.CookieName(a), els) },
            [(ParticipantTokens.CookieName(b), els)],
            [(ParticipantTokens.CookieName(a), ParticipantTokens.Create())],
            [],
        })
        {
            using var other = Browser(cookies);
            foreach (var path in new[] { "mijn-gegevens.json", "mijn-gegevens.html", "mijn-gegevens" })
            {
                using var refused = await other.GetAsync($"d/{codeA}/{path}", Ct);
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
                var body = await refused.Content.ReadAsStringAsync(Ct);
                Assert.DoesNotContain("Piet", body, StringComparison.Ordinal);
                Assert.DoesNotContain("Els", body, StringComparison.Ordinal);
            }
        }

        // Els's own cookie opens Els's data in her dialogue, not Piet's.
        using var elsBrowser = Browser((ParticipantTokens.CookieName(b), els));
        var hers = await elsBrowser.GetStringAsync($"d/{codeB}/mijn-gegevens.json", Ct);
        Assert.Contains("\"displayName\": \"Els\"", hers, StringComparison.Ordinal);
        Assert.DoesNotContain("Piet", hers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_moderation_page_shows_the_trail_to_the_dialogues_facilitators_and_is_404_to_others()
    {
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        await app.CreateFacilitatorAsync("bert@owinsp.example", "Bert");
        await app.CreateAccountAsync("dirk@owinsp.example", "Dirk", Roles.Administrator, Roles.Facilitator);
        var (dialogue, code) = await OpenDialogueAsync(anna);
        var (_, piet) = await JoinAsync(dialogue, code, "Piet", "Zwolle");
        var posted = await PostAsync(dialogue, piet, "Een zin die weg moet");
        Assert.True((await Contributions.ModerateAsync(new ModerateContribution(Guid.NewGuid(), dialogue, posted, ModerationAction.Hide), new Actor(anna, null, null), Ct)).Result.Ok);

        using (var facilitator = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example")))
        {
            var console = await facilitator.GetStringAsync($"dialogen/{dialogue}", Ct);
            Assert.Contains($"href=\"dialogen/{dialogue}/moderatie\"", console, StringComparison.Ordinal);
            var page = await facilitator.GetStringAsync($"dialogen/{dialogue}/moderatie", Ct);
            Assert.Contains("data-testid=\"moderation-trail\"", page, StringComparison.Ordinal);
            Assert.Contains("Anna de Vries", page, StringComparison.Ordinal);
            Assert.Contains("verborgen", page, StringComparison.Ordinal);
            Assert.Contains("Een zin die weg moet", page, StringComparison.Ordinal);
        }

        foreach (var other in new[] { "bert@owinsp.example", "dirk@owinsp.example" })
        {
            using var browser = app.CreateBrowserClient(await app.LoginAsync(other));
            using var response = await browser.GetAsync($"dialogen/{dialogue}/moderatie", Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Een zin die weg moet", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_administrator_exports_a_participant_and_any_dialogues_record_a_facilitator_only_their_own()
    {
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        await app.CreateFacilitatorAsync("bert@owinsp.example", "Bert");
        await app.CreateAccountAsync("dirk@owinsp.example", "Dirk", Roles.Administrator);
        var (dialogue, code) = await OpenDialogueAsync(anna);
        var (_, piet) = await JoinAsync(dialogue, code, "Piet", "Zwolle");
        await PostAsync(dialogue, piet, "Te weinig capaciteit voor herhaalonderzoek");

        using var admin = app.CreateBrowserClient(await app.LoginAsync("dirk@owinsp.example"));
        var request = await admin.GetStringAsync($"beheer/deelnemers/{piet.ParticipantId}", Ct);
        Assert.Contains($"href=\"beheer/deelnemers/{piet.ParticipantId}/gegevens.json\"", request, StringComparison.Ordinal);
        using var json = await admin.GetAsync($"beheer/deelnemers/{piet.ParticipantId}/gegevens.json", Ct);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition!.DispositionType);
        ExportSchemas.AssertValid(ExportSchemas.Participant, await json.Content.ReadAsStringAsync(Ct));
        var html = await admin.GetStringAsync($"beheer/deelnemers/{piet.ParticipantId}/gegevens.html", Ct);
        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains("Te weinig capaciteit voor herhaalonderzoek", html, StringComparison.Ordinal);
        using var nobody = await admin.GetAsync("beheer/deelnemers/999999/gegevens.json", Ct);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);

        // The record: the administrator (Woo) and the dialogue's facilitator; not another facilitator.
        var records = await admin.GetStringAsync("beheer/dossiers?dialoog=handhaving", Ct);
        Assert.Contains($"href=\"dialogen/{dialogue}/dossier.json\"", records, StringComparison.Ordinal);
        ExportSchemas.AssertValid(ExportSchemas.Record, await admin.GetStringAsync($"dialogen/{dialogue}/dossier.json", Ct));
        using var owner = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        var record = await owner.GetStringAsync($"dialogen/{dialogue}/dossier.json", Ct);
        ExportSchemas.AssertValid(ExportSchemas.Record, record);
        Assert.Contains("Te weinig capaciteit voor herhaalonderzoek", record, StringComparison.Ordinal);
        using var bert = app.CreateBrowserClient(await app.LoginAsync("bert@owinsp.example"));
        using var refused = await bert.GetAsync($"dialogen/{dialogue}/dossier.json", Ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }
}
