using DuckDB.NET.Data;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore
{
    /// <summary>
    /// A first import's rows appended to <c>usage_records</c> while the import reads: the table is empty and the store's
    /// writer lock is held until commit or dispose, so nothing else can meet these rows and ids stay unique as long as
    /// the caller appends each id once (<see cref="IUsageBulkLoad.Append"/>). Not with the collector's id filter.
    /// </summary>
    public async Task<IUsageBulkLoad?> BeginBulkLoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        DuckDBTransaction? transaction = null;
        try
        {
            if (_idFilter is not null)
            {
                _gate.Release();
                return null;
            }

            transaction = (DuckDBTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            if (await HasUsageAsync(transaction, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                await transaction.DisposeAsync();
                _gate.Release();
                return null;
            }

            return new BulkLoad(this, transaction);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            _gate.Release();
            throw;
        }
    }

    private sealed class BulkLoad(DuckDbStore store, DuckDBTransaction transaction) : IUsageBulkLoad
    {
        /// <summary>Eight of DuckDB's 2,048-row chunks.</summary>
        private const int RowsPerAppender = 16_384;

        private DuckDBAppender? _appender = store._connection.CreateAppender(null, "main", "usage_records");
        private int _appended;
        private bool _done;

        public void Append(UsageRecord record)
        {
            ArgumentNullException.ThrowIfNull(record);
            ObjectDisposedException.ThrowIf(_appender is null, this);
            AppendRow(_appender, record);
            _appended++;
            if (_appended % RowsPerAppender == 0)
            {
                // DuckDB's appender holds its rows until it is closed (or holds 204,800): closing one every RowsPerAppender
                // rows moves them into the transaction while the import is still reading, instead of all at commit.
                _appender.Dispose();
                _appender = store._connection.CreateAppender(null, "main", "usage_records");
            }
        }

        public async Task<UsageWriteResult> CommitAsync(
            IReadOnlyCollection<string> withdrawn,
            IReadOnlyCollection<UsageRecord> late,
            IReadOnlyCollection<SourceCursor> cursors,
            CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(withdrawn);
            ArgumentNullException.ThrowIfNull(late);
            ObjectDisposedException.ThrowIf(_appender is null, this);
            _appender.Dispose();
            _appender = null;
            var removed = 0;
            if (withdrawn.Count > 0)
            {
                await store.Execute("CREATE TEMP TABLE IF NOT EXISTS usage_withdrawn (id VARCHAR)", transaction, cancellationToken);
                await store.Execute("DELETE FROM usage_withdrawn", transaction, cancellationToken);
                using (var ids = store._connection.CreateAppender("temp", "main", "usage_withdrawn"))
                {
                    foreach (var id in withdrawn)
                    {
                        ids.CreateRow().AppendValue(id).EndRow();
                    }
                }

                await using var delete = store.Command("DELETE FROM usage_records WHERE id IN (SELECT id FROM usage_withdrawn)", transaction);
                removed = await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            var added = late.Count > 0 ? store.Stage(FullerCopy.KeepFullest(late as IReadOnlyList<UsageRecord> ?? [.. late]), catalog: null, "usage_records") : 0;
            await store.SaveCursorsInBulkAsync(cursors, transaction, cancellationToken);

            // A load this large is checkpointed by the commit itself (the WAL would pass DuckDB's threshold). Without FSST
            // (its symbol tables are built and applied one column at a time, on one thread) that checkpoint takes about a
            // third less time on the benchmark corpus; strings are kept in dictionary or plain form instead, so the file is
            // larger (18 instead of 14 MB for the 1 GB benchmark corpus). Later writes compress as usual.
            await store.Execute("SET disabled_compression_methods = 'fsst'", null, cancellationToken);
            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                await store.Execute("RESET disabled_compression_methods", null, CancellationToken.None);
            }

            _done = true;
            return new UsageWriteResult(checked(_appended - removed + added), 0, 0);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                _appender?.Dispose();
                if (!_done)
                {
                    await transaction.RollbackAsync();
                }
            }
            finally
            {
                await transaction.DisposeAsync();
                store._gate.Release();
            }
        }
    }
}
