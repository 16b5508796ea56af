using System.Net.Http.Json;
using System.Text.Json;
using IbtDialogue.Protocol;

namespace IbtDialogue.Client.Live;

/// <summary>
/// A participant's short-lived hub token, fetched from <c>POST /api/hub-token/{dialogueId}</c> — where the
/// browser sends the participant's HttpOnly cookie by itself — and kept until a minute before it expires.
/// It is the connection's <c>AccessTokenProvider</c>, which SignalR calls on every (re)connect, so a
/// reconnect hours later gets a fresh token. The long-lived participant token never reaches page script.
/// </summary>
/// <param name="participantToken">
/// Only for a client outside a browser (the integration tests, the load benchmark): the participant's token,
/// presented as the browser presents it, in the cookie <c>ibt.participant.{dialogueId}</c>. A browser sends
/// its HttpOnly cookie by itself and passes null.
/// </param>
public sealed class HubTokenSource(HttpClient http, int dialogueId, string? participantToken = null)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private static readonly JsonSerializerOptions Json = CreateJson();
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
    private DateTime renewAfter;

    /// <summary>A source for a client outside a browser that holds the participant's token itself (see the constructor).</summary>
    public static HubTokenSource ForParticipantToken(Uri appAddress, int dialogueId, string participantToken) =>
        new(new HttpClient { BaseAddress = appAddress }, dialogueId, participantToken);

    /// <summary>The token to connect with. Throws <see cref="HttpRequestException"/> with the status when the server refuses (401: not a participant).</summary>
    public async Task<string?> GetAsync()
    {
        await gate.WaitAsync();
        try
        {
            // The device's clock only measures how long the token has been kept, so its error does not matter.
            if (token is not null && DateTime.UtcNow < renewAfter)
            {
                return token;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, HubContract.HubTokenUrl(dialogueId).TrimStart('/'));
            if (participantToken is not null)
            {
                request.Headers.Add("Cookie", $"ibt.participant.{dialogueId.ToString(System.Globalization.CultureInfo.InvariantCulture)}={participantToken}");
            }

            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var fresh = await response.Content.ReadFromJsonAsync<HubToken>(Json) ?? throw new HttpRequestException("The server answered no hub token.");
            token = fresh.Token;
            renewAfter = DateTime.UtcNow + TimeSpan.FromSeconds(fresh.ExpiresIn) - Margin;
            return token;
        }
        finally
        {
            gate.Release();
        }
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions();
        ProtocolJson.Configure(options);
        return options;
    }
}
