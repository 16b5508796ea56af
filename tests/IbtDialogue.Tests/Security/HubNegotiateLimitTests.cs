using System.Net;
using IbtDialogue.Live;
using IbtDialogue.Security;
using Microsoft.AspNetCore.Http;
using IbtDialogue.Tests.Support;
using static IbtDialogue.Tests.Security.HubSecurityFixture;

namespace IbtDialogue.Tests.Security;

/// <summary>
/// Issue 10, finding 2 (the hub's part): negotiate and the hub-token endpoint are limited per client address
/// with ASP.NET Core's rate limiter, and answer 429 beyond it. Here the limit is 3 with (practically) no
/// refill, so the count is exact; the defaults and how to size them are in docs/operations.md.
/// </summary>
public sealed class HubNegotiateLimitTests : IAsyncLifetime
{
    private readonly AppHost app = new();

    public async ValueTask InitializeAsync()
    {
        app.Settings["Security:HubNegotiateLimit:Burst"] = "3";
        app.Settings["Security:HubNegotiateLimit:PerMinute"] = "0.001";
        await app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Negotiate_answers_429_after_the_limit_of_one_address()
    {
        var (_, cookies, _, _, _) = await OpenDialogueAsync(app);
        for (var i = 1; i <= 3; i++)
        {
            using var allowed = await NegotiateAsync(app, cookies, OwnOrigin(app));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await NegotiateAsync(app, cookies, OwnOrigin(app));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 says when to try again");
    }

    [Fact]
    public async Task The_hub_token_endpoint_answers_429_after_the_limit_of_one_address()
    {
        var (_, _, dialogue, code, _) = await OpenDialogueAsync(app);
        var participant = await app.JoinAsync(code, "Piet", "Zwolle");
        for (var i = 1; i <= 3; i++)
        {
            using var allowed = await AskHubTokenAsync(app, dialogue, participant, OwnOrigin(app));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await AskHubTokenAsync(app, dialogue, participant, OwnOrigin(app));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Addresses_count_per_client_and_IPv6_per_64_block(string address, string key) =>
        Assert.Equal(key, ClientAddress.Of(new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse(address) } }));
}
