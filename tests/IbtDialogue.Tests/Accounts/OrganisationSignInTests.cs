using System.Net;
using System.Text.RegularExpressions;
using IbtDialogue.Accounts;
using IbtDialogue.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IbtDialogue.Tests.Accounts;

/// <summary>
/// Sign-in with the organisation's identity provider: the full authorization-code flow with PKCE against a
/// real OpenID Connect provider (OpenIddict) on loopback, followed hop by hop as a browser would.
/// </summary>
public sealed partial class OrganisationSignInTests : IAsyncLifetime
{
    private readonly AppHost app = new();
    private TestIdentityProvider provider = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        provider = await TestIdentityProvider.StartAsync();
        foreach (var (key, value) in provider.AppSettings())
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        await provider.RegisterAppAsync(app.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await provider.DisposeAsync();
    }

    [GeneratedRegex("""<form[^>]*\saction="(?<action>[^"]*)""")]
    private static partial Regex FormAction();

    [GeneratedRegex("""<input\s+type="hidden"\s+name="(?<name>[^"]*)"\s+value="(?<value>[^"]*)""")]
    private static partial Regex Hidden();

    /// <summary>Runs the flow; <paramref name="tamper"/> may change what the provider posts back. Answers where the app sent the browser at the end.</summary>
    private async Task<(string Location, CookieContainer Cookies)> SignInAsync(Action<Dictionary<string, string>>? tamper = null)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });

        using var start = await browser.GetAsync(new Uri(app.BaseAddress, "account/login/organisatie"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(new Uri(provider.Authority, "connect/authorize").ToString(), authorize.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));

        // The provider answers with a page that posts the code back to the app (response_mode=form_post).
        using var answer = await browser.GetAsync(authorize, Ct);
        var html = await answer.Content.ReadAsStringAsync(Ct);
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups["action"].Value);
        var fields = Hidden().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Equal(new Uri(app.BaseAddress, "signin-oidc").ToString(), action);
        Assert.True(fields.ContainsKey("code") && fields.ContainsKey("state"));
        tamper?.Invoke(fields);

        using var callback = await browser.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var next = callback.Headers.Location!.ToString();
        if (!next.StartsWith(OrganisationSignIn.DonePath, StringComparison.Ordinal))
        {
            return (next, cookies);
        }

        using var done = await browser.GetAsync(new Uri(app.BaseAddress, next), Ct);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        return (done.Headers.Location!.ToString(), cookies);
    }

    private async Task<HttpStatusCode> StatusOfAsync(CookieContainer cookies, string path)
    {
        using var client = app.CreateBrowserClient(cookies);
        using var response = await client.GetAsync(path, Ct);
        return response.StatusCode;
    }

    /// <summary>Where signing in without a page to return to lands this account.</summary>
    private async Task<string?> LandingAsync(CookieContainer cookies)
    {
        using var client = app.CreateBrowserClient(cookies);
        using var response = await client.GetAsync("account/start", Ct);
        return response.Headers.Location?.OriginalString;
    }

    private async Task<IList<string>> RolesOfAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    }

    [Fact]
    public async Task A_first_sign_in_makes_the_account_with_the_roles_of_the_groups_and_later_ones_use_it()
    {
        provider.NextUser = new("sub-fatima", "fatima@owinsp.example", "Fatima Bakker", ["ibt-facilitators", "iedereen"]);

        var (location, cookies) = await SignInAsync();

        Assert.Equal("/account/start", location);
        Assert.Equal("/dialogen", await LandingAsync(cookies));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(cookies, "dialogen"));
        var account = await app.QueryAsync(db => db.Users.SingleAsync(u => u.Email == "fatima@owinsp.example"));
        Assert.Equal("Fatima Bakker", account.DisplayName);
        Assert.True(account.EmailConfirmed);
        Assert.Equal([Roles.Facilitator], await RolesOfAsync("fatima@owinsp.example"));
        Assert.NotNull(account.LastSignInAt);

        // The provider's groups decide the roles at every sign-in.
        provider.NextUser = provider.NextUser with { Groups = ["ibt-analysts"] };
        var (_, again) = await SignInAsync();
        Assert.Equal(1, await app.QueryAsync(db => db.Users.CountAsync(u => u.Email == "fatima@owinsp.example")));
        Assert.Equal([Roles.Analyst], await RolesOfAsync("fatima@owinsp.example"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(again, "analyse/dialogen"));
        Assert.Equal("/landelijk-beeld/intern", await LandingAsync(again)); // an analyst lands on the national picture, not on a facilitator's page
    }

    [Fact]
    public async Task A_local_account_is_linked_by_its_verified_address()
    {
        var id = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna de Vries");
        provider.NextUser = new("sub-anna", "anna@owinsp.example", "A. de Vries", ["ibt-facilitators"]);

        var (location, _) = await SignInAsync();

        Assert.Equal("/account/start", location);
        Assert.Equal([id], await app.QueryAsync(db => db.Users.Where(u => u.Email == "anna@owinsp.example").Select(u => u.Id).ToListAsync()));
        Assert.Equal("Anna de Vries", await app.QueryAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync()));
        Assert.Equal("sub-anna", await app.QueryAsync(db => db.UserLogins.Where(l => l.UserId == id).Select(l => l.ProviderKey).SingleAsync()));
    }

    [Fact]
    public async Task An_address_the_provider_did_not_verify_is_not_used_and_no_account_is_made()
    {
        provider.NextUser = new("sub-x", "x@owinsp.example", "X", ["ibt-facilitators"], EmailVerified: false);
        var (location, cookies) = await SignInAsync();
        Assert.Equal("/account/login?fout=geen-email", location);
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "x@owinsp.example")));
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "ibt.facilitator");
    }

    [Fact]
    public async Task A_deactivated_account_is_not_signed_in_by_the_provider_either()
    {
        var id = await app.CreateFacilitatorAsync("bert@owinsp.example", "Bert");
        await app.QueryAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        provider.NextUser = new("sub-bert", "bert@owinsp.example", "Bert", ["ibt-facilitators"]);

        var (location, cookies) = await SignInAsync();

        Assert.Equal("/account/login?fout=gedeactiveerd", location);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "ibt.facilitator");
    }

    [Fact]
    public async Task A_callback_with_a_wrong_state_is_refused_in_dutch_and_nobody_is_signed_in()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna"); // Someone exists: the login page is shown, not the first-run setup.
        provider.NextUser = new("sub-y", "y@owinsp.example", "Y", ["ibt-facilitators"]);
        var (location, cookies) = await SignInAsync(fields => fields["state"] = "vervalst" + fields["state"][8..]);

        Assert.Equal("/account/login?fout=organisatie", location);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "ibt.facilitator");
        Assert.False(await app.QueryAsync(db => db.Users.AnyAsync(u => u.Email == "y@owinsp.example")));
        using var client = app.CreateBrowserClient(cookies);
        Assert.Contains("Inloggen via je organisatie is niet gelukt.", WebUtility.HtmlDecode(await client.GetStringAsync(location.TrimStart('/'), Ct)), StringComparison.Ordinal);
    }
}

/// <summary>With local passwords switched off, only the organisation's provider signs people in.</summary>
public sealed class OrganisationOnlyTests : IAsyncLifetime
{
    private readonly AppHost app = new();
    private TestIdentityProvider provider = default!;

    public async ValueTask InitializeAsync()
    {
        provider = await TestIdentityProvider.StartAsync();
        foreach (var (key, value) in provider.AppSettings(localPasswords: false))
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task The_password_form_is_gone_and_a_posted_password_is_refused()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var client = app.CreateBrowserClient();
        var page = await client.GetStringAsync("account/login", TestContext.Current.CancellationToken);
        Assert.Contains("Inloggen met Inspectie-account", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", page, StringComparison.Ordinal);

        // Even a hand-made post of the old form signs nobody in.
        var fields = AppHost.HiddenFields(page);
        fields["_handler"] = "login";
        fields["Input.Email"] = "anna@owinsp.example";
        fields["Input.Password"] = AppHost.Password;
        using var response = await client.PostAsync("account/login", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.Email == "anna@owinsp.example").Select(u => u.LastSignInAt).SingleAsync()));
    }
}
