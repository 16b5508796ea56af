using System.Net;
using IbtDialogue.Participants;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Security;

/// <summary>What carries names or a secret is never kept by a browser cache or a proxy (issue 10, finding 10).</summary>
public sealed class NoStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Minutes_exports_signed_in_pages_and_the_room_are_sent_with_no_store()
    {
        await using var app = new AppHost();
        await app.InitializeAsync();
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(anna);
        await app.OpenAsync(dialogue, anna);
        var token = await app.JoinAsync(code, "Piet", "Zwolle");
        await app.CloseAsync(dialogue, anna);

        using var facilitator = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        foreach (var path in new[]
        {
            "dialogen", $"dialogen/{dialogue}", $"dialogen/{dialogue}/notulen", $"dialogen/{dialogue}/notulen/versies",
            $"dialogen/{dialogue}/notulen.md", $"dialogen/{dialogue}/notulen.html", $"dialogen/{dialogue}/notulen.docx", $"dialogen/{dialogue}/stemmen.csv",
            "account", "gesprekken", "",
        })
        {
            using var response = await facilitator.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"/{path} is sent without no-store to a signed-in facilitator");
        }

        // The room page holds the participant's token; the join page the form for a name.
        var participant = new CookieContainer();
        participant.Add(app.BaseAddress, new Cookie(ParticipantTokens.CookieName(dialogue), token, "/"));
        using var guest = app.CreateBrowserClient(participant);
        foreach (var path in new[] { $"d/{code}", $"deelnemen/{code}", "deelnemen" })
        {
            using var response = await guest.GetAsync(path, Ct);
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"/{path} is sent without no-store");
        }

        // Static files are the same for everyone: they stay cacheable, also for a signed-in facilitator.
        using var anonymous = app.CreateBrowserClient();
        using var home = await anonymous.GetAsync("", Ct);
        var css = System.Text.RegularExpressions.Regex.Match(await home.Content.ReadAsStringAsync(Ct), "href=\"(css/site[^\"]*\\.css)\"").Groups[1].Value;
        using var stylesheet = await facilitator.GetAsync(css, Ct);
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.True(stylesheet.Headers.CacheControl?.NoStore != true, $"{css}: {stylesheet.Headers.CacheControl}");
    }
}
