using System.Net;
using IbtDialogue.Accounts;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Security;

/// <summary>Common and breached passwords are refused, length 12 or more stays the only other rule (issue 10, finding 13).</summary>
public sealed class PasswordBlocklistTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("qazwsxedcrfv")] // On the list as it is.
    [InlineData("1qaz2wsx3edc")]
    [InlineData("123456789012")]
    [InlineData("Wachtwoord2024!")] // A listed word dressed up.
    [InlineData("  Welkom 123456  ")]
    [InlineData("W@chtw00rd1234")] // ... in l33t.
    [InlineData("welkomwelkom")] // ... repeated.
    [InlineData("Feyenoord1908!!")]
    [InlineData("aaaaaaaaaaaaaaaa")] // Too few different characters.
    [InlineData("abababababab")]
    [InlineData("Lerende dialogen 2026")] // The service's own name.
    [InlineData("Onderwijsinspectie1!")]
    public void Common_and_breached_passwords_are_refused(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password), password);

    [Theory]
    [InlineData(AppHost.Password)]
    [InlineData("het wachtwoord van Kees")]
    [InlineData("paard batterij nietje correct")]
    [InlineData("Zwolle-Kampen 3x in de trein")]
    public void Ordinary_long_passwords_pass(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password), password);

    [Fact]
    public void A_password_made_of_ones_own_address_is_refused()
    {
        Assert.True(CommonPasswordValidator.IsCommon("anna.devries2026!", "anna.devries@owinsp.example"));
        Assert.False(CommonPasswordValidator.IsCommon("anna.devries2026!", "kees@owinsp.example"));
    }

    [Fact]
    public async Task The_setup_form_refuses_a_listed_password_in_dutch_and_makes_no_account()
    {
        await using var app = new AppHost();
        await app.InitializeAsync();
        using var browser = app.CreateBrowserClient();
        var fields = AppHost.HiddenFields(await browser.GetStringAsync("setup", Ct));
        fields["Input.DisplayName"] = "Anna de Vries";
        fields["Input.Email"] = "anna@owinsp.example";
        fields["Input.Password"] = fields["Input.Confirm"] = "Wachtwoord2024!";

        using var refused = await browser.PostAsync("setup", new FormUrlEncodedContent(fields), Ct);
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("staat op een lijst van veelgebruikte of uitgelekte wachtwoorden", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Users.CountAsync(Ct)));
    }
}
