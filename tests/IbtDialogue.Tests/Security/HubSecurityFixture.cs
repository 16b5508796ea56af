using System.Net;
using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Security;

/// <summary>What the hub's security tests set up again and again: an open dialogue, participants, plain HTTP to the hub.</summary>
public static class HubSecurityFixture
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A facilitator (signed in) and an open dialogue of theirs.</summary>
    public static async Task<(string UserId, CookieContainer Cookies, int Dialogue, string Code, int Theme)> OpenDialogueAsync(AppHost app)
    {
        var email = $"{Guid.NewGuid():N}@owinsp.example";
        var userId = await app.CreateFacilitatorAsync(email, "Anna de Vries");
        var (dialogue, code) = await app.CreateDialogueAsync(userId);
        var opened = await app.Services.GetRequiredService<RoomEngine>().OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), new Actor(userId, null, null), Ct);
        Assert.True(opened.Result.Ok, opened.Result.Error);
        var theme = await app.QueryAsync(db => Task.FromResult(db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.CurrentThemeId!.Value).Single()));
        return (userId, await app.LoginAsync(email), dialogue, code, theme);
    }

    /// <summary>Negotiates with the hub as a browser would, with these headers.</summary>
    public static async Task<HttpResponseMessage> NegotiateAsync(AppHost app, CookieContainer? cookies, string? origin = null, string? bearer = null, string? query = null)
    {
        using var http = app.CreateBrowserClient(cookies);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{HubContract.Path.TrimStart('/')}/negotiate?negotiateVersion=1{query}");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return await http.SendAsync(request, Ct);
    }

    /// <summary>Asks for a hub token as the WebAssembly room does, with the participant's cookie (if any) and this Origin.</summary>
    public static async Task<HttpResponseMessage> AskHubTokenAsync(AppHost app, int dialogue, string? participantToken, string? origin = null, int? cookieFor = null)
    {
        var cookies = new CookieContainer();
        if (participantToken is not null)
        {
            cookies.Add(app.BaseAddress, new Cookie(ParticipantTokens.CookieName(cookieFor ?? dialogue), participantToken, "/"));
        }

        using var http = app.CreateBrowserClient(cookies);
        using var request = new HttpRequestMessage(HttpMethod.Post, HubContract.HubTokenUrl(dialogue).TrimStart('/'));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request, Ct);
    }

    /// <summary>The app's own origin, as a browser on its pages sends it.</summary>
    public static string OwnOrigin(AppHost app) => app.BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>A page on another port of the same host: same site, so the browser sends our cookies; another origin.</summary>
    public static string OtherPortOrigin(AppHost app) => $"http://{app.BaseAddress.Host}:{(app.BaseAddress.Port == 5999 ? 5998 : 5999)}";
}
