using DuckDB.NET.Data;
using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb;

/// <summary>
/// The embedded store: one DuckDB file, one connection per process (DuckDB allows a single writer).
/// Each feature's queries live in their own partial file (<c>DuckDbStore.Usage.cs</c>, …).
/// </summary>
public sealed partial class DuckDbStore : IUsageStore, IAsyncDisposable
{
    private readonly DuckDBConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Usage write path (DuckDbStore.Usage.cs): the stored ids in memory once asked for, and whether the
    // connection's staging tables exist.
    private UsageIdFilter? _idFilter;
    private bool _usageTempTables;

    private DuckDbStore(DuckDBConnection connection, TimeProvider time, string path)
    {
        _connection = connection;
        _time = time;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens (creating when absent) the database at <paramref name="path"/> and brings its schema up to date.
    /// Throws <see cref="StoreUnavailableException"/> with the reason when the file cannot be opened.
    /// </summary>
    public static async Task<DuckDbStore> OpenAsync(string path, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        DuckDBConnection? connection = null;
        try
        {
            var directory = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            connection = new DuckDBConnection($"Data Source={full}");
            await connection.OpenAsync(cancellationToken);
            await Migrator.MigrateAsync(connection, time, cancellationToken);
            var store = new DuckDbStore(connection, time, full);
            connection = null;
            return store;
        }
        catch (Exception e) when (e is DuckDBException or IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException(full, e.Message, e);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A second handle on the same, already migrated database, on a connection of its own: long reads through it (a
    /// dashboard snapshot) run beside this handle's writes instead of queueing behind them (DuckDB.NET shares one
    /// database per file within a process; each connection sees committed data as of its transaction's start).
    /// </summary>
    public async Task<DuckDbStore> OpenSiblingAsync(CancellationToken cancellationToken)
    {
        var connection = new DuckDBConnection($"Data Source={Path}");
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new DuckDbStore(connection, _time, Path);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    private DuckDBCommand Command(string sql, DuckDBTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
