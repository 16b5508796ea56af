using IbtDialogue.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IbtDialogue.Tests.Support;

/// <summary>
/// Looks for a piece of text in every text column of every table of the database — the tables EF knows and the
/// ones it does not (the full-text index) — so a test can show that some personal data is nowhere any more.
/// </summary>
public static class DatabaseScan
{
    /// <summary>Where the text occurs (case-insensitive), as "Table.Column" for each occurrence.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(DialogueDb db, string text)
    {
        if (db.Database.IsNpgsql())
        {
            return await FindOnPostgresAsync(db, text);
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var found = new List<string>();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_data' AND name NOT LIKE '%_idx' AND name NOT LIKE '%_content' AND name NOT LIKE '%_docsize' AND name NOT LIKE '%_config'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            var columns = new List<string>();
            await using (var info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name, type FROM pragma_table_info('{table}')";
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    // Every column that can hold text (the full-text index declares no types).
                    if (reader.GetString(1) is "" or "TEXT")
                    {
                        columns.Add(reader.GetString(0));
                    }
                }
            }

            foreach (var column in columns)
            {
                await using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower($text)) > 0";
                var parameter = count.CreateParameter();
                parameter.ParameterName = "$text";
                parameter.Value = text;
                count.Parameters.Add(parameter);
                var hits = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                found.AddRange(Enumerable.Repeat($"{table}.{column}", hits));
            }
        }

        return found;
    }

    /// <summary>The same on PostgreSQL: every text and varchar column of the schema, the full-text table included.</summary>
    private static async Task<IReadOnlyList<string>> FindOnPostgresAsync(DialogueDb db, string text)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying') ORDER BY table_name, ordinal_position";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE strpos(lower(\"{column}\"), lower(@text)) > 0";
            var parameter = count.CreateParameter();
            parameter.ParameterName = "text";
            parameter.Value = text;
            count.Parameters.Add(parameter);
            var hits = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            found.AddRange(Enumerable.Repeat($"{table}.{column}", hits));
        }

        return found;
    }
}
