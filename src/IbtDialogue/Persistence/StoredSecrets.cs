using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace IbtDialogue.Persistence;

/// <summary>
/// Secrets handed to people (participant tokens, invitation and reset links): 256 random bits, of which the
/// server keeps only the SHA-256 hash, so a copy of the database opens nothing.
/// </summary>
public static class StoredSecrets
{
    public static string Create() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
