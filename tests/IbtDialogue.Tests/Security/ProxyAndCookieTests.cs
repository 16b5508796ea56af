using System.Net;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Security;

/// <summary>
/// Behind a TLS proxy, outside Development: the proxy's X-Forwarded-Proto is believed from configured proxies only,
/// every cookie is Secure with the __Host- prefix, HSTS is sent by configuration (issue 10, finding 5).
/// </summary>
public sealed class ProxyAndCookieTests
{
    private const string Site = "dialogen.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Behind_a_tls_proxy_every_cookie_is_secure_with_the_host_prefix_and_hsts_is_sent()
    {
        await using var app = await ProductionAsync(believeLoopback: true);
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(anna);
        await app.OpenAsync(dialogue, anna);
        var jar = new Dictionary<string, string>();
        var setCookies = new List<string>();

        using var loginPage = await SendAsync(app, HttpMethod.Get, "account/login", jar, setCookies, https: true);
        Assert.Equal(HttpStatusCode.OK, loginPage.StatusCode);
        Assert.StartsWith("max-age=31536000", loginPage.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var fields = AppHost.HiddenFields(await loginPage.Content.ReadAsStringAsync(Ct));
        fields["Input.Email"] = "anna@owinsp.example";
        fields["Input.Password"] = AppHost.Password;
        using (var signedIn = await SendAsync(app, HttpMethod.Post, "account/login", jar, setCookies, https: true, fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using (var list = await SendAsync(app, HttpMethod.Get, "dialogen", jar, setCookies, https: true))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }

        var participant = new Dictionary<string, string>();
        using var joinPage = await SendAsync(app, HttpMethod.Get, $"deelnemen/{code}", participant, setCookies, https: true);
        var join = AppHost.FormFields(await joinPage.Content.ReadAsStringAsync(Ct), "join");
        join["Input.DisplayName"] = "Piet";
        join["Input.Municipality"] = "Zwolle";
        using (var joined = await SendAsync(app, HttpMethod.Post, $"deelnemen/{code}", participant, setCookies, https: true, join))
        {
            Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        }

        using (var english = await SendAsync(app, HttpMethod.Get, "taal?taal=en&terug=%2Fdialogen", jar, setCookies, https: true))
        {
            Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        }

        using (var list = await SendAsync(app, HttpMethod.Get, "dialogen", jar, setCookies, https: true))
        {
            Assert.Contains("<html lang=\"en\">", await list.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.Contains("__Host-ibt.culture", jar.Keys);
        Assert.Contains(setCookies, c => c.StartsWith("__Host-ibt.culture=", StringComparison.Ordinal) && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("__Host-ibt.antiforgery", jar.Keys);
        Assert.Contains("__Host-ibt.facilitator", jar.Keys);
        Assert.Contains($"__Host-ibt.participant.{dialogue}", participant.Keys);
        Assert.All(setCookies, cookie =>
        {
            Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Plain_http_gets_no_hsts_but_still_secure_cookies_and_an_unknown_proxy_is_not_believed()
    {
        await using (var app = await ProductionAsync(believeLoopback: true))
        {
            await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
            var setCookies = new List<string>();
            using var plain = await SendAsync(app, HttpMethod.Get, "account/login", [], setCookies, https: false);
            Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
            Assert.Contains(setCookies, c => c.StartsWith("__Host-ibt.antiforgery=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        }

        await using var untrusting = await ProductionAsync(believeLoopback: false);
        await untrusting.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var forged = await SendAsync(untrusting, HttpMethod.Get, "account/login", [], [], https: true);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Strict-Transport-Security")); // X-Forwarded-Proto from a stranger changes nothing.
    }

    private static async Task<AppHost> ProductionAsync(bool believeLoopback)
    {
        var app = new AppHost { HostEnvironment = "Production" };
        if (believeLoopback)
        {
            app.Settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        }

        app.Settings["Https:Hsts"] = "true";
        app.Settings["AllowedHosts"] = Site;
        app.Settings["App:PublicBaseUrl"] = $"https://{Site}/";
        await app.InitializeAsync();
        return app;
    }

    /// <summary>A request as the TLS proxy forwards it: the public host, the client's address, and (over TLS) X-Forwarded-Proto.</summary>
    private static async Task<HttpResponseMessage> SendAsync(AppHost app, HttpMethod method, string path, Dictionary<string, string> jar, List<string> setCookies, bool https, Dictionary<string, string>? form = null)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Host = Site;
        request.Headers.Add("X-Forwarded-For", "203.0.113.10");
        if (https)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        if (jar.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
        }

        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var response = await client.SendAsync(request, Ct);
        foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            setCookies.Add(cookie);
            var pair = cookie.Split(';')[0];
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            jar[pair[..at]] = pair[(at + 1)..];
        }

        return response;
    }
}
