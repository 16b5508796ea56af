using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using IbtDialogue.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Accounts;

/// <summary>
/// Authenticates a participant on the hub by a short-lived hub token (<see cref="HubTokens"/>): as a bearer
/// header, or (browsers cannot set headers on WebSockets) as <c>access_token</c> in the query string of the
/// hub's URL. The long-lived participant token from the join page is not accepted here: it only buys hub
/// tokens at <c>POST /api/hub-token/{dialogueId}</c>. A token is checked by its signature and expiry, so
/// any node can check it without the database; the room's rules check the participant against the
/// database for every command.
/// </summary>
public sealed class ParticipantTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HubTokens hubTokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ParticipantToken";

    /// <summary>Present on a participant whose hub token was made for a closed dialogue: they may read, not act.</summary>
    public const string ReadOnlyClaim = "ibt:read-only";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenFromRequest();
        if (string.IsNullOrEmpty(token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (hubTokens.Read(token) is not { } ticket)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown or expired hub token."));
        }

        List<Claim> claims =
        [
            new(Actor.ParticipantClaim, ticket.ParticipantId.ToString(CultureInfo.InvariantCulture)),
            new(Actor.DialogueClaim, ticket.DialogueId.ToString(CultureInfo.InvariantCulture)),
        ];
        if (ticket.ReadOnly)
        {
            claims.Add(new Claim(ReadOnlyClaim, "true"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    private string? TokenFromRequest()
    {
        if (!Request.Path.StartsWithSegments(Protocol.HubContract.Path))
        {
            return null; // Hub tokens are for the hub only.
        }

        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return Request.Query["access_token"].ToString();
    }
}
