using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IbtDialogue.Client.Live;
using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Protocol;
using IbtDialogue.Room;
using IbtDialogue.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static IbtDialogue.Tests.Security.HubSecurityFixture;

namespace IbtDialogue.Tests.Security;

/// <summary>
/// Issue 10, finding 8 — the participant token travelled too far (in the room page's HTML, in the WebSocket
/// URL, never expiring). Now it stays in the HttpOnly cookie; the room gets short-lived hub tokens for it at
/// <c>POST /api/hub-token/{dialogueId}</c>, and only those open the hub.
/// </summary>
public sealed partial class HubTokenTests(AppHost app) : IClassFixture<AppHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_room_page_does_not_carry_the_participant_token()
    {
        var (_, _, dialogue, code, _) = await OpenDialogueAsync(app);
        var token = await app.JoinAsync(code, "Piet", "Zwolle");
        var cookies = new CookieContainer();
        cookies.Add(app.BaseAddress, new Cookie(ParticipantTokens.CookieName(dialogue), token, "/"));
        using var browser = app.CreateBrowserClient(cookies);

        using var page = await browser.GetAsync($"d/{code}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<!--Blazor:", html, StringComparison.Ordinal); // The room is on the page …

        // … and neither the page nor the parameters Blazor hands the WebAssembly room (base64 in its marker) hold the token.
        var everything = html + string.Concat(BlazorMarker().Matches(html).Select(m => Decoded(m.Groups["json"].Value)));
        Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(token), everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_long_lived_participant_token_no_longer_opens_the_hub()
    {
        var (_, _, _, code, _) = await OpenDialogueAsync(app);
        var token = await app.JoinAsync(code, "Piet", "Zwolle");

        using (var asBearer = await NegotiateAsync(app, cookies: null, bearer: token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
        }

        using (var inUrl = await NegotiateAsync(app, cookies: null, query: "&access_token=" + Uri.EscapeDataString(token)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, inUrl.StatusCode);
        }

        using var withHubToken = await NegotiateAsync(app, cookies: null, bearer: await app.HubTokenAsync(token));
        Assert.Equal(HttpStatusCode.OK, withHubToken.StatusCode);
    }

    [Fact]
    public async Task A_hub_token_is_given_only_for_the_participants_cookie_of_that_dialogue_and_opens_only_that_room()
    {
        var (_, _, dialogue, code, _) = await OpenDialogueAsync(app);
        var (_, _, other, _, _) = await OpenDialogueAsync(app);
        var token = await app.JoinAsync(code, "Piet", "Zwolle");

        foreach (var (cookie, cookieFor, asked) in new[] { ((string?)null, dialogue, dialogue), ("not-a-token", dialogue, dialogue), (token, dialogue, other), (token, other, other) })
        {
            using var refused = await AskHubTokenAsync(app, asked, cookie, cookieFor: cookieFor);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var given = await AskHubTokenAsync(app, dialogue, token, OwnOrigin(app));
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.True(given.Headers.CacheControl?.NoStore, "a hub token is not cached");
        var hubToken = await given.Content.ReadFromJsonAsync<HubToken>(ProtocolOptions, Ct);
        Assert.NotNull(hubToken);
        Assert.Equal(300, hubToken.ExpiresIn); // Five minutes by default.
        Assert.DoesNotContain(token, hubToken.Token, StringComparison.Ordinal);

        await using var client = new DialogueHubClient(app.HubUrl, options => options.AccessTokenProvider = () => Task.FromResult<string?>(hubToken.Token));
        await client.StartAsync(Ct);
        Assert.True((await client.EnterAsync(dialogue, cancellationToken: Ct)).Ok);
        Assert.Equal(ErrorCodes.NotFound, (await client.EnterAsync(other, cancellationToken: Ct)).Error);
    }

    [Fact]
    public async Task An_expired_or_altered_hub_token_is_refused()
    {
        var (_, _, dialogue, code, _) = await OpenDialogueAsync(app);
        await app.JoinAsync(code, "Piet", "Zwolle");
        var id = await app.QueryAsync(db => db.Participants.Where(p => p.DialogueId == dialogue).Select(p => p.Id).SingleAsync(Ct));
        var tokens = app.Services.GetRequiredService<HubTokens>();
        var ticket = new HubTicket(id, dialogue, ReadOnly: false);

        using (var expired = await NegotiateAsync(app, cookies: null, bearer: tokens.Protect(ticket, DateTimeOffset.UtcNow.AddSeconds(-1))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        }

        var valid = tokens.Protect(ticket, DateTimeOffset.UtcNow.AddMinutes(5));
        var altered = valid[..^3] + (valid[^3] == 'A' ? 'B' : 'A') + valid[^2..];
        using (var tampered = await NegotiateAsync(app, cookies: null, bearer: altered))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        }

        using var fresh = await NegotiateAsync(app, cookies: null, bearer: valid);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task The_token_of_a_closed_dialogue_reads_the_room_and_its_results_but_every_command_is_refused()
    {
        var (userId, _, dialogue, code, theme) = await OpenDialogueAsync(app);
        var token = await app.JoinAsync(code, "Piet", "Zwolle");
        await using (var before = app.ParticipantClient(token))
        {
            await before.StartAsync(Ct);
            Assert.True((await before.EnterAsync(dialogue, cancellationToken: Ct)).Ok);
            Assert.True((await before.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Bottleneck, "Te weinig inspecteurs"), Ct)).Ok);
        }

        var closed = await app.Services.GetRequiredService<RoomEngine>().CloseAsync(new DialogueCommand(Guid.NewGuid(), dialogue), new Actor(userId, null, null), Ct);
        Assert.True(closed.Result.Ok, closed.Result.Error);
        var contribution = await app.QueryAsync(db => db.Contributions.Where(c => c.DialogueId == dialogue).Select(c => c.Id).SingleAsync(Ct));

        await using var after = app.ParticipantClient(token);
        await after.StartAsync(Ct);
        var entered = await after.EnterAsync(dialogue, cancellationToken: Ct);
        Assert.True(entered.Ok, entered.Error);
        Assert.Equal(DialogueStatus.Closed, entered.Snapshot!.Stage.Status);
        Assert.NotNull(entered.Snapshot.ResultsPath);
        Assert.True((await after.GetSnapshotAsync(dialogue, Ct)).Ok);

        CommandResult[] refused =
        [
            await after.PostContributionAsync(new PostContribution(Guid.NewGuid(), dialogue, theme, ContributionKind.Question, "Nog één vraag"), Ct),
            await after.ReactAsync(new ContributionCommand(Guid.NewGuid(), dialogue, contribution), Ct),
            await after.EditContributionAsync(new EditContribution(Guid.NewGuid(), dialogue, contribution, "Anders"), Ct),
            await after.WithdrawContributionAsync(new ContributionCommand(Guid.NewGuid(), dialogue, contribution), Ct),
        ];
        Assert.All(refused, result => Assert.Equal(ErrorCodes.DialogueClosed, result.Error));
        Assert.Equal("Te weinig inspecteurs", await app.QueryAsync(db => db.Contributions.Where(c => c.Id == contribution).Select(c => c.Text).SingleAsync(Ct)));
        Assert.Equal(0, await app.QueryAsync(db => db.Reactions.CountAsync(r => r.ContributionId == contribution, Ct)));
    }

    private static readonly JsonSerializerOptions ProtocolOptions = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        ProtocolJson.Configure(options);
        return options;
    }

    /// <summary>The base64 parameter blobs of a Blazor component marker, decoded.</summary>
    private static string Decoded(string markerJson)
    {
        using var marker = JsonDocument.Parse(markerJson);
        var decoded = new StringBuilder(markerJson);
        foreach (var property in marker.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
        {
            try
            {
                decoded.Append(Encoding.UTF8.GetString(Convert.FromBase64String(property.Value.GetString()!)));
            }
            catch (FormatException)
            {
                // Not base64: already part of the text above.
            }
        }

        return decoded.ToString();
    }

    [GeneratedRegex("<!--Blazor:(?<json>\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex BlazorMarker();
}
