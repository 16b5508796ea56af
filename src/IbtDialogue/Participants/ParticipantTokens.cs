using IbtDialogue.Persistence;

namespace IbtDialogue.Participants;

/// <summary>Participant access tokens: 256 random bits, kept only as a SHA-256 hash on the server.</summary>
public static class ParticipantTokens
{
    public static string Create() => StoredSecrets.Create();

    public static string Hash(string token) => StoredSecrets.Hash(token);

    /// <summary>The cookie that keeps a participant's token for one dialogue in their browser.</summary>
    public static string CookieName(int dialogueId) => $"ibt.participant.{dialogueId}";
}
