using System.Net;
using IbtDialogue.Protocol;
using IbtDialogue.Participants;
using IbtDialogue.Tests.Hub;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Pages;

/// <summary>The server-rendered pages over plain HTTP, as a browser without WebAssembly (or a screen reader's virtual buffer) gets them.</summary>
public sealed class ServerPageTests : IAsyncLifetime
{
    private readonly AppHost app = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task The_first_run_offers_a_setup_that_creates_the_first_facilitator_and_then_is_gone()
    {
        using var browser = app.CreateBrowserClient();
        var home = await browser.GetStringAsync("", Ct);
        Assert.Contains("href=\"setup\"", home, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\"", home, StringComparison.Ordinal);

        using var loginWithoutAccounts = await browser.GetAsync("account/login", Ct);
        Assert.Equal(HttpStatusCode.Redirect, loginWithoutAccounts.StatusCode);
        Assert.EndsWith("/setup", loginWithoutAccounts.Headers.Location!.ToString(), StringComparison.Ordinal);

        var form = await browser.GetStringAsync("setup", Ct);
        var fields = AppHost.HiddenFields(form);
        fields["Input.DisplayName"] = "Anna de Vries";
        fields["Input.Email"] = "anna@owinsp.example";
        fields["Input.Password"] = "kort";
        fields["Input.Confirm"] = "kort";
        using var tooShort = await browser.PostAsync("setup", new FormUrlEncodedContent(fields), Ct);
        var tooShortPage = await tooShort.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Het wachtwoord moet minstens 12 tekens lang zijn.", tooShortPage, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Users.CountAsync()));

        fields["Input.Password"] = fields["Input.Confirm"] = AppHost.Password;
        using var created = await browser.PostAsync("setup", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync()));

        using var again = await app.CreateBrowserClient().GetAsync("setup", Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        fields["Input.Email"] = "indringer@example.org";
        using var secondSetup = await app.CreateBrowserClient().PostAsync("setup", new FormUrlEncodedContent(AppHost.HiddenFields(await again.Content.ReadAsStringAsync(Ct)).Concat(fields.Where(f => f.Key.StartsWith("Input.", StringComparison.Ordinal))).ToDictionary()), Ct);
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Facilitator_pages_need_a_login()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var anonymous = app.CreateBrowserClient();
        using var list = await anonymous.GetAsync("dialogen", Ct);
        using var markdown = await anonymous.GetAsync("dialogen/1/notulen.md", Ct);

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Contains("/account/login", list.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, markdown.StatusCode);
    }

    [Fact]
    public async Task Logging_out_ends_the_facilitator_session()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var browser = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        var list = await browser.GetStringAsync("dialogen", Ct);
        Assert.Contains("Uitloggen (anna@owinsp.example)", list, StringComparison.Ordinal);

        using var withoutToken = await browser.PostAsync("account/logout", new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode); // Antiforgery: another site cannot log you out.

        using var loggedOut = await browser.PostAsync("account/logout", new FormUrlEncodedContent(AppHost.HiddenFields(list)), Ct);
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        using var after = await browser.GetAsync("dialogen", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_creates_a_dialogue_with_the_form_and_gets_its_code_and_link()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var browser = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        var fields = AppHost.HiddenFields(await browser.GetStringAsync("dialogen/nieuw", Ct));

        fields["Input.Title"] = "";
        fields["Input.Themes"] = "";
        using var invalid = await browser.PostAsync("dialogen/nieuw", new FormUrlEncodedContent(fields), Ct);
        var invalidPage = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Vul een titel in.", invalidPage, StringComparison.Ordinal);
        Assert.Contains("Zet minstens één thema op de agenda.", invalidPage, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Dialogues.CountAsync()));

