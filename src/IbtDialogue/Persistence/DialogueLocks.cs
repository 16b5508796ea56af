using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Persistence;

public static class DialogueLocks
{
    /// <summary>The first key of the two-key advisory locks this app takes: "dialogue" (distinct from any other use of advisory locks on the server).</summary>
    private const int DialogueLockClass = 0x1B7D;

    /// <summary>
    /// On PostgreSQL, waits until no other transaction (on any node) holds the dialogue's lock and takes it
    /// until this transaction ends: one command per dialogue at a time across the whole deployment, so budgets,
    /// caps, versions and command ids are decided on what the previous command committed. Call it as the first
    /// statement of the command's transaction; a transaction that takes several takes them in ascending order. On SQLite it does nothing: there the process-local
    /// <see cref="WriteGate"/> already lets one writer at a time reach the file.
    /// </summary>
    public static async Task LockDialogueAsync(this DialogueDb db, int dialogueId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({DialogueLockClass}, {dialogueId})", cancellationToken);
        }
    }
}
