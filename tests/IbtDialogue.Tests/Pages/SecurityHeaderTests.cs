using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using IbtDialogue.Tests.Support;

namespace IbtDialogue.Tests.Pages;

/// <summary>
/// One Content-Security-Policy for the whole site, on every kind of response, that allows exactly the page's own
/// inline import map and nothing else inline. (The browser tests fail on any violation the policy reports.)
/// </summary>
public sealed partial class SecurityHeaderTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("deelnemen")]
    [InlineData("account/wachtwoord-vergeten")]
    [InlineData("landelijk-beeld")]
    [InlineData("gesprekken")]
    [InlineData("deze-pagina-bestaat-niet")]
    public async Task Every_page_has_the_site_policy_with_the_hash_of_its_own_import_map(string path)
    {
        using var client = app.CreateBrowserClient();
        using var response = await client.GetAsync(path, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var policy = Directives(response);

        Assert.Equal("'self'", policy["default-src"]);
        Assert.Equal("'self'", policy["style-src"]);
        Assert.Equal("'none'", policy["object-src"]);
        Assert.Equal("'none'", policy["frame-ancestors"]);
        Assert.Equal("'self'", policy["form-action"]);
        Assert.Equal("'self'", policy["base-uri"]);

        // The one inline script is the import map, allowed by the hash of exactly its text: nothing else inline runs.
        var importMap = ImportMap().Match(html);
        Assert.True(importMap.Success, "the page has Blazor's import map");
        var hash = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups["json"].Value))) + "'";
        var scripts = policy["script-src"].Split(' ');
        Assert.Contains(hash, scripts);
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.Equal(["<script type=\"importmap\">"], InlineScript().Matches(html).Select(m => m.Value));

        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("same-origin", response.Headers.GetValues("Cross-Origin-Opener-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task The_live_room_may_compile_WebAssembly_and_pages_with_typed_text_may_not()
    {
        using var client = app.CreateBrowserClient();

        using var join = await client.GetAsync("deelnemen", Ct);
        Assert.Contains("'wasm-unsafe-eval'", Directives(join)["script-src"], StringComparison.Ordinal);

        using var summaries = await client.GetAsync("gesprekken", Ct);
        Assert.DoesNotContain("wasm", Directives(summaries)["script-src"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_violations_are_reported_to_a_local_endpoint()
    {
        using var client = app.CreateBrowserClient();
        using var page = await client.GetAsync("", Ct);
        Assert.Equal("/csp-report", Directives(page)["report-uri"]);

        using var report = await client.PostAsync("csp-report", new StringContent("{\"csp-report\":{\"violated-directive\":\"script-src\"}}", Encoding.UTF8, "application/csp-report"), Ct);
        Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "");

    [GeneratedRegex("<script type=\"importmap\">(?<json>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMap();

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
