using System.Diagnostics;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Server.Ingest.Journal;

namespace Receipts.Server.Ingest;

/// <summary>
/// Group commit for a single-writer store (embedded DuckDB): batches that arrive while a commit is running wait,
/// then the next commit takes all of them in one transaction. One fsync serves many batches, which is what makes
/// thousands of small batches per second possible on one file. Each batch is still all or nothing (the group is one
/// transaction: every batch in it is committed, or none) and is answered only once it is durable.
/// <para>
/// With a journal (<see cref="IngestJournal"/>), one background writer commits the groups, and a batch whose commit
/// has not finished within <c>journalAckAfter</c> — DuckDB holds every commit while it checkpoints, up to a second or
/// more — is appended to the journal, fsynced and answered from there; the store applies it behind. A batch is thus
/// answered when the store or the journal has it durably, whichever comes first.
/// </para>
/// </summary>
internal sealed class GroupCommitter : IUsageWriter, IAsyncDisposable, IDisposable
{
    /// <summary>Largest group, in records: bounds the latency one commit adds to the batches queued behind it.</summary>
    internal const int MaxGroupRecords = 10_000;

    /// <summary>Largest group with a journal: batches behind a long commit are answered from the journal anyway, so the store catches up in big steps.</summary>
    internal const int MaxJournaledGroupRecords = 50_000;

    /// <summary>Records waiting for the store beyond which nothing more is answered from the journal: the store must catch up (backpressure, bounded memory).</summary>
    internal const int MaxBacklogRecords = 400_000;

    private readonly IUsageStore _store;
    private readonly bool _group;
    private readonly IngestJournal? _journal;
    private readonly TimeSpan _journalAckAfter;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Queue<Pending> _queue = new();

    // With a journal only: batches not yet journaled nor committed, in sequence order; the two background loops.
    private readonly Queue<Pending> _unjournaled = new();
    private readonly SemaphoreSlim _work = new(0);
    private readonly SemaphoreSlim _journalWork = new(0);
    private readonly Task? _applier;
    private readonly Task? _journaler;
    private long _applied;
    private Pending? _last;
    private int _backlog;
    private bool _stopping;

    private readonly Action<int>? _journalAnswered;

    /// <param name="journalAnswered">Told how many batches each journal append answered (the collector's metrics).</param>
    public GroupCommitter(IUsageStore store, bool group, IngestJournal? journal = null, TimeSpan? journalAckAfter = null, Action<int>? journalAnswered = null)
    {
        _journalAnswered = journalAnswered;
        _store = store;
        _group = group;
        _journal = group ? journal : null;
        _journalAckAfter = journalAckAfter ?? TimeSpan.FromMilliseconds(20);
        if (_journal is not null)
        {
            _applier = Task.Run(ApplyLoopAsync);
            _journaler = Task.Run(JournalLoopAsync);
        }
    }

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
        if (!_group)
        {
            // A store with many writers (PostgreSQL) commits concurrent batches in parallel itself.
            var written = await _store.WriteUsageAsync(records, cursors, cancellationToken);
            return new UsageWrite(written, written.Inserted == records.Count);
        }

        if (_journal is not null)
        {
            return await EnqueueJournaledAsync(records, cursors, cancellationToken);
        }

        var mine = new Pending(records, cursors, 0);
        lock (_lock)
        {
            _queue.Enqueue(mine);
        }

        // A caller cancelled while it waits leaves its batch queued: a later writer may still commit it, which is
        // harmless (it was never acknowledged, and a retry of it changes nothing).
        await _writer.WaitAsync(cancellationToken);
        try
        {
            while (!mine.Applied.Task.IsCompleted)
            {
                await CommitGroupAsync(Drain(MaxGroupRecords));
            }
        }
        finally
        {
            _writer.Release();
        }

