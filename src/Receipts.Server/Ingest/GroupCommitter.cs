using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Server.Ingest;

/// <summary>
/// Group commit for a single-writer store (embedded DuckDB): batches that arrive while a commit is running wait,
/// then the next writer commits all of them in one transaction. One fsync serves many batches, which is what
/// makes thousands of small batches per second possible on one file. Each batch is still all or nothing (the
/// group is one transaction: every batch in it is committed, or none) and is answered only after the commit.
/// </summary>
internal sealed class GroupCommitter(IUsageStore store, bool group) : IUsageWriter, IDisposable
{
    /// <summary>Largest group, in records: bounds the latency one commit adds to the batches queued behind it.</summary>
    internal const int MaxGroupRecords = 10_000;

    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Queue<Pending> _queue = new();

    /// <summary>Batches queued for the next commit (tests use it to know a group has formed).</summary>
    internal int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public Task<UsageWrite> WriteAsync(IReadOnlyCollection<UsageRecord> records, CancellationToken cancellationToken) =>
        WriteAsync(records, [], cancellationToken);

    /// <summary>
    /// Commits <paramref name="records"/> and <paramref name="cursors"/> together with whatever other batches are
    /// waiting. Cursors of batches in one group are written in arrival order, so a later state of a key wins.
    /// </summary>
    public async Task<UsageWrite> WriteAsync(IReadOnlyCollection<UsageRecord> records, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        if (!group)
        {
            // A store with many writers (PostgreSQL) commits concurrent batches in parallel itself.
            var written = await store.WriteUsageAsync(records, cursors, cancellationToken);
            return new UsageWrite(written, written.Inserted == records.Count);
        }

        var mine = new Pending(records, cursors);
        lock (_lock)
        {
            _queue.Enqueue(mine);
        }

        // A caller cancelled while it waits leaves its batch queued: a later writer may still commit it, which is
        // harmless (it was never acknowledged, and a retry of it changes nothing).
        await _writer.WaitAsync(cancellationToken);
        try
        {
            while (!mine.Done.Task.IsCompleted)
            {
                await CommitGroupAsync(Drain());
            }
        }
        finally
        {
            _writer.Release();
        }

        return await mine.Done.Task;
    }

    public void Dispose() => _writer.Dispose();

    private List<Pending> Drain()
    {
        var group = new List<Pending>();
        var count = 0;
        lock (_lock)
        {
            while (_queue.TryPeek(out var next) && (group.Count == 0 || count + next.Records.Count <= MaxGroupRecords))
            {
                group.Add(_queue.Dequeue());
                count += next.Records.Count;
            }
        }

        return group;
    }

    private async Task CommitGroupAsync(List<Pending> batches)
    {
        var all = batches.Count == 1 ? batches[0].Records : batches.SelectMany(p => p.Records).ToList();
        var distinct = FullerCopy.KeepFullest(all);
        var cursors = Cursors(batches);
        UsageWriteResult written;
        try
        {
            // Not the leader's token: its client going away must not fail the other batches of the group.
            written = await store.WriteUsageAsync(distinct, cursors, CancellationToken.None);
        }
        catch (Exception e)
        {
            foreach (var pending in batches)
            {
                pending.Done.TrySetException(e);
            }

            return;
        }

        if (batches.Count == 1)
        {
            batches[0].Done.TrySetResult(new UsageWrite(written, written.Inserted == distinct.Count));
            return;
        }

        // The store reports counts for the whole group. They split exactly by batch when the batches did not
        // share ids and the group was all new or all known; otherwise each batch gets no counts (null).
        var disjoint = distinct.Count == all.Count;
        foreach (var pending in batches)
        {
            var n = pending.Records.Count;
            UsageWriteResult? share = !disjoint ? null
                : written.Inserted == distinct.Count ? new UsageWriteResult(n, 0, 0)
                : written.Unchanged == distinct.Count ? new UsageWriteResult(0, 0, n)
                : null;
            pending.Done.TrySetResult(new UsageWrite(share, disjoint && written.Inserted == distinct.Count));
        }
    }

    private static IReadOnlyCollection<SourceCursor> Cursors(List<Pending> batches)
    {
        if (batches.Count == 1)
        {
            return batches[0].Cursors;
        }

        var latest = new Dictionary<(string Source, string Key), SourceCursor>();
        foreach (var cursor in batches.SelectMany(p => p.Cursors))
        {
            latest[(cursor.Source, cursor.Key)] = cursor;
        }

        return latest.Values;
    }

    private sealed class Pending(IReadOnlyCollection<UsageRecord> records, IReadOnlyCollection<SourceCursor> cursors)
    {
        public IReadOnlyCollection<UsageRecord> Records { get; } = records;

        public IReadOnlyCollection<SourceCursor> Cursors { get; } = cursors;

        public TaskCompletionSource<UsageWrite> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
