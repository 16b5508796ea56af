using System.Security.Claims;
using System.Text.Encodings.Web;
using IbtDialogue.Live;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Accounts;

/// <summary>
/// Authenticates a participant by the token they got when joining: as a bearer header, or (browsers cannot
/// set headers on WebSockets) as <c>access_token</c> in the query string of the hub's URL. The token is
/// looked up by its hash in the database, so any node can check it.
/// </summary>
public sealed class ParticipantTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<DialogueDb> dbFactory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ParticipantToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenFromRequest();
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var hash = ParticipantTokens.Hash(token);
        var participant = await db.Participants.AsNoTracking()
            .Where(p => p.TokenHash == hash)
            .Select(p => new { p.Id, p.DialogueId, p.DisplayName })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (participant is null)
        {
            return AuthenticateResult.Fail("Unknown participant token.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(Actor.ParticipantClaim, participant.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(Actor.DialogueClaim, participant.DialogueId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, participant.DisplayName),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private string? TokenFromRequest()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return Request.Path.StartsWithSegments(Protocol.HubContract.Path) ? Request.Query["access_token"].ToString() : null;
    }
}
