using System.Data.Common;

namespace Chokepoint.Licensing.Storage;

/// <summary>
/// One statement run once per row of a large write (a register import, a monitoring run's marks). On SQLite, an
/// embedded database, one prepared command is refilled and run per row. Where the database takes batches
/// (PostgreSQL), rows are gathered and sent a thousand at a time in one round trip: one round trip per row over a
/// network is what made a million-row import take minutes. A statement may depend on another's rows (a version row
/// on its counterparty): <see cref="After"/> is flushed before this one's batch is sent.
/// </summary>
public sealed class RowStatement : IAsyncDisposable
{
    private const int BatchRows = 1000;
    private readonly UnitOfWork _u;
    private readonly string _sql;
    private readonly (string, object?)[] _shape;
    private readonly DbCommand? _prepared;
    private DbBatch? _batch;

    /// <param name="shape">Every parameter with a value of its type; values that are the same for every row stay.</param>
    public RowStatement(UnitOfWork u, string sql, params (string Name, object? Value)[] shape)
    {
        (_u, _sql, _shape) = (u, sql, shape);
        if (!u.Connection.CanCreateBatch) _prepared = u.Command(sql, shape);
    }

    /// <summary>A statement whose rows must be written before this one's.</summary>
    public RowStatement? After { get; init; }

    /// <summary>The parameters of the next row, to fill before <see cref="AddAsync"/>.</summary>
    public DbParameterCollection Next()
    {
        if (_prepared is not null) return _prepared.Parameters;
        _batch ??= _u.Connection.CreateBatch();
        _batch.Transaction = _u.Transaction;
        var source = _u.Command(_sql, _shape);
        var command = _batch.CreateBatchCommand();
        command.CommandText = _sql;
        foreach (DbParameter p in source.Parameters)
        {
            var copy = command.CreateParameter();
            (copy.ParameterName, copy.Value, copy.DbType) = (p.ParameterName, p.Value, p.DbType);
            command.Parameters.Add(copy);
        }
        source.Dispose();
        _batch.BatchCommands.Add(command);
        return command.Parameters;
    }

    /// <summary>Writes the row just filled (on SQLite now, else when its batch is full or flushed).</summary>
    public async Task AddAsync(CancellationToken ct)
    {
        if (_prepared is not null) await _prepared.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        else if (_batch!.BatchCommands.Count >= BatchRows) await FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sends the rows gathered so far; call before anything reads them, and before committing.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (After is not null) await After.FlushAsync(ct).ConfigureAwait(false);
        if (_batch is not { BatchCommands.Count: > 0 } batch) return;
        _batch = null;
        await using (batch) await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_prepared is not null) await _prepared.DisposeAsync().ConfigureAwait(false);
        if (_batch is not null) await _batch.DisposeAsync().ConfigureAwait(false);
    }
}
