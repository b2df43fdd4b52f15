using Npgsql;
using NpgsqlTypes;

namespace Chokepoint.Licensing.Storage;

/// <summary>
/// Rows of text loaded into a temporary table inside a unit of work, for set-based statements over them (a
/// register import adds a million counterparties and their first versions in two statements). PostgreSQL loads
/// them with binary COPY, SQLite with one prepared insert; the table lasts until the result is disposed or the
/// transaction ends.
/// </summary>
public sealed class StagedRows : IAsyncDisposable
{
    private readonly UnitOfWork _u;
    private readonly string _table;
    private readonly bool _droppedAtEnd;

    private StagedRows(UnitOfWork u, string table, bool droppedAtEnd) => (_u, _table, _droppedAtEnd) = (u, table, droppedAtEnd);

    /// <param name="table">A fixed name of ours (never input): it is written into the SQL.</param>
    public static async Task<StagedRows> LoadAsync(UnitOfWork u, string table, string[] columns, IEnumerable<string?[]> rows, CancellationToken ct)
    {
        // PostgreSQL drops the table with the transaction (a failed one cannot run a DROP); SQLite keeps it with the
        // pooled connection, so it is dropped on dispose.
        var pg = u.Connection as NpgsqlConnection;
        await u.ExecuteAsync($"DROP TABLE IF EXISTS {table}", ct).ConfigureAwait(false);
        await u.ExecuteAsync($"CREATE TEMP TABLE {table} ({string.Join(", ", columns.Select(c => c + " TEXT"))}){(pg is null ? "" : " ON COMMIT DROP")}", ct).ConfigureAwait(false);
        var staged = new StagedRows(u, table, droppedAtEnd: pg is not null);
        if (pg is not null)
        {
            await using var copy = await pg.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct).ConfigureAwait(false);
                foreach (var value in row)
                    if (value is null) await copy.WriteNullAsync(ct).ConfigureAwait(false);
                    else await copy.WriteAsync(value, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            }
            await copy.CompleteAsync(ct).ConfigureAwait(false);
            return staged;
        }
        await using var insert = u.Command($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})",
            [.. columns.Select(c => (c, (object?)""))]);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++) insert.Parameters[columns[i]].Value = row[i] ?? (object)DBNull.Value;
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return staged;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_droppedAtEnd) await _u.ExecuteAsync($"DROP TABLE IF EXISTS {_table}", CancellationToken.None).ConfigureAwait(false);
    }
}
