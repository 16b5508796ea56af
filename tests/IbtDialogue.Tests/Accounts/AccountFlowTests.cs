using System.Net;
using System.Text.RegularExpressions;
using IbtDialogue.Accounts;
using IbtDialogue.Client.Live;
using IbtDialogue.Protocol;
using IbtDialogue.Tests.Hub;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Accounts;

/// <summary>The account flows over HTTP against the real app, with a real SMTP server on loopback receiving its mail.</summary>
public sealed partial class AccountFlowTests : IAsyncLifetime
{
    private readonly SmtpReceiver mail = SmtpReceiver.Start();
    private readonly AppHost app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        foreach (var (key, value) in mail.AppSettings)
        {
            app.Settings[key] = value;
        }

        return app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await mail.DisposeAsync();
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    private async Task<(HttpStatusCode Status, string Html)> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path, Ct);
        var form = AppHost.FormFields(page, formName);
        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }

        using var response = await client.PostAsync(path, new FormUrlEncodedContent(form), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task An_invited_colleague_gets_the_link_by_mail_makes_an_account_and_is_signed_in()
    {
        await app.CreateAccountAsync("beheer@owinsp.example", "Beheer", Roles.Administrator, Roles.Facilitator);
        using var admin = app.CreateBrowserClient(await app.LoginAsync("beheer@owinsp.example"));

        var (status, html) = await PostFormAsync(admin, "beheer/accounts/uitnodigen", "invite", new()
        {
            ["Input.Email"] = "kees@owinsp.example",
            ["Input.Roles.Facilitator"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("De link is gemaild naar kees@owinsp.example", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        var message = await mail.WaitForAsync("kees@owinsp.example");
        Assert.Equal("Uitnodiging voor Lerende dialogen", message.Subject);
        var link = new Uri(Link().Match(message.TextBody ?? "").Value);
        Assert.Equal("/account/uitnodiging", link.AbsolutePath);
        Assert.Contains(link.ToString(), WebUtility.HtmlDecode(html), StringComparison.Ordinal); // The same link, to copy.

        var cookies = new CookieContainer();
        using var kees = app.CreateBrowserClient(cookies);
        var path = link.PathAndQuery.TrimStart('/');
        var page = await kees.GetStringAsync(path, Ct);
        Assert.Contains("kees@owinsp.example", page, StringComparison.Ordinal);
        var form = AppHost.FormFields(page, "accept");
        form["Input.DisplayName"] = "Kees de Boer";
        form["Input.Password"] = "een wachtwoord van Kees";
        form["Input.Confirm"] = "een wachtwoord van Kees";
        using var accepted = await kees.PostAsync(path, new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/account/tweestaps?welkom=1", accepted.Headers.Location!.AbsolutePath + accepted.Headers.Location.Query);
        using var dialogues = await kees.GetAsync("dialogen", Ct);
        Assert.Equal(HttpStatusCode.OK, dialogues.StatusCode); // Signed in, as a facilitator.

        // The link worked once.
        using var anon = app.CreateBrowserClient();
        using var again = await anon.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("Deze link is al gebruikt.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgetting_a_password_mails_a_link_to_an_account_and_answers_the_same_for_any_address()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var client = app.CreateBrowserClient();

        var (known, knownHtml) = await PostFormAsync(client, "account/wachtwoord-vergeten", "forgot", new() { ["Input.Email"] = "anna@owinsp.example" });
        var (unknown, unknownHtml) = await PostFormAsync(client, "account/wachtwoord-vergeten", "forgot", new() { ["Input.Email"] = "niemand@owinsp.example" });
        Assert.Equal(known, unknown);
        Assert.Equal(Strip(knownHtml), Strip(unknownHtml));

        var message = await mail.WaitForAsync("anna@owinsp.example");
        Assert.DoesNotContain(mail.Received, m => m.To.Mailboxes.Any(b => b.Address == "niemand@owinsp.example"));
        var path = new Uri(Link().Match(message.TextBody ?? "").Value).PathAndQuery.TrimStart('/');
        var page = await client.GetStringAsync(path, Ct);
        var form = AppHost.FormFields(page, "reset");
        form["Input.Password"] = "mijn nieuwe wachtwoord";
        form["Input.Confirm"] = "mijn nieuwe wachtwoord";
        using var reset = await client.PostAsync(path, new FormUrlEncodedContent(form), Ct);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        // The old password no longer works; the new one does.
        var login = AppHost.HiddenFields(await client.GetStringAsync("account/login", Ct));
        login["Input.Email"] = "anna@owinsp.example";
        login["Input.Password"] = AppHost.Password;
        using (var old = await client.PostAsync("account/login", new FormUrlEncodedContent(login), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        }

        login["Input.Password"] = "mijn nieuwe wachtwoord";
        using var fresh = await client.PostAsync("account/login", new FormUrlEncodedContent(login), Ct);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
    }

    /// <summary>What the page says (its main part), without the per-request antiforgery token.</summary>
    private static string Strip(string html) =>
        Regex.Replace(html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)], "value=\"[^\"]*\"", "");

    [Fact]
    public async Task Forged_and_wrong_links_get_a_clear_dutch_answer_and_change_nothing()
    {
        using var client = app.CreateBrowserClient();
        var users = await app.QueryAsync(db => db.Users.CountAsync());
        foreach (var path in new[] { "account/uitnodiging?code=vervalst", "account/uitnodiging", "account/wachtwoord-herstellen?code=vervalst" })
        {
            using var response = await client.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Deze link is niet geldig.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }

        Assert.Equal(users, await app.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_second_setup_is_refused()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var client = app.CreateBrowserClient();
        using var response = await client.GetAsync("setup", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Deactivating_an_account_ends_its_cookie_and_its_live_connection_at_once()
    {
        await app.CreateAccountAsync("beheer@owinsp.example", "Beheer", Roles.Administrator);
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (dialogue, _) = await app.CreateDialogueAsync(anna);
        var cookies = await app.LoginAsync("anna@owinsp.example");
        await using var console = await Tab.OpenAsync(app.FacilitatorClient(cookies), dialogue);
        using var annaBrowser = app.CreateBrowserClient(cookies);
        using (var before = await annaBrowser.GetAsync("dialogen", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var admin = app.CreateBrowserClient(await app.LoginAsync("beheer@owinsp.example"));
        var (status, _) = await PostFormAsync(admin, $"beheer/accounts/{anna}", "active", []);
        Assert.Equal(HttpStatusCode.OK, status);

        // The old cookie is sent to the login page; the hub connection was closed and cannot come back.
        using var after = await annaBrowser.GetAsync("dialogen", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("account/login", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => console.Room.Connection != LiveConnectionState.Connected, "the console's connection ends");
        var refused = await console.Hub.OpenDialogueAsync(new DialogueCommand(Guid.NewGuid(), dialogue), Ct);
        Assert.False(refused.Ok);
        Assert.Equal(DialogueStatus.Draft, await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).Select(d => d.Status).SingleAsync()));

        // Signing in again is refused with the same answer as a wrong password.
        using var fresh = app.CreateBrowserClient();
        var login = AppHost.HiddenFields(await fresh.GetStringAsync("account/login", Ct));
        login["Input.Email"] = "anna@owinsp.example";
        login["Input.Password"] = AppHost.Password;
        using var signIn = await fresh.PostAsync("account/login", new FormUrlEncodedContent(login), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Contains("of het account is niet actief", WebUtility.HtmlDecode(await signIn.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_change_their_own_name_and_password_and_a_wrong_current_password_changes_nothing()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var anna = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));

        var (renamed, _) = await PostFormAsync(anna, "account", "name", new() { ["NameInput.DisplayName"] = "  Anna   de Vries " });
        Assert.Equal(HttpStatusCode.OK, renamed);
        Assert.Equal("Anna de Vries", await app.QueryAsync(db => db.Users.Where(u => u.Email == "anna@owinsp.example").Select(u => u.DisplayName).SingleAsync()));

        var (wrong, wrongHtml) = await PostFormAsync(anna, "account", "password", new()
        {
            ["PasswordInput.Current"] = "niet het wachtwoord",
            ["PasswordInput.Password"] = "een nieuw wachtwoord voor Anna",
            ["PasswordInput.Confirm"] = "een nieuw wachtwoord voor Anna",
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        Assert.Contains("Het huidige wachtwoord klopt niet.", WebUtility.HtmlDecode(wrongHtml), StringComparison.Ordinal);

        var (changed, _) = await PostFormAsync(anna, "account", "password", new()
        {
            ["PasswordInput.Current"] = AppHost.Password,
            ["PasswordInput.Password"] = "een nieuw wachtwoord voor Anna",
            ["PasswordInput.Confirm"] = "een nieuw wachtwoord voor Anna",
        });
        Assert.Equal(HttpStatusCode.OK, changed);
        using (var stillIn = await anna.GetAsync("dialogen", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode); // This session was renewed; others ended with the new stamp.
        }

        using var other = app.CreateBrowserClient();
        var login = AppHost.HiddenFields(await other.GetStringAsync("account/login", Ct));
        login["Input.Email"] = "anna@owinsp.example";
        login["Input.Password"] = "een nieuw wachtwoord voor Anna";
        using var signIn = await other.PostAsync("account/login", new FormUrlEncodedContent(login), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }
}

/// <summary>With <c>Accounts:RequireTwoFactorForAdministrators</c>, the administrator's pages open only after a sign-in with an authenticator code.</summary>
public sealed class AdministratorSecondFactorTests : IAsyncLifetime
{
    private readonly AppHost app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        app.Settings["Accounts:RequireTwoFactorForAdministrators"] = "true";
        return app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static string CodeFor(string key) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    [Fact]
    public async Task An_administrator_without_a_second_factor_is_sent_to_set_one_up_and_then_gets_in()
    {
        await app.CreateAccountAsync("beheer@owinsp.example", "Beheer", Roles.Administrator, Roles.Facilitator);
        var cookies = await app.LoginAsync("beheer@owinsp.example");
        using var admin = app.CreateBrowserClient(cookies);

        using (var refused = await admin.GetAsync("beheer/accounts", Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("account/geen-toegang", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        using (var denied = await admin.GetAsync("account/geen-toegang", Ct))
        {
            Assert.Contains("Beheerders loggen in met een tweede stap", WebUtility.HtmlDecode(await denied.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }

        // Facilitator pages stay open meanwhile.
        using (var dialogues = await admin.GetAsync("dialogen", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, dialogues.StatusCode);
        }

        var page = await admin.GetStringAsync("account/tweestaps", Ct);
        var key = Regex.Match(page, "data-testid=\"authenticator-key\">([^<]+)<").Groups[1].Value;
        var form = AppHost.FormFields(page, "enable");
        form["Input.Code"] = CodeFor(key);
        using (var enabled = await admin.PostAsync("account/tweestaps", new FormUrlEncodedContent(form), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
            Assert.Contains("Je herstelcodes", WebUtility.HtmlDecode(await enabled.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        }

        using var allowed = await admin.GetAsync("beheer/accounts", Ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        // Next time, the password alone is not enough.
        using var fresh = app.CreateBrowserClient();
        var login = AppHost.HiddenFields(await fresh.GetStringAsync("account/login", Ct));
        login["Input.Email"] = "beheer@owinsp.example";
        login["Input.Password"] = AppHost.Password;
        using var signIn = await fresh.PostAsync("account/login", new FormUrlEncodedContent(login), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("account/login/tweestaps", signIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var notYet = await fresh.GetAsync("beheer/accounts", Ct);
        Assert.Equal(HttpStatusCode.Redirect, notYet.StatusCode);
        Assert.Contains("account/login", notYet.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
