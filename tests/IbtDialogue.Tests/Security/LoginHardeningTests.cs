using System.Net;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Security;

/// <summary>Password guessing is slowed, and nobody can lock an inspector out (issue 10, finding 2).</summary>
public sealed class LoginHardeningTests
{
    private const string Anna = "anna@owinsp.example";

    [Fact]
    public async Task A_strangers_wrong_passwords_do_not_lock_the_inspector_out()
    {
        await using var app = await SecurityHosts.StartAsync();
        await app.CreateFacilitatorAsync(Anna, "Anna");

        using (var stranger = app.CreateBrowserClient())
        {
            for (var i = 0; i < 8; i++)
            {
                using var wrong = await stranger.LoginFromAsync("203.0.113.66", Anna, $"niet het wachtwoord {i}");
                Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            }
        }

        // Anna, at her own desk, in a browser that never signed in before.
        using var anna = app.CreateBrowserClient();
        using var signedIn = await anna.LoginFromAsync("198.51.100.4", Anna, AppHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_from_one_address_are_slowed_with_a_429_and_other_addresses_still_sign_in()
    {
        await using var app = await SecurityHosts.StartAsync(("RateLimits:Login:FailureBurst", "3"), ("RateLimits:Login:FailureRefill", "00:10:00"));
        await app.CreateFacilitatorAsync(Anna, "Anna");
        using var guesser = app.CreateBrowserClient();

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await guesser.LoginFromAsync("203.0.113.70", Anna, $"poging {i} van de raader");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        // Now even the right password waits at that address: guessing faster finds nothing.
        using var slowed = await guesser.LoginFromAsync("203.0.113.70", Anna, AppHost.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.True(slowed.Headers.Contains("Retry-After"));
        Assert.Contains("Te vaak een verkeerd wachtwoord of een verkeerde code. Wacht 10 minuten", SecurityHosts.Text(slowed), StringComparison.Ordinal);

        using var anna = app.CreateBrowserClient();
        using var signedIn = await anna.LoginFromAsync("198.51.100.4", Anna, AppHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Guessing_one_account_from_many_addresses_is_slowed_but_the_accounts_own_browser_still_signs_in()
    {
        await using var app = await SecurityHosts.StartAsync(("RateLimits:LoginAccount:FailureBurst", "3"), ("RateLimits:LoginAccount:FailureRefill", "00:10:00"));
        await app.CreateFacilitatorAsync(Anna, "Anna");

        // Anna's own browser signed in before: it carries a device cookie for her account.
        var annasCookies = new CookieContainer();
        using var annasBrowser = app.CreateBrowserClient(annasCookies);
        using (var first = await annasBrowser.LoginFromAsync("198.51.100.4", Anna, AppHost.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        foreach (var address in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            using var botnet = app.CreateBrowserClient();
            using var wrong = await botnet.LoginFromAsync(address, Anna, $"geraden vanaf {address}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var fourth = app.CreateBrowserClient();
        using var slowed = await fourth.LoginFromAsync("203.0.113.4", Anna, AppHost.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);

        // Her browser is not held back by what strangers did, from wherever she is.
        using var again = await annasBrowser.LoginFromAsync("192.0.2.200", Anna, AppHost.Password);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task The_login_pages_answer_429_past_the_request_limit_of_an_address()
    {
        await using var app = await SecurityHosts.StartAsync(("RateLimits:Login:RequestsPerMinute", "4"));
        await app.CreateFacilitatorAsync(Anna, "Anna");
        using var client = app.CreateBrowserClient();

        for (var i = 0; i < 4; i++)
        {
            using var page = await client.GetFromAsync("account/login", "203.0.113.90");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using var refused = await client.GetFromAsync("account/login", "203.0.113.90");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var twoFactor = await client.GetFromAsync("account/login/tweestaps", "203.0.113.90");
        Assert.Equal(HttpStatusCode.TooManyRequests, twoFactor.StatusCode);
    }
}
