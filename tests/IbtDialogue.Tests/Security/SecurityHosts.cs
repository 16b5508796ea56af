using System.Net;
using System.Text.RegularExpressions;
using IbtDialogue.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Security;

/// <summary>Hosts and requests for the hardening tests: a believed proxy on loopback, so a test can speak from any client address.</summary>
public static partial class SecurityHosts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A host that believes X-Forwarded-For and X-Forwarded-Proto from loopback (the test is the proxy), with these settings.</summary>
    public static async Task<AppHost> StartAsync(params (string Key, string Value)[] settings)
    {
        var app = new AppHost();
        app.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    /// <summary>A GET as a client at <paramref name="address"/> behind the proxy.</summary>
    public static async Task<HttpResponseMessage> GetFromAsync(this HttpClient client, string path, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>A form POST as a client at <paramref name="address"/> behind the proxy.</summary>
    public static async Task<HttpResponseMessage> PostFromAsync(this HttpClient client, string path, string address, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>Signs in through the login form from an address; answers the response to the POST.</summary>
    public static async Task<HttpResponseMessage> LoginFromAsync(this HttpClient client, string address, string email, string password)
    {
        using var form = await client.GetFromAsync("account/login", address);
        var fields = AppHost.HiddenFields(await form.Content.ReadAsStringAsync(Ct));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostFromAsync("account/login", address, fields);
    }

    public static async Task OpenAsync(this AppHost app, int dialogue, string facilitatorId) =>
        Assert.True((await app.Services.GetRequiredService<RoomEngine>().OpenAsync(new DialogueCommand(Guid.NewGuid(), dialogue), new Actor(facilitatorId, null, null), Ct)).Result.Ok);

    public static async Task CloseAsync(this AppHost app, int dialogue, string facilitatorId) =>
        Assert.True((await app.Services.GetRequiredService<RoomEngine>().CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), new Actor(facilitatorId, null, null), Ct)).Result.Ok);

    /// <summary>What the page says (its main part), without per-request tokens.</summary>
    public static string MainPart(string html) =>
        HiddenValue().Replace(html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)], "");

    public static string Text(HttpResponseMessage response) => WebUtility.HtmlDecode(response.Content.ReadAsStringAsync(Ct).GetAwaiter().GetResult());

    [GeneratedRegex("value=\"[^\"]*\"")]
    private static partial Regex HiddenValue();
}
