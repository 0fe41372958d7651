using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Gateways;

/// <summary>
/// The run every per-request importer shares: start from <c>--since</c>, else the source's cursor, else
/// <see cref="UsageCursor.DefaultDays"/> days back; fetch everything new (a malformed page throws before
/// anything is written); then write the records and the new cursor in one transaction. Record ids are the
/// gateway's request ids, so a re-fetched overlap replaces itself instead of adding.
/// </summary>
internal static class UsageImport
{
    public static async Task<SourceImportSummary> RunAsync(
        string source,
        IUsageStore store,
        TimeProvider time,
        DateTimeOffset? since,
        Func<DateTimeOffset, SourceImportSummary, Task<IReadOnlyCollection<UsageRecord>>> fetch,
        CancellationToken cancellationToken)
    {
        var previous = UsageCursor.Read(await store.GetCursorsAsync(source, cancellationToken));
        var now = time.GetUtcNow();
        var from = since ?? previous ?? now.AddDays(-UsageCursor.DefaultDays);
        var summary = new SourceImportSummary { Source = source };
        summary.Cover(from, now);
        var records = await fetch(from, summary);
        var unique = records.GroupBy(r => r.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        if (unique.Count < records.Count)
        {
            summary.Notes.Add($"{records.Count - unique.Count:N0} rows repeated on later pages, counted once");
        }

        var latest = unique.Count == 0 ? (DateTimeOffset?)null : unique.Max(r => r.At);
        await store.WriteUsageAsync(unique, [UsageCursor.Write(source, latest, previous, from)], cancellationToken);
        unique.ForEach(summary.Add);
        return summary;
    }
}
