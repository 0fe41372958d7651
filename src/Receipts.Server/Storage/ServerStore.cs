using Receipts.Domain.Storage;
using Receipts.Server.Ingest.Journal;
using Receipts.Storage.DuckDb;
using Receipts.Storage.Postgres;

namespace Receipts.Server.Storage;

/// <summary>
/// The opened store, seen through the contracts the server needs. Both stores implement all of them;
/// this holds one object under each role so the host does not depend on which database it is.
/// </summary>
public sealed class ServerStore : IAsyncDisposable
{
    /// <summary>
    /// The embedded store's write-ahead log size before a checkpoint, for the collector: DuckDB's 16 MB default
    /// checkpoints every ~25,000 records, and each checkpoint stalls commits for 1–2 s once the ledger holds a
    /// million rows (docs/benchmarks.md (collector)). 256 MB keeps those stalls out of the p99; the log replays on the
    /// next start after a crash.
    /// </summary>
    internal const long CollectorCheckpointBytes = 256L * 1024 * 1024;

    private readonly IAsyncDisposable _owner;

    private ServerStore(IAsyncDisposable owner, IUsageStore usage, ITokenStore tokens, IStoreHealth health, string description, bool singleWriter, IngestJournal? journal = null)
    {
        Journal = journal;
        SingleWriter = singleWriter;
        _owner = owner;
        Usage = usage;
        Tokens = tokens;
        Health = health;
        Description = description;
    }

    public IUsageStore Usage { get; }

    public ITokenStore Tokens { get; }

    public IStoreHealth Health { get; }

    /// <summary>True for the embedded DuckDB file: one writer at a time, so the server groups concurrent batches into one commit.</summary>
    public bool SingleWriter { get; }

    /// <summary>The collector's journal beside the embedded store (null for PostgreSQL, which never stalls every commit).</summary>
    internal IngestJournal? Journal { get; }

    /// <summary>What the journal held that the store lacked, applied when the store was opened (null for PostgreSQL).</summary>
    public JournalReplay? JournalReplay { get; private init; }

    /// <summary>Where the store is, without secrets.</summary>
    public string Description { get; }

    /// <summary>
    /// Opens the store <paramref name="spec"/> names; throws <see cref="StoreUnavailableException"/> when it cannot.
    /// The embedded store's collector journal is opened with it, and whatever acknowledged batches it holds that the
    /// store lacks (the collector was killed while the store caught up) are applied first.
    /// </summary>
    public static async Task<ServerStore> OpenAsync(StoreSpec spec, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Kind == StoreKind.DuckDb)
        {
            var duck = await DuckDbStore.OpenAsync(spec.Target, time, cancellationToken);
            try
            {
                await duck.SetCheckpointThresholdAsync(CollectorCheckpointBytes, cancellationToken);
                await duck.KeepUsageIdsInMemoryAsync(cancellationToken);
                var (journal, replay) = await IngestJournal.OpenAsync(IngestJournal.DirectoryFor(duck.Path), duck, cancellationToken);
                return new ServerStore(new Owner(duck, journal), duck, duck, duck, $"duckdb {duck.Path}", singleWriter: true, journal) { JournalReplay = replay };
            }
            catch
            {
                await duck.DisposeAsync();
                throw;
            }
        }

        var postgres = await PostgresStore.OpenAsync(spec.Target, time, cancellationToken);
        return new ServerStore(postgres, postgres, postgres, postgres, postgres.Location, singleWriter: false);
    }

    public ValueTask DisposeAsync() => _owner.DisposeAsync();

    /// <summary>The embedded store and its journal, closed together.</summary>
    private sealed class Owner(IAsyncDisposable store, IngestJournal journal) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            journal.Dispose();
            return store.DisposeAsync();
        }
    }
}
