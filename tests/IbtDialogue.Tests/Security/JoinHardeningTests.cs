using System.Net;
using IbtDialogue.Dialogues;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Security;

/// <summary>Joining cannot be used to find or guess codes (issue 10, finding 2): one answer, limits per address, long codes.</summary>
public sealed class JoinHardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_code_that_leads_nowhere_gets_the_same_answer()
    {
        await using var app = await SecurityHosts.StartAsync();
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (closedId, closed) = await app.CreateDialogueAsync(anna);
        await app.OpenAsync(closedId, anna);
        await app.CloseAsync(closedId, anna);
        var unknown = JoinCodes.Create();
        using var browser = app.CreateBrowserClient();

        var answers = new List<string>();
        foreach (var code in new[] { unknown, closed })
        {
            foreach (var path in new[] { $"deelnemen/{code}", $"deelnemen?code={JoinCodes.Display(code)}" })
            {
                using var page = await browser.GetAsync(path, Ct);
                var html = await page.Content.ReadAsStringAsync(Ct);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains("Met deze code kun je niet (meer) deelnemen.", html, StringComparison.Ordinal);
                answers.Add(SecurityHosts.MainPart(html).Replace(JoinCodes.Display(code), "CODE", StringComparison.Ordinal).Replace(code, "CODE", StringComparison.Ordinal));
            }

            // The room's address without a token: to the join page, whether the code exists or not.
            using var room = await browser.GetAsync($"d/{code}", Ct);
            Assert.Equal(HttpStatusCode.Redirect, room.StatusCode);
            Assert.EndsWith($"/deelnemen/{code}", room.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.Single(answers.Distinct());
    }

    [Fact]
    public async Task Wrong_codes_from_one_address_are_slowed_while_other_addresses_join()
    {
        await using var app = await SecurityHosts.StartAsync(("RateLimits:Join:FailureBurst", "3"), ("RateLimits:Join:FailureRefill", "00:10:00"));
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (dialogue, code) = await app.CreateDialogueAsync(anna);
        await app.OpenAsync(dialogue, anna);
        using var browser = app.CreateBrowserClient();

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await browser.GetFromAsync($"deelnemen/{JoinCodes.Create()}", "203.0.113.7");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        // The guesser waits, even with the right code: the right code must not be found by trying faster.
        using var slowed = await browser.GetFromAsync($"deelnemen/{code}", "203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.True(int.Parse(slowed.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("te veel codes geprobeerd", SecurityHosts.Text(slowed), StringComparison.Ordinal);
        Assert.DoesNotContain("Input.DisplayName", SecurityHosts.Text(slowed), StringComparison.Ordinal);

        using var other = await browser.GetFromAsync($"deelnemen/{code}", "198.51.100.20");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("Input.DisplayName", SecurityHosts.Text(other), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_join_pages_answer_429_past_the_request_limit_of_an_address()
    {
        await using var app = await SecurityHosts.StartAsync(("RateLimits:Join:RequestsPerMinute", "5"));
        using var browser = app.CreateBrowserClient();

        for (var i = 0; i < 5; i++)
        {
            using var page = await browser.GetFromAsync(i % 2 == 0 ? "deelnemen" : $"d/{JoinCodes.Create()}", "203.0.113.8");
            Assert.NotEqual(HttpStatusCode.TooManyRequests, page.StatusCode);
        }

        using var refused = await browser.GetFromAsync("deelnemen", "203.0.113.8");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Contains("Te veel verzoeken vanaf dit adres.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var room = await browser.GetFromAsync($"d/{JoinCodes.Create()}", "203.0.113.8");
        Assert.Equal(HttpStatusCode.TooManyRequests, room.StatusCode);

        using var elsewhere = await browser.GetFromAsync("deelnemen", "203.0.113.9");
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task New_codes_have_nine_characters_and_six_character_codes_still_work()
    {
        var made = JoinCodes.Create();
        Assert.Equal(9, made.Length);
        Assert.Matches("^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$", JoinCodes.Display(made));
        Assert.Equal(made, JoinCodes.Normalize(" " + JoinCodes.Display(made).ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.Null(JoinCodes.Normalize(made[..8]));

        await using var app = await SecurityHosts.StartAsync();
        var anna = await app.CreateFacilitatorAsync("anna@owinsp.example", "Anna");
        var (dialogue, _) = await app.CreateDialogueAsync(anna);
        await app.QueryAsync(db => db.Dialogues.Where(d => d.Id == dialogue).ExecuteUpdateAsync(s => s.SetProperty(d => d.JoinCode, "ABCDEF"), Ct));
        await app.OpenAsync(dialogue, anna);

        using var browser = app.CreateBrowserClient();
        var page = await browser.GetStringAsync("deelnemen?code=abc-def", Ct);
        Assert.Contains("Input.DisplayName", page, StringComparison.Ordinal);
        Assert.Equal("ABC-DEF", JoinCodes.Display("ABCDEF"));
    }
}
