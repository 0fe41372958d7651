using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Server.Ingest.Journal;

/// <summary>
/// The collector's own write-ahead journal beside the embedded store (<c>receipts.duckdb.journal/</c>). DuckDB holds
/// every commit while it checkpoints (0.7–1.3 s each, every few hundred thousand records); a batch that has waited
/// longer than the acknowledgement bar for its commit is appended here, fsynced, and acknowledged, and the store
/// catches up behind it. Each commit into the store also records the highest journal sequence it applied (a cursor in
/// the same transaction), so on the next start exactly the acknowledged batches the store lacks are applied again —
/// none twice, none lost. Once the store has applied everything the journal holds, the files are deleted.
/// </summary>
internal sealed class IngestJournal : IDisposable
{
    internal const string CursorSource = "collector-journal";
    internal const string AppliedKey = "applied";

    /// <summary>A segment is closed and a new one started past this size, so applied segments can be deleted under load.</summary>
    private const long SegmentBytes = 32L * 1024 * 1024;

    private const string Extension = ".journal";

    private readonly Lock _lock = new();
    private readonly List<(string Path, long Last)> _closed = [];
    private FileStream? _current;
    private string? _currentPath;
    private long _currentLast;
    private long _lastJournaled;
    private long _nextSequence;

    private IngestJournal(string directory, long nextSequence)
    {
        Directory = directory;
        _nextSequence = nextSequence;
    }

    public string Directory { get; }

    /// <summary>The journal of the store whose file is <paramref name="storePath"/>.</summary>
    public static string DirectoryFor(string storePath) => storePath + ".journal";

    /// <summary>
    /// Opens the journal in <paramref name="directory"/> and first applies to <paramref name="store"/> every journaled
    /// batch it has not applied yet (after a crash or a kill). A torn frame at the end of the last segment was never
    /// acknowledged and is dropped (the returned <see cref="JournalReplay"/> says so, for the server to print); any other
    /// damage stops the start with the file and offset named.
    /// </summary>
    public static async Task<(IngestJournal Journal, JournalReplay Replay)> OpenAsync(string directory, IUsageStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        string? torn = null;
        System.IO.Directory.CreateDirectory(directory);
        var applied = await AppliedAsync(store, cancellationToken);
        var segments = System.IO.Directory.GetFiles(directory, "*" + Extension).Order(StringComparer.Ordinal).ToList();
        var highest = applied;
        var pending = new List<JournalEntry>();
        for (var i = 0; i < segments.Count; i++)
        {
            var data = await File.ReadAllBytesAsync(segments[i], cancellationToken);
            var offset = 0;
            while (offset < data.Length)
            {
                JournalEntry? entry;
                int consumed;
                try
                {
                    entry = JournalCodec.TryReadFrame(data.AsSpan(offset), out consumed);
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or OverflowException)
                {
                    throw new InvalidDataException($"{segments[i]}: the journal entry at byte {offset} cannot be read ({e.Message}). Move the journal directory aside to start without it; acknowledged batches in it are then not in the store.", e);
                }

                if (entry is null)
                {
                    if (i == segments.Count - 1)
                    {
                        torn = $"{segments[i]}: {data.Length - offset} bytes at offset {offset} are a torn journal write (the process stopped inside it); it was never acknowledged and is dropped";
                        break;
                    }

                    throw new InvalidDataException($"{segments[i]}: the journal entry at byte {offset} is damaged, and later segments follow it. Move the journal directory aside to start without it; acknowledged batches in it are then not in the store.");
                }

                highest = Math.Max(highest, entry.Sequence);
                if (entry.Sequence > applied)
                {
                    pending.Add(entry);
                }

                offset += consumed;
            }
        }

        foreach (var group in Groups(pending))
        {
            await ApplyAsync(store, group, cancellationToken);
        }

        foreach (var segment in segments)
        {
            File.Delete(segment);
        }

        return (new IngestJournal(directory, highest + 1), new JournalReplay(pending.Count, pending.Sum(e => e.Records.Count), torn));
    }

    /// <summary>The cursor that records, in the store's own transaction, the highest journal sequence it applied.</summary>
    public static SourceCursor AppliedCursor(long sequence) =>
        new(CursorSource, AppliedKey, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The next batch's place in arrival order, increasing across restarts as the store's applied cursor is. The caller
    /// takes it under the same lock that queues the batch, so sequence order is commit order.
    /// </summary>
    public long NextSequence() => _nextSequence++;

    /// <summary>Appends <paramref name="entries"/> and fsyncs: when this returns they survive a crash or power loss.</summary>
    public void Append(IReadOnlyList<JournalEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_current is null || _current.Length >= SegmentBytes)
            {
                CloseCurrent();
                _currentPath = Path.Combine(Directory, entries[0].Sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + Extension);
                _current = new FileStream(_currentPath, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
            }

            foreach (var entry in entries)
            {
                JournalCodec.WriteFrame(_current, entry);
                _currentLast = Math.Max(_currentLast, entry.Sequence);
                _lastJournaled = Math.Max(_lastJournaled, entry.Sequence);
            }

            _current.Flush(flushToDisk: true);
        }
    }

    /// <summary>The store has committed every batch up to <paramref name="sequence"/>: segments holding nothing later go.</summary>
    public void Applied(long sequence)
    {
        lock (_lock)
        {
            if (sequence >= _lastJournaled && _current is not null)
            {
                CloseCurrent();
            }

            for (var i = _closed.Count - 1; i >= 0; i--)
            {
                if (_closed[i].Last <= sequence)
                {
                    File.Delete(_closed[i].Path);
                    _closed.RemoveAt(i);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _current?.Dispose();
            _current = null;
        }
    }

    internal static async Task ApplyAsync(IUsageStore store, IReadOnlyList<JournalEntry> group, CancellationToken cancellationToken)
    {
        var records = FullerCopy.KeepFullest(group.SelectMany(e => e.Records).ToList());
        var cursors = GroupCommitter.LatestCursors(group.SelectMany(e => e.Cursors), group.Max(e => e.Sequence));
        await store.WriteUsageAsync(records, cursors, cancellationToken);
    }

    private static async Task<long> AppliedAsync(IUsageStore store, CancellationToken cancellationToken)
    {
        var cursors = await store.GetCursorsAsync(CursorSource, cancellationToken);
        return cursors.TryGetValue(AppliedKey, out var cursor) ? long.Parse(cursor.State, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static IEnumerable<List<JournalEntry>> Groups(List<JournalEntry> entries)
    {
        var group = new List<JournalEntry>();
        var count = 0;
        foreach (var entry in entries.OrderBy(e => e.Sequence))
        {
            if (group.Count > 0 && count + entry.Records.Count > GroupCommitter.MaxJournaledGroupRecords)
            {
                yield return group;
                group = [];
                count = 0;
            }

            group.Add(entry);
            count += entry.Records.Count;
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private void CloseCurrent()
    {
        if (_current is null)
        {
            return;
        }

        _current.Dispose();
        _closed.Add((_currentPath!, _currentLast));
        _current = null;
        _currentPath = null;
        _currentLast = 0;
    }
}
