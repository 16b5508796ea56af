using System.Net;
using System.Text.RegularExpressions;
using IbtDialogue.Accounts;
using IbtDialogue.Dialogues;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Security;

/// <summary>A forged Host header cannot put its host into any link the app hands out (issue 10, finding 6).</summary>
public sealed partial class PublicAddressTests
{
    private const string Evil = "evil.example";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    [Fact]
    public async Task Join_links_qr_codes_the_feed_and_mailed_links_are_built_from_the_public_address()
    {
        await using var mail = SmtpReceiver.Start();
        await using var app = new AppHost();
        foreach (var (key, value) in mail.AppSettings)
        {
            app.Settings[key] = value;
        }

        app.Settings["App:PublicBaseUrl"] = "https://dialogen.example/";
        app.Settings["AllowedHosts"] = "*"; // The worst case: every Host reaches the app.
        await app.InitializeAsync();
        var admin = await app.CreateAccountAsync("beheer@owinsp.example", "Beheer", Roles.Administrator, Roles.Facilitator);
        var (dialogue, code) = await app.CreateDialogueAsync(admin);
        using var browser = app.CreateBrowserClient(await app.LoginAsync("beheer@owinsp.example"));

        var console = await GetAsync(browser, $"dialogen/{dialogue}");
        Assert.Contains($"https://dialogen.example/deelnemen/{JoinCodes.Display(code)}", console, StringComparison.Ordinal);
        var presenter = await GetAsync(browser, $"dialogen/{dialogue}/presentatie");
        Assert.Contains($"https://dialogen.example/deelnemen/{JoinCodes.Display(code)}", presenter, StringComparison.Ordinal);
        var feed = await GetAsync(browser, "gesprekken/feed.atom");
        Assert.Contains("https://dialogen.example/gesprekken", feed, StringComparison.Ordinal);
        foreach (var page in new[] { console, presenter, feed })
        {
            Assert.DoesNotContain(Evil, page, StringComparison.Ordinal);
        }

        var invite = AppHost.FormFields(await GetAsync(browser, "beheer/accounts/uitnodigen"), "invite");
        invite["Input.Email"] = "kees@owinsp.example";
        invite["Input.Roles.Facilitator"] = "true";
        await PostAsync(browser, "beheer/accounts/uitnodigen", invite);
        var invitation = await mail.WaitForAsync("kees@owinsp.example");
        Assert.StartsWith("https://dialogen.example/account/uitnodiging?code=", Link().Match(invitation.TextBody ?? "").Value, StringComparison.Ordinal);

        using var anonymous = app.CreateBrowserClient();
        var forgot = AppHost.FormFields(await GetAsync(anonymous, "account/wachtwoord-vergeten"), "forgot");
        forgot["Input.Email"] = "beheer@owinsp.example";
        await PostAsync(anonymous, "account/wachtwoord-vergeten", forgot);
        var reset = await mail.WaitForAsync("beheer@owinsp.example");
        Assert.StartsWith("https://dialogen.example/account/wachtwoord-herstellen?code=", Link().Match(reset.TextBody ?? "").Value, StringComparison.Ordinal);
        Assert.DoesNotContain(mail.Received, m => (m.TextBody ?? "").Contains(Evil, StringComparison.Ordinal) || (m.HtmlBody ?? "").Contains(Evil, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_shipped_configuration_refuses_a_foreign_host()
    {
        // The test host does not read the repository's appsettings.json: hand it the value that ships.
        using var shipped = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "appsettings.json"), Ct));
        await using var app = new AppHost();
        app.Settings["AllowedHosts"] = shipped.RootElement.GetProperty("AllowedHosts").GetString();
        await app.InitializeAsync();
        using var browser = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "");
        request.Headers.Host = Evil;
        using var response = await browser.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        using var own = await browser.GetAsync("", Ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    private static async Task<string> GetAsync(HttpClient browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = Evil;
        using var response = await browser.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task PostAsync(HttpClient browser, string path, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = Evil;
        using var response = await browser.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Redirect, $"{path}: {(int)response.StatusCode}");
    }
}
