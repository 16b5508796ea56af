using System.Globalization;
using System.Security.Cryptography;
using IbtDialogue.Participants;
using IbtDialogue.Persistence;
using IbtDialogue.Protocol;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IbtDialogue.Live;

/// <summary>What a hub token says: which participant of which dialogue, and whether it may only read (the dialogue was closed).</summary>
public sealed record HubTicket(int ParticipantId, int DialogueId, bool ReadOnly);

/// <summary>
/// Short-lived hub tokens for participants. The long-lived participant token stays in the browser's HttpOnly
/// cookie and is only ever sent to <c>POST /api/hub-token/{dialogueId}</c>; what the WebAssembly client gets
/// there, and sends to the hub (in the WebSocket URL, where browsers allow nothing else), is this token: it
/// is protected by ASP.NET Core Data Protection (encrypted and signed with the keys in the database, so
/// every node reads it) and expires after <see cref="HubSecurityOptions.HubTokenLifetime"/>. A token copied
/// from a proxy's log is useless minutes later, and it never opens the join page or any other endpoint.
/// </summary>
public sealed class HubTokens(
    IDataProtectionProvider dataProtection,
    IDbContextFactory<DialogueDb> dbFactory,
    IOptionsMonitor<HubSecurityOptions> options,
    TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector protector = dataProtection.CreateProtector("IbtDialogue.HubToken.v1").ToTimeLimitedDataProtector();

    /// <summary>A hub token for the participant whose long-lived token this is in this dialogue, or null when it is none of its participants.</summary>
    public async Task<HubToken?> IssueAsync(int dialogueId, string? participantToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(participantToken))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = ParticipantTokens.Hash(participantToken);
        var participant = await (
                from p in db.Participants.AsNoTracking()
                join d in db.Dialogues on p.DialogueId equals d.Id
                where p.DialogueId == dialogueId && p.TokenHash == hash
                select new { p.Id, Closed = d.Status == DialogueStatus.Closed })
            .SingleOrDefaultAsync(cancellationToken);
        if (participant is null)
        {
            return null;
        }

        var lifetime = options.CurrentValue.HubTokenLifetime;
        var token = Protect(new HubTicket(participant.Id, dialogueId, participant.Closed), clock.GetUtcNow() + lifetime);
        return new HubToken(token, (int)lifetime.TotalSeconds);
    }

    /// <summary>Makes a token that expires at <paramref name="expires"/>.</summary>
    public string Protect(HubTicket ticket, DateTimeOffset expires) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{ticket.ParticipantId}:{ticket.DialogueId}:{(ticket.ReadOnly ? 1 : 0)}"), expires);

    /// <summary>What a token says, or null when it is forged, damaged or expired.</summary>
    public HubTicket? Read(string token)
    {
        try
        {
            var parts = protector.Unprotect(token).Split(':');
            return parts.Length == 3
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var participant)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var dialogue)
                ? new HubTicket(participant, dialogue, parts[2] == "1")
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
