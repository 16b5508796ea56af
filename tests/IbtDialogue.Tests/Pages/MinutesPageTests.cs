using System.Net;
using System.Text;
using IbtDialogue.Protocol;
using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Pages;

/// <summary>The minutes and publication pages over plain HTTP, with a dialogue that really took place.</summary>
public sealed class MinutesPageTests : IAsyncLifetime
{
    private readonly AppHost app = new();
    private int dialogue;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] PersonalNames = ["Anna de Vries", "Piet Jansen", "Marleen Smit", "m.smit@zwolle.example"];

    public async ValueTask InitializeAsync()
    {
        await app.InitializeAsync();
        var anna = new Actor(await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries"), null, null);
        await app.CreateFacilitatorAsync("bert@owinsp.example", "Bert Bakker");
        var (id, code) = await app.CreateDialogueAsync(anna.UserId!, "Handhaving bij overtredingen");
        dialogue = id;
        var engine = app.Services.GetRequiredService<IbtDialogue.Room.RoomEngine>();
        var contributions = app.Services.GetRequiredService<IbtDialogue.Contributions.ContributionCommands>();
        await engine.OpenAsync(new DialogueCommand(Guid.NewGuid(), id), anna, Ct);
        var token = await app.JoinAsync(code, "Piet Jansen", "Zwolle");
        var hash = ParticipantTokens.Hash(token);
        var piet = new Actor(null, await app.QueryAsync(db => db.Participants.Where(p => p.TokenHash == hash).Select(p => p.Id).SingleAsync()), id);
        var theme = await app.QueryAsync(db => db.Themes.Where(t => t.DialogueId == id).Select(t => t.Id).SingleAsync());
        await contributions.PostContributionAsync(new PostContribution(Guid.NewGuid(), id, theme, ContributionKind.Bottleneck, "Te weinig capaciteit bij de GGD"), piet, Ct);
        await engine.SetStageAsync(new SetStage(Guid.NewGuid(), id, theme, Phase.GoodPractices), anna, Ct);
        await contributions.SaveGoodPracticeAsync(new SaveGoodPractice(Guid.NewGuid(), id, theme, null, "Vaste GGD-contactpersoon", "Eén aanspreekpunt.", "Korte lijnen.", "Zwolle", CycleStep.Do, "Marleen Smit", "m.smit@zwolle.example", true), piet, Ct);
        await engine.CloseAsync(new DialogueCommand(Guid.NewGuid(), id), anna, Ct);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task<HttpClient> AsAsync(string email) => app.CreateBrowserClient(await app.LoginAsync(email));

    [Fact]
    public async Task Editing_saves_a_new_version_and_a_stale_edit_is_shown_both_texts_instead_of_overwriting()
    {
        using var anna = await AsAsync("anna@owinsp.example");
        using var bert = await AsAsync("anna@owinsp.example");
        var annaForm = await anna.GetStringAsync($"dialogen/{dialogue}/notulen/bewerken", Ct);
        var bertForm = await bert.GetStringAsync($"dialogen/{dialogue}/notulen/bewerken", Ct);
        Assert.Contains("name=\"Input.Markdown\"", annaForm, StringComparison.Ordinal);
        Assert.Contains("Te weinig capaciteit bij de GGD", annaForm, StringComparison.Ordinal); // Prerendered editor, with its preview.
        Assert.Contains("data-testid=\"preview\"", annaForm, StringComparison.Ordinal);

        var annaFields = AppHost.HiddenFields(annaForm);
        annaFields["Input.Markdown"] = "# Handhaving\n\nVersie van Anna.";
        using var saved = await anna.PostAsync($"dialogen/{dialogue}/notulen/bewerken", new FormUrlEncodedContent(annaFields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var bertFields = AppHost.HiddenFields(bertForm);
        Assert.Equal("1", bertFields["Input.BaseNumber"]);
        bertFields["Input.Markdown"] = "# Handhaving\n\nVersie van Bert.";
        using var conflict = await bert.PostAsync($"dialogen/{dialogue}/notulen/bewerken", new FormUrlEncodedContent(bertFields), Ct);
        var page = await conflict.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("De notulen zijn intussen gewijzigd", page, StringComparison.Ordinal);
        Assert.Contains("Versie van Anna.", page, StringComparison.Ordinal); // Theirs...
        Assert.Contains("Versie van Bert.", page, StringComparison.Ordinal); // ...and yours, still in the field.
        Assert.Equal("2", AppHost.HiddenFields(page)["Input.BaseNumber"]);
        Assert.Equal(2, await app.QueryAsync(db => db.MinutesVersions.CountAsync(m => m.DialogueId == dialogue)));

        var versions = await anna.GetStringAsync($"dialogen/{dialogue}/notulen/versies", Ct);
        Assert.Contains("Versie 2", versions, StringComparison.Ordinal);
        Assert.Contains("Anna de Vries", versions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_earlier_version_can_be_viewed_and_restored()
    {
        using var anna = await AsAsync("anna@owinsp.example");
        var fields = AppHost.HiddenFields(await anna.GetStringAsync($"dialogen/{dialogue}/notulen/bewerken", Ct));
        fields["Input.Markdown"] = "Kort.";
        await anna.PostAsync($"dialogen/{dialogue}/notulen/bewerken", new FormUrlEncodedContent(fields), Ct);

        var first = await anna.GetStringAsync($"dialogen/{dialogue}/notulen/versies/1", Ct);
        Assert.Contains("Dit is een eerdere versie.", first, StringComparison.Ordinal);
        using var restored = await anna.PostAsync($"dialogen/{dialogue}/notulen/versies/1", new FormUrlEncodedContent(AppHost.FormFields(first, "restore")), Ct);
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);

        var latest = await app.QueryAsync(db => db.MinutesVersions.Where(m => m.DialogueId == dialogue).OrderByDescending(m => m.Number).FirstAsync());
        Assert.Equal((3, 1), (latest.Number, latest.RestoredFrom));
        Assert.Contains("Te weinig capaciteit bij de GGD", latest.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_exports_come_with_the_right_types_and_only_for_the_dialogues_facilitators()
    {
        using var anna = await AsAsync("anna@owinsp.example");
        using var docx = await anna.GetAsync($"dialogen/{dialogue}/notulen.docx", Ct);
        using var html = await anna.GetAsync($"dialogen/{dialogue}/notulen.html", Ct);
        using var csv = await anna.GetAsync($"dialogen/{dialogue}/stemmen.csv", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType!.MediaType);
        var bytes = await docx.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal("PK", Encoding.ASCII.GetString(bytes, 0, 2)); // A zip package.
        Assert.Contains("Te weinig capaciteit bij de GGD", await html.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);

        using var bert = await AsAsync("bert@owinsp.example");
        Assert.Equal(HttpStatusCode.NotFound, (await bert.GetAsync($"dialogen/{dialogue}/notulen.docx", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bert.GetAsync($"dialogen/{dialogue}/stemmen.csv", Ct)).StatusCode);
        using var nobody = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await nobody.GetAsync($"dialogen/{dialogue}/notulen.html", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_preview_renders_with_the_safe_pipeline_for_facilitators_only()
    {
        using var anna = await AsAsync("anna@owinsp.example");
        using var preview = await anna.PostAsync("api/markdown/preview", new StringContent("# Kop\n\n<script>alert(1)</script> [x](javascript:alert(1))", Encoding.UTF8, "text/markdown"), Ct);
        var html = await preview.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.Ordinal);

        using var nobody = app.CreateBrowserClient();
        using var refused = await nobody.PostAsync("api/markdown/preview", new StringContent("x"), Ct);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task Publishing_shows_the_name_free_text_first_refuses_names_and_the_public_pages_and_feed_carry_no_personal_name()
    {
        using var anna = await AsAsync("anna@owinsp.example");
        var form = await anna.GetStringAsync($"dialogen/{dialogue}/publiceren", Ct);
        var fields = AppHost.FormFields(form, "publish");
        var draft = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, "<textarea[^>]*name=\"Input.Markdown\"[^>]*>(?<text>[^<]*)</textarea>").Groups["text"].Value);
        Assert.Contains("Te weinig capaciteit bij de GGD — Zwolle", draft, StringComparison.Ordinal);
        Assert.All(PersonalNames, name => Assert.DoesNotContain(name, draft, StringComparison.OrdinalIgnoreCase));

        fields["Input.Markdown"] = draft + "\nMet dank aan Piet Jansen.\n";
        using var refused = await anna.PostAsync($"dialogen/{dialogue}/publiceren", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Piet Jansen", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal); // Named in the error, to the facilitator.
        using var nobody = app.CreateBrowserClient();
        Assert.Contains("0 gesprekken gevonden.", await nobody.GetStringAsync("gesprekken", Ct), StringComparison.Ordinal);

        fields["Input.Markdown"] = draft;
        using var proposed = await anna.PostAsync($"dialogen/{dialogue}/publiceren", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        Assert.Contains("0 gesprekken gevonden.", await nobody.GetStringAsync("gesprekken", Ct), StringComparison.Ordinal); // Waits for a second reader.

        // Four eyes: an administrator approves exactly the proposed text on the approval page.
        await app.CreateAccountAsync("dirk@owinsp.example", "Dirk Dekker", IbtDialogue.Accounts.Roles.Administrator);
        using var dirk = await AsAsync("dirk@owinsp.example");
        var proposal = await app.QueryAsync(db => db.PublicationProposals.Select(p => p.Id).SingleAsync());
        var approval = AppHost.FormFields(await dirk.GetStringAsync($"goedkeuren/{proposal}", Ct), "approve");
        using var published = await dirk.PostAsync($"goedkeuren/{proposal}", new FormUrlEncodedContent(approval), Ct);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        using var list = await nobody.GetAsync("gesprekken", Ct);
        var listPage = await list.Content.ReadAsStringAsync(Ct);
        var summaryId = await app.QueryAsync(db => db.PublishedSummaries.Select(p => p.Id).SingleAsync());
        Assert.Contains($"href=\"gesprekken/{summaryId}/lerende-dialoog-handhaving\"", listPage, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", list.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var summary = await nobody.GetAsync($"gesprekken/{summaryId}/lerende-dialoog-handhaving", Ct);
        var summaryPage = await summary.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Te weinig capaciteit bij de GGD", summaryPage, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", summary.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", summary.Headers.GetValues("X-Content-Type-Options").Single());
        var feed = await nobody.GetStringAsync("gesprekken/feed.atom", Ct);
        Assert.Contains("Vaste GGD-contactpersoon", feed, StringComparison.Ordinal);
        foreach (var text in new[] { listPage, summaryPage, feed })
        {
            Assert.All(PersonalNames, name => Assert.DoesNotContain(name, WebUtility.HtmlDecode(text), StringComparison.OrdinalIgnoreCase));
        }

        var again = AppHost.FormFields(await anna.GetStringAsync($"dialogen/{dialogue}/publiceren", Ct), "unpublish");
        using var withdrawn = await anna.PostAsync($"dialogen/{dialogue}/publiceren", new FormUrlEncodedContent(again), Ct);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await nobody.GetAsync($"gesprekken/{summaryId}/lerende-dialoog-handhaving", Ct)).StatusCode);
        Assert.DoesNotContain("Vaste GGD-contactpersoon", await nobody.GetStringAsync("gesprekken/feed.atom", Ct), StringComparison.Ordinal);
    }
}
