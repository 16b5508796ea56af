using System.Net;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Security;

/// <summary>Signing out ends the session on the server; sessions end when idle and after a working day (issue 10, finding 4).</summary>
public sealed class SessionTests
{
    private const string Anna = "anna@owinsp.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cookie_saved_before_logout_opens_nothing_afterwards_not_even_after_a_restart()
    {
        await using var app = new AppHost();
        await app.InitializeAsync();
        await app.CreateFacilitatorAsync(Anna, "Anna");
        var cookies = await app.LoginAsync(Anna);
        var saved = cookies.GetCookieHeader(app.BaseAddress);

        using var browser = app.CreateBrowserClient(cookies);
        var list = await browser.GetStringAsync("dialogen", Ct);
        Assert.Equal(1, await app.QueryAsync(db => db.AccountSessions.CountAsync()));
        using (var logout = await browser.PostAsync("account/logout", new FormUrlEncodedContent(AppHost.HiddenFields(list)), Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        Assert.Equal(0, await app.QueryAsync(db => db.AccountSessions.CountAsync()));
        using (var replayed = await ReplayAsync(app.BaseAddress, saved))
        {
            Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
            Assert.Contains("account/login", replayed.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        await using var restarted = app.Restarted();
        await restarted.InitializeAsync();
        using var afterRestart = await ReplayAsync(restarted.BaseAddress, saved);
        Assert.Equal(HttpStatusCode.Redirect, afterRestart.StatusCode);
    }

    [Fact]
    public async Task A_session_left_idle_ends_and_a_used_one_carries_on()
    {
        await using var app = new AppHost();
        app.Settings["Accounts:Session:IdleTimeout"] = "00:00:04";
        await app.InitializeAsync();
        await app.CreateFacilitatorAsync(Anna, "Anna");
        using var browser = app.CreateBrowserClient(await app.LoginAsync(Anna));

        // Used every second for longer than the idle time: it stays.
        for (var i = 0; i < 6; i++)
        {
            using var used = await browser.GetAsync("dialogen", Ct);
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        }

        await Task.Delay(TimeSpan.FromSeconds(5), Ct);
        using var idle = await browser.GetAsync("dialogen", Ct);
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Contains("account/login", idle.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_session_ends_at_the_absolute_time_out()
    {
        await using var app = new AppHost();
        app.Settings["Accounts:Session:AbsoluteTimeout"] = "00:00:04";
        await app.InitializeAsync();
        await app.CreateFacilitatorAsync(Anna, "Anna");
        using var browser = app.CreateBrowserClient(await app.LoginAsync(Anna));
        var started = DateTime.UtcNow;

        HttpStatusCode status;
        do
        {
            using var page = await browser.GetAsync("dialogen", Ct);
            status = page.StatusCode;
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow - started < TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(4));
    }

    private static async Task<HttpResponseMessage> ReplayAsync(Uri baseAddress, string cookieHeader)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "dialogen");
        request.Headers.Add("Cookie", cookieHeader);
        return await client.SendAsync(request, Ct);
    }
}
