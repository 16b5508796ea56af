using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace IbtDialogue.Participants;

/// <summary>Participant access tokens: 256 random bits, kept only as a SHA-256 hash on the server.</summary>
public static class ParticipantTokens
{
    public static string Create() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The cookie that keeps a participant's token for one dialogue in their browser.</summary>
    public static string CookieName(int dialogueId) => $"ibt.participant.{dialogueId}";
}
