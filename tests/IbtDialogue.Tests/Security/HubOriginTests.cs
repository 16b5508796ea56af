using System.Net;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;
using static IbtDialogue.Tests.Security.HubSecurityFixture;

namespace IbtDialogue.Tests.Security;

/// <summary>
/// Issue 10, finding 1 — cross-site WebSocket hijacking: a page of another origin (here another port of the
/// same host, which the browser counts as the same site and so sends our cookies to) may not open the hub or
/// get a hub token; the app's own pages, configured origins and clients outside a browser may.
/// </summary>
public sealed class HubOriginTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Negotiating_from_another_origin_with_the_facilitators_cookie_is_refused_from_our_own_origin_it_works()
    {
        var (_, cookies, _, _, _) = await OpenDialogueAsync(app);

        using (var foreign = await NegotiateAsync(app, cookies, OtherPortOrigin(app)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }

        using (var evil = await NegotiateAsync(app, cookies, "https://evil.example"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, evil.StatusCode);
        }

        using (var sandboxed = await NegotiateAsync(app, cookies, "null"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, sandboxed.StatusCode);
        }

        using (var own = await NegotiateAsync(app, cookies, OwnOrigin(app)))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        // Not from a browser: nobody's cookies are abused; the client shows its own credentials.
        using var withoutOrigin = await NegotiateAsync(app, cookies);
        Assert.Equal(HttpStatusCode.OK, withoutOrigin.StatusCode);
    }

    [Fact]
    public async Task A_websocket_from_another_origin_with_the_facilitators_cookie_is_refused_and_cannot_enter_the_room()
    {
        var (_, cookies, dialogue, _, _) = await OpenDialogueAsync(app);

        // Straight to the upgrade, as a hijacking page would: no negotiate first.
        await using var hijacker = WebSocketOnly(cookies, OtherPortOrigin(app));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => hijacker.StartAsync(Ct));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Disconnected, hijacker.State);

        // Through negotiate, as the SignalR client normally goes.
        await using var viaNegotiate = new HubConnectionBuilder()
            .WithUrl(app.HubUrl, options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Cookies = cookies;
                options.Headers["Origin"] = OtherPortOrigin(app);
            })
            .Build();
        var negotiateRefused = await Assert.ThrowsAsync<HttpRequestException>(() => viaNegotiate.StartAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, negotiateRefused.StatusCode);

        // The facilitator's own page connects and enters.
        await using var own = WebSocketOnly(cookies, OwnOrigin(app));
        await own.StartAsync(Ct);
        var entered = await own.InvokeAsync<SnapshotResult>(nameof(IDialogueHub.Enter), dialogue, Ct);
        Assert.True(entered.Ok, entered.Error);
    }

    [Fact]
    public async Task A_page_of_another_origin_gets_no_hub_token_with_the_participants_cookie()
    {
        var (_, _, dialogue, code, _) = await OpenDialogueAsync(app);
        var participant = await app.JoinAsync(code, "Piet", "Zwolle");

        using (var foreign = await AskHubTokenAsync(app, dialogue, participant, OtherPortOrigin(app)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
            Assert.DoesNotContain("token", await foreign.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        using var own = await AskHubTokenAsync(app, dialogue, participant, OwnOrigin(app));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task A_configured_origin_may_open_the_hub_and_others_still_may_not()
    {
        await using var configured = new AppHost();
        configured.Settings["Security:AllowedOrigins:0"] = "https://dialoog.example.nl";
        await configured.InitializeAsync();
        var (_, cookies, _, _, _) = await OpenDialogueAsync(configured);

        using (var allowed = await NegotiateAsync(configured, cookies, "https://dialoog.example.nl"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var other = await NegotiateAsync(configured, cookies, "https://dialoog.example.org");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    private HubConnection WebSocketOnly(CookieContainer cookies, string origin) => new HubConnectionBuilder()
        .WithUrl(app.HubUrl, options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.Cookies = cookies;
            options.Headers["Origin"] = origin;
        })
        .AddJsonProtocol(options => ProtocolJson.Configure(options.PayloadSerializerOptions))
        .Build();
}
