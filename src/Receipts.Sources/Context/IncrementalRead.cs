using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Context;

/// <summary>The steps both local agent-log importers share: read one planned file, write records with cursors.</summary>
internal static class IncrementalRead
{
    /// <summary>Reads the planned bytes of one file into <paramref name="sink"/>; null when the file vanished or cannot be read.</summary>
    public static (FilePosition Position, bool Incomplete)? ReadFile(
        FilePlan plan,
        JsonlLineReader reader,
        ILineSink sink,
        ProgressCounter counter,
        CancellationToken cancellationToken)
    {
        try
        {
            using var handle = FilePlanner.Open(plan.Path);
            var result = reader.Read(handle, plan.Start, plan.End, plan.StartLine, sink, counter.Add, cancellationToken);
            return (FileFingerprint.At(handle, result.Offset, plan.End, result.Line), result.IncompleteTail);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Vanished or unreadable since planning: read next time.
            return null;
        }
    }

    /// <summary>
    /// Writes records in batches of <paramref name="batchSize"/> (one for any ordinary import), the cursors with
    /// the last one. Entries become records only while the store reads them, so a large import never holds every
    /// record at once. If a run stops between batches, its files are read again next time and the store's
    /// fuller-copy rule makes the second write of a record change nothing.
    /// </summary>
    public static async Task<UsageWriteResult> WriteAsync<T>(
        IUsageStore store,
        IReadOnlyList<T> entries,
        Func<T, UsageRecord> toRecord,
        IReadOnlyCollection<SourceCursor> cursors,
        int batchSize,
        CancellationToken cancellationToken)
    {
        if (entries.Count == 0 && cursors.Count == 0)
        {
            return new UsageWriteResult(0, 0, 0);
        }

        var size = Math.Max(1, batchSize);
        int inserted = 0, replaced = 0, unchanged = 0;
        var start = 0;
        do
        {
            var count = Math.Min(size, entries.Count - start);
            var last = start + count >= entries.Count;
            var records = new ConvertingCollection<T, UsageRecord>(entries, start, count, toRecord);
            var result = await store.WriteUsageAsync(records, last ? cursors : [], cancellationToken);
            inserted += result.Inserted;
            replaced += result.Replaced;
            unchanged += result.Unchanged;
            start += count;
        }
        while (start < entries.Count);

        return new UsageWriteResult(inserted, replaced, unchanged);
    }
}
