using System.Net;
using System.Text;
using IbtDialogue.Minutes;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Security;

/// <summary>Input that used to crash the server with a 500 gets a 400 that says what is wrong (issue 10, finding 12).</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly AppHost app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => app.InitializeAsync();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task A_template_posted_without_goals_gets_a_400_page_in_dutch()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var browser = app.CreateBrowserClient(await app.LoginAsync("anna@owinsp.example"));
        var page = await browser.GetStringAsync("sjablonen/nieuw", Ct);
        var fields = AppHost.FormFields(page, "template");
        fields["Input.Name"] = "Zonder doelen";
        fields["Input.Titles[0]"] = "Handhaving";

        using var response = await browser.PostAsync("sjablonen/nieuw", new FormUrlEncodedContent(fields), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Het formulier kwam niet compleet aan", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Templates.CountAsync(t => t.Name == "Zonder doelen")));
    }

    [Fact]
    public async Task A_login_return_address_with_a_wide_space_gets_a_400_page_in_dutch_and_signs_nobody_in()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        using var browser = app.CreateBrowserClient();
        var path = "account/login?ReturnUrl=" + Uri.EscapeDataString("/dialogen\u3000x");

        using var get = await browser.GetAsync(path, Ct);
        var getPage = WebUtility.HtmlDecode(await get.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Contains("is geen pagina van deze site", getPage, StringComparison.Ordinal);

        var fields = AppHost.HiddenFields(await browser.GetStringAsync("account/login", Ct));
        fields["Input.Email"] = "anna@owinsp.example";
        fields["Input.Password"] = AppHost.Password;
        using var post = await browser.PostAsync(path, new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("is geen pagina van deze site", WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.False(post.Headers.Contains("Set-Cookie") && post.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("ibt.facilitator=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_markdown_preview_refuses_a_body_over_its_limit_before_reading_it()
    {
        await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var cookies = await app.LoginAsync("anna@owinsp.example");

        // 30 MB announced, one kilobyte sent: the answer comes at once, without waiting for the rest.
        var (status, response) = await RawHttp.PostHeadOnlyAsync(
            app.BaseAddress, "api/markdown/preview", 30L * 1024 * 1024, "text/markdown", cookies.GetCookieHeader(app.BaseAddress), TimeSpan.FromSeconds(15), Ct);
        Assert.Equal(400, status);
        Assert.Contains("Wat je verstuurde is te groot", response, StringComparison.Ordinal);

        // A body without a length is cut off while it is read, with the preview's own sentence.
        using var browser = app.CreateBrowserClient(cookies);
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', (int)MinutesEndpoints.MaxPreviewBytes + 1))));
        chunked.Headers.ContentType = new("text/markdown");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/markdown/preview") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var cut = await browser.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.Contains("De tekst is te lang voor een voorbeeld", await cut.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // What fits is rendered as before.
        using var fits = await browser.PostAsync("api/markdown/preview", new StringContent("# Kop", Encoding.UTF8, "text/markdown"), Ct);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Contains("<h1", await fits.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_post_over_the_body_limit_is_refused_before_it_is_read()
    {
        var (status, response) = await RawHttp.PostHeadOnlyAsync(
            app.BaseAddress, "account/login", 5L * 1024 * 1024, "application/x-www-form-urlencoded", null, TimeSpan.FromSeconds(15), Ct);
        Assert.Equal(400, status);
        Assert.Contains("Wat je verstuurde is te groot: hoogstens 1 MB.", response, StringComparison.Ordinal);
    }
}
