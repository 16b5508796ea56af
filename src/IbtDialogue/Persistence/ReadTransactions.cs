using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IbtDialogue.Persistence;

public static class ReadTransactions
{
    /// <summary>
    /// Starts a transaction in which several queries see one committed state. On SQLite it is deferred, so
    /// it takes no write lock and never waits for (or blocks) the writer.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginReadAsync(this DialogueDb db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var transaction = connection.BeginTransaction(deferred: true);
            return await db.Database.UseTransactionAsync(transaction, cancellationToken)
                ?? throw new InvalidOperationException("EF Core did not take the SQLite transaction.");
        }

        return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
    }
}
