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
    /// Writes records in batches, the cursors with the last one. If a run stops half way, its files are
    /// read again next time and the store's fuller-copy rule makes the second write of a record change nothing.
    /// Entries become records one batch at a time, so a large import never holds every record at once.
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

        var batches = entries.Chunk(Math.Max(1, batchSize)).ToList();
        if (batches.Count == 0)
        {
            batches.Add([]);
        }

        int inserted = 0, replaced = 0, unchanged = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            var records = Array.ConvertAll(batches[i], e => toRecord(e));
            var result = await store.WriteUsageAsync(records, i == batches.Count - 1 ? cursors : [], cancellationToken);
            inserted += result.Inserted;
            replaced += result.Replaced;
            unchanged += result.Unchanged;
        }

        return new UsageWriteResult(inserted, replaced, unchanged);
    }
}