        fields["Input.Title"] = "LEA-overleg regio Oost";
        fields["Input.Date"] = "2026-04-02";
        fields["Input.Themes"] = "Het overleg zelf\r\n\r\nVoorkomen van segregatie\r\n";
        using var created = await browser.PostAsync("dialogen/nieuw", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var dialogue = await app.QueryAsync(db => db.Dialogues.Include(d => d.Themes).SingleAsync());
        Assert.Equal(["Het overleg zelf", "Voorkomen van segregatie"], dialogue.Themes.OrderBy(t => t.Position).Select(t => t.Title));
        var console = await browser.GetStringAsync($"dialogen/{dialogue.Id}", Ct);
        Assert.Contains(Dialogues.JoinCodes.Display(dialogue.JoinCode), console, StringComparison.Ordinal);
        Assert.Contains($"deelnemen/{Dialogues.JoinCodes.Display(dialogue.JoinCode)}", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_join_page_works_without_script_and_says_what_is_wrong_in_dutch()
    {
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(anna);
        using var browser = app.CreateBrowserClient();

        var unknown = await browser.GetStringAsync("deelnemen?code=QQQ-QQQ", Ct);
        Assert.Contains("Met deze code kun je niet (meer) deelnemen.", unknown, StringComparison.Ordinal);
        Assert.Contains("value=\"QQQ-QQQ\"", unknown, StringComparison.Ordinal); // The code stays in the field to correct it.

        // Not opened yet: joining is possible, and the page says the room opens later (the lobby).
        var notOpen = await browser.GetStringAsync($"deelnemen/{code}", Ct);
        Assert.Contains("id=\"displayName\"", notOpen, StringComparison.Ordinal);
        Assert.Contains("De dialoog is nog niet begonnen.", notOpen, StringComparison.Ordinal);

        await OpenAsync(dialogue, "anna@owinsp.example");
        var form = await browser.GetStringAsync($"deelnemen/{code.ToLowerInvariant()}", Ct);
        // The municipality is a text field that starts empty, with the 342 municipalities as suggestions.
        Assert.Matches("<input type=\"text\" id=\"municipality\" name=\"Input.Municipality\" (value=\"\" )?list=\"municipalities\"", form);
        Assert.Contains("<option value=\"Aa en Hunze\">", form, StringComparison.Ordinal);
        var start = form.IndexOf("<datalist id=\"municipalities\">", StringComparison.Ordinal);
        var municipalities = form[start..form.IndexOf("</datalist>", start, StringComparison.Ordinal)];
        Assert.Equal(342, municipalities.Split("<option ", StringSplitOptions.None).Length - 1);
        // The fields of another organisation are folded away (details, no script), the button follows the fields.
        Assert.True(form.IndexOf("<summary>Werk je niet bij een gemeente?</summary>", StringComparison.Ordinal) < form.IndexOf("Naar de dialoog", StringComparison.Ordinal));
        Assert.True(form.IndexOf("Naar de dialoog", StringComparison.Ordinal) < form.IndexOf("data-testid=\"join-privacy\"", StringComparison.Ordinal));
        Assert.DoesNotContain(">Inloggen<", form, StringComparison.Ordinal);

        var fields = AppHost.HiddenFields(form);
        fields["Input.DisplayName"] = "   ";
        fields["Input.Municipality"] = "";
        fields["Input.OtherOrganisation"] = "";
        using var invalid = await browser.PostAsync($"deelnemen/{code}", new FormUrlEncodedContent(fields), Ct);
        var invalidPage = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Vul je naam in.", invalidPage, StringComparison.Ordinal);
        Assert.Contains("Kies je gemeente, of vul de naam van je organisatie in.", invalidPage, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", invalidPage, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Participants.CountAsync()));

        // A name that is no municipality: said in Dutch, with what may have been meant, and the typed text kept.
        fields["Input.DisplayName"] = "Piet Jansen";
        fields["Input.Municipality"] = "Aaltn";
        using var unknownMunicipality = await browser.PostAsync($"deelnemen/{code}", new FormUrlEncodedContent(fields), Ct);
        var unknownPage = WebUtility.HtmlDecode(await unknownMunicipality.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, unknownMunicipality.StatusCode);
        Assert.Contains("‘Aaltn’ staat niet in de lijst van gemeenten. Kies je gemeente uit de lijst, of laat het veld leeg als je niet bij een gemeente werkt. Bedoel je: Aalten, Raalte?", unknownPage, StringComparison.Ordinal);
        Assert.Contains("value=\"Aaltn\" list=\"municipalities\"", unknownPage, StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Participants.CountAsync()));

        // Typed in another case and with spaces around it, it is the municipality, spelled as in the list.
        fields["Input.Municipality"] = "  aalten ";
        using var joined = await browser.PostAsync($"deelnemen/{code}", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.EndsWith($"/d/{code}", joined.Headers.Location!.ToString(), StringComparison.Ordinal);
        var cookie = joined.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(ParticipantTokens.CookieName(dialogue), StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var room = await browser.GetStringAsync($"d/{code}", Ct);
        Assert.Contains("<h1>Lerende dialoog handhaving</h1>", room, StringComparison.Ordinal);
        Assert.Equal("Aalten", await app.QueryAsync(db => db.Participants.Select(p => p.Organisation).SingleAsync()));

        // The join link or QR code again, in the same browser: straight back to the room, as the same person.
        foreach (var again in new[] { $"deelnemen/{code}", $"deelnemen/{Dialogues.JoinCodes.Display(code)}", $"deelnemen?code={code}" })
        {
            using var back = await browser.GetAsync(again, Ct);
            Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
            Assert.EndsWith($"/d/{code}", back.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await app.QueryAsync(db => db.Participants.CountAsync()));

        // Another browser (no cookie) gets the form.
        using var other = app.CreateBrowserClient();
        Assert.Contains("Input.DisplayName", await other.GetStringAsync($"deelnemen/{code}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_room_page_arrives_with_the_room_in_its_html_before_any_script_runs_and_without_the_participant_token()
    {
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(anna, "Toezicht op de kwaliteit", "LRK op orde");
        await OpenAsync(dialogue, "anna@owinsp.example");
        var token = await app.JoinAsync(code, "Piet Jansen", "Aalten");
        var kees = await app.JoinAsync(code, "Kees de Boer", "Zwolle");
        await using (var tab = await Tab.OpenAsync(app.ParticipantClient(kees), dialogue))
        {
            var posted = await tab.Room.PostContributionAsync(
                new PostContribution(Guid.NewGuid(), dialogue, tab.State.Stage.ThemeId!.Value, ContributionKind.Bottleneck, "Te weinig capaciteit bij de GGD"), Ct);
            Assert.True(posted.Ok, posted.Error);
        }

        var cookies = new CookieContainer();
        cookies.Add(app.BaseAddress, new Cookie(ParticipantTokens.CookieName(dialogue), token));
        using var browser = app.CreateBrowserClient(cookies);
        using var response = await browser.GetAsync($"d/{code}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "The room page, with the participant's own view of the room, is not kept by any cache.");
        var html = await response.Content.ReadAsStringAsync(Ct);

        // The room as the WebAssembly client will show it: title, current theme, phase, contributions.
        Assert.Contains("<h1>Lerende dialoog handhaving</h1>", html, StringComparison.Ordinal);
        Assert.Matches("<h2 id=\"theme-title\"[^>]*><span class=\"eyebrow\">[^<]+</span> Toezicht op de kwaliteit</h2>", html);
        Assert.Contains("Te weinig capaciteit bij de GGD", html, StringComparison.Ordinal);
        Assert.Contains("Kees de Boer", html, StringComparison.Ordinal);
        // Read-only until the client has entered the room over the hub.
        Assert.Contains("<fieldset class=\"room-body\" role=\"presentation\" disabled", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-interactive", html, StringComparison.Ordinal);

        // The state handed over to the client (base64 JSON of base64 JSON): the same room, and no token anywhere.
        var handedOver = System.Text.RegularExpressions.Regex.Match(html, "<!--Blazor-WebAssembly-Component-State:(?<state>[A-Za-z0-9+/=]+)-->");
        Assert.True(handedOver.Success, "The page hands the room's state to the client.");
        var outer = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(handedOver.Groups["state"].Value));
        var inner = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(outer)! // Each value: its JSON in base64.
            .Select(entry => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(entry.Value))).ToList();
        Assert.Contains(inner, json => json.Contains("Te weinig capaciteit bij de GGD", StringComparison.Ordinal));
        foreach (var text in inner.Append(outer).Append(html))
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(token), text, StringComparison.Ordinal);
        }

        // Without the participant's cookie: the join page, not the room.
        using var stranger = app.CreateBrowserClient();
        using var refused = await stranger.GetAsync($"d/{code}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }

    [Fact]
    public async Task A_participant_continues_on_another_device_as_the_same_person_with_a_link_that_expires()
    {
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(anna);
        await OpenAsync(dialogue, "anna@owinsp.example");
        var token = await app.JoinAsync(code, "Piet Jansen", "Aalten");
        var phone = new CookieContainer();
        phone.Add(app.BaseAddress, new Cookie(ParticipantTokens.CookieName(dialogue), token, "/"));
        using var first = app.CreateBrowserClient(phone);

        var page = await first.GetStringAsync($"d/{code}/ander-apparaat", Ct);
        Assert.Contains("Ga verder op een ander apparaat", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal); // The QR code.
        Assert.DoesNotContain(token, page, StringComparison.Ordinal); // The token travels only encrypted.
        var link = System.Text.RegularExpressions.Regex.Match(page, "value=\"(?<link>[^\"]*/verder/[^\"]*)\"").Groups["link"].Value;
        Assert.StartsWith(app.BaseAddress.ToString(), link, StringComparison.Ordinal);

        using var laptop = app.CreateBrowserClient();
        using var arrived = await laptop.GetAsync(new Uri(link).PathAndQuery.TrimStart('/'), Ct);
        Assert.Equal(HttpStatusCode.Redirect, arrived.StatusCode);
        Assert.EndsWith($"/d/{code}", arrived.Headers.Location!.ToString(), StringComparison.Ordinal);
        var room = await laptop.GetStringAsync($"d/{code}", Ct);
        Assert.Contains("<h1>Lerende dialoog handhaving</h1>", room, StringComparison.Ordinal); // The room, prerendered.
        Assert.Equal(1, await app.QueryAsync(db => db.Participants.CountAsync())); // The same person, not a second one.

        // Expired, damaged, or for another dialogue: refused alike, nobody is let in.
        var links = app.Services.GetRequiredService<ContinueLinks>();
        var expired = links.Make(dialogue, token, DateTimeOffset.UtcNow.AddMinutes(-1));
        var (other, otherCode) = await app.CreateDialogueAsync(anna);
        foreach (var wrong in new[] { $"d/{code}/verder/{expired}", $"d/{code}/verder/{link[(link.LastIndexOf('/') + 1)..]}x", $"d/{otherCode}/verder/{links.Make(dialogue, token)}" })
        {
            using var stranger = app.CreateBrowserClient();
            using var refused = await stranger.GetAsync(wrong, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Deze link werkt niet", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
            Assert.DoesNotContain(refused.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.Contains(ParticipantTokens.CookieName(dialogue), StringComparison.Ordinal));
        }

        Assert.NotEqual(dialogue, other);

        // Without a place in the dialogue there is nothing to take along.
        using var nobody = app.CreateBrowserClient();
        using var none = await nobody.GetAsync($"d/{code}/ander-apparaat", Ct);
        Assert.Equal(HttpStatusCode.Redirect, none.StatusCode);
    }

    [Fact]
    public async Task The_room_page_sends_someone_without_a_valid_token_to_the_join_page()
    {
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (_, code) = await app.CreateDialogueAsync(anna);
        using var browser = app.CreateBrowserClient();
        using var room = await browser.GetAsync($"d/{code}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, room.StatusCode);
        Assert.EndsWith($"/deelnemen/{code}", room.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_minutes_are_shown_rendered_and_downloadable_as_markdown_by_the_facilitator_only()
    {
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        await app.CreateFacilitatorAsync("bert@owinsp.example", "Bert");
        var (dialogue, code) = await app.CreateDialogueAsync(anna);
        await using (var console = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync("anna@owinsp.example")), dialogue))
        {
            await console.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
            await using var piet = await Tab.OpenAsync(app.ParticipantClient(await app.JoinAsync(code, "Piet", "Aalten")), dialogue);
            await piet.Room.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, console.State.Stage.ThemeId!.Value, ContributionKind.Bottleneck, "<b>Te</b> weinig *toezicht*"), Ct);
            await console.Hub.CloseDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        }

        using var browser = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        var page = await browser.GetStringAsync($"dialogen/{dialogue}/notulen", Ct);
        Assert.Contains("<h1>Lerende dialoog handhaving</h1>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Te&lt;/b&gt; weinig *toezicht* — Piet (Aalten)", page, StringComparison.Ordinal);

        using var download = await browser.GetAsync($"dialogen/{dialogue}/notulen.md", Ct);
        Assert.Equal("text/markdown", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("lerende-dialoog-handhaving-notulen.md", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        var markdown = await download.Content.ReadAsStringAsync(Ct);
        Assert.Equal(await app.QueryAsync(db => db.MinutesVersions.Where(m => m.DialogueId == dialogue).Select(m => m.Markdown).SingleAsync()), markdown);
        Assert.Contains(@"\<b\>Te\</b\> weinig \*toezicht\*", markdown, StringComparison.Ordinal);

        using var bert = app.CreateBrowserClient(await app.LoginAsync("bert@owinsp.example"));
        using var notHis = await bert.GetAsync($"dialogen/{dialogue}/notulen.md", Ct);
        Assert.Equal(HttpStatusCode.NotFound, notHis.StatusCode);
    }

    private async Task OpenAsync(int dialogue, string email)
    {
        await using var console = await Tab.OpenAsync(app.FacilitatorClient(await app.LoginAsync(email)), dialogue);
        var opened = await console.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        Assert.True(opened.Ok);
    }
}