        return await mine.Applied.Task;
    }

    /// <summary>
    /// Returns once the store has applied (or failed) every batch queued so far: with a journal, batches answered
    /// early are in the store afterwards. The host calls it when it stops, after the last request.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        Pending? last;
        lock (_lock)
        {
            last = _last;
        }

        if (last is not null)
        {
            await Task.WhenAny(last.Applied.Task).WaitAsync(cancellationToken);
        }
    }

    /// <summary>Commits everything queued (with a journal: everything acknowledged) before returning.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_journal is not null)
        {
            lock (_lock)
            {
                _stopping = true;
            }

            _work.Release();
            _journalWork.Release();
            await _applier!;
            await _journaler!;
        }

        _writer.Dispose();
        _work.Dispose();
        _journalWork.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task<UsageWrite> EnqueueJournaledAsync(IReadOnlyCollection<UsageRecord> records, IReadOnlyCollection<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        Pending mine;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);

            // The sequence is taken under the lock that queues the batch: sequence order is commit order.
            mine = new Pending(records, cursors, _journal!.NextSequence());
            _queue.Enqueue(mine);
            _unjournaled.Enqueue(mine);
            _backlog += records.Count;
            _last = mine;
        }

        _work.Release();
        if (_journalWork.CurrentCount == 0)
        {
            _journalWork.Release();
        }

        // A caller that gives up leaves its batch queued; it may still be committed, which a retry makes harmless.
        return mine.Acked.Task.WaitAsync(cancellationToken);
    }

    private async Task ApplyLoopAsync()
    {
        while (true)
        {
            await _work.WaitAsync();
            List<Pending> group;
            lock (_lock)
            {
                if (_queue.Count == 0 && _stopping)
                {
                    return;
                }
            }

            group = Drain(MaxJournaledGroupRecords);
            if (group.Count > 0)
            {
                await CommitGroupAsync(group);
            }
        }
    }

    /// <summary>Journals every batch whose commit is overdue, with all batches behind it, and answers them.</summary>
    private async Task JournalLoopAsync()
    {
        while (true)
        {
            Pending? oldest;
            bool stopping;
            lock (_lock)
            {
                while (_unjournaled.TryPeek(out var head) && head.Applied.Task.IsCompleted)
                {
                    _unjournaled.Dequeue();
                }

                oldest = _unjournaled.Count > 0 ? _unjournaled.Peek() : null;
                stopping = _stopping;
            }

            if (oldest is null)
            {
                if (stopping)
                {
                    return;
                }

                await _journalWork.WaitAsync();
                continue;
            }

            var wait = _journalAckAfter - Stopwatch.GetElapsedTime(oldest.Queued);
            if (wait > TimeSpan.Zero && !stopping)
            {
                await Task.Delay(wait);
                continue;
            }

            if (stopping)
            {
                // Shutting down: the applier commits what is left; nothing more needs the journal.
                await _applier!;
                return;
            }

            if (!JournalOverdue())
            {
                await Task.Delay(5);
            }
        }
    }

    /// <returns>False when nothing could be journaled (the store is too far behind, or the journal failed).</returns>
    private bool JournalOverdue()
    {
        List<Pending> batches;
        lock (_lock)
        {
            if (_backlog > MaxBacklogRecords)
            {
                // The store is far behind: the next batches wait for it rather than grow the backlog further.
                batches = [];
            }
            else
            {
                batches = [.. _unjournaled.Where(p => !p.Applied.Task.IsCompleted)];
                _unjournaled.Clear();
            }
        }

        if (batches.Count == 0)
        {
            return false;
        }

        try
        {
            _journal!.Append([.. batches.Select(p => new JournalEntry(p.Sequence, p.Records, p.Cursors))]);
        }
        catch (IOException)
        {
            // The journal cannot take them (disk full, …): they wait for the store, as without a journal.
            return false;
        }

        var answered = 0;
        foreach (var pending in batches)
        {
            answered += pending.Acked.TrySetResult(new UsageWrite(null, false) { Applied = pending.Applied.Task }) ? 1 : 0;
        }

        _journalAnswered?.Invoke(answered);
        return true;
    }

    private List<Pending> Drain(int maxRecords)
    {
        var group = new List<Pending>();
        var count = 0;
        lock (_lock)
        {
            while (_queue.TryPeek(out var next) && (group.Count == 0 || count + next.Records.Count <= maxRecords))
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
        // With a journal, the highest sequence the store will hold after this commit: what a restart skips.
        long? applied = _journal is null ? null : Math.Max(_applied, batches.Max(p => p.Sequence));
        var cursors = batches.Count == 1 && applied is null ? batches[0].Cursors : LatestCursors(batches.SelectMany(p => p.Cursors), applied);
        UsageWriteResult written;
        try
        {
            // Not the leader's token: its client going away must not fail the other batches of the group.
            written = await _store.WriteUsageAsync(distinct, cursors, CancellationToken.None);
        }
        catch (Exception e)
        {
            Failed(batches, e);
            return;
        }

        if (_journal is not null)
        {
            lock (_lock)
            {
                _backlog -= all.Count;
            }

            _applied = applied!.Value;
            _journal.Applied(_applied);
        }

        if (batches.Count == 1)
        {
            Done(batches[0], new UsageWrite(written, written.Inserted == distinct.Count));
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
            Done(pending, new UsageWrite(share, disjoint && written.Inserted == distinct.Count));
        }
    }

    private void Failed(List<Pending> batches, Exception e)
    {
        if (_journal is null)
        {
            foreach (var pending in batches)
            {
                pending.Applied.TrySetException(e);
            }

            return;
        }

        // A batch not answered yet gets the failure (503; its sender retries). One already answered from the journal
        // must still reach the store: it goes back to the head of the queue, and the writer tries again shortly.
        var retry = new List<Pending>();
        foreach (var pending in batches)
        {
            if (pending.Acked.TrySetException(e))
            {
                pending.Applied.TrySetException(e);
                lock (_lock)
                {
                    _backlog -= pending.Records.Count;
                }
            }
            else
            {
                retry.Add(pending);
            }
        }

        bool stopping;
        lock (_lock)
        {
            stopping = _stopping;
        }

        // Shutting down with the store failing: what was answered stays in the journal for the next start.
        if (retry.Count > 0 && !stopping)
        {
            lock (_lock)
            {
                var rest = _queue.ToList();
                _queue.Clear();
                foreach (var pending in retry.Concat(rest))
                {
                    _queue.Enqueue(pending);
                }
            }

            _ = Task.Delay(TimeSpan.FromSeconds(1)).ContinueWith(_ => _work.Release(), TaskScheduler.Default);
        }
    }

    private static void Done(Pending pending, UsageWrite write)
    {
        pending.Applied.TrySetResult(write);
        pending.Acked.TrySetResult(write);
    }

    /// <summary>
    /// The cursors of batches committed together, a later state of a key winning (arrival order), and with a journal the
    /// cursor recording the highest journal sequence the commit holds (<paramref name="applied"/>).
    /// </summary>
    internal static IReadOnlyCollection<SourceCursor> LatestCursors(IEnumerable<SourceCursor> cursors, long? applied)
    {
        var latest = new Dictionary<(string Source, string Key), SourceCursor>();
        foreach (var cursor in cursors)
        {
            latest[(cursor.Source, cursor.Key)] = cursor;
        }

        if (applied is { } sequence)
        {
            var cursor = IngestJournal.AppliedCursor(sequence);
            latest[(cursor.Source, cursor.Key)] = cursor;
        }

        return latest.Values;
    }

    private sealed class Pending(IReadOnlyCollection<UsageRecord> records, IReadOnlyCollection<SourceCursor> cursors, long sequence)
    {
        public IReadOnlyCollection<UsageRecord> Records { get; } = records;

        public IReadOnlyCollection<SourceCursor> Cursors { get; } = cursors;

        public long Sequence { get; } = sequence;

        public long Queued { get; } = Stopwatch.GetTimestamp();

        /// <summary>Set once the store has committed the batch (or failed to).</summary>
        public TaskCompletionSource<UsageWrite> Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set once the batch is durable in the store or the journal: when its sender is answered.</summary>
        public TaskCompletionSource<UsageWrite> Acked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
