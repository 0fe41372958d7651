using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Server.Auth;
using Receipts.Server.Metrics;

namespace Receipts.Server.Ingest;

/// <summary>Validate, tag, commit all-or-nothing, count. See <see cref="IUsageIngest"/>.</summary>
internal sealed partial class UsageIngest(GroupCommitter writer, CollectorMetrics metrics, TimeProvider time, ILogger<UsageIngest> logger, IEnumerable<Runaway.IUsageTap> taps) : IUsageIngest
{
    public async Task<IngestOutcome> IngestAsync(IReadOnlyList<UsageRecord> records, Caller caller, string area, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(caller);
        var started = Stopwatch.GetTimestamp();
        var errors = UsageValidator.Validate(records, time.GetUtcNow());
        if (errors.Count > 0)
        {
            metrics.Rejected("invalid_record");
            LogRejected(logger, area, caller.TokenName, records.Count, errors.Count);
            return IngestOutcome.Invalid(errors);
        }

        var tagged = caller.Team is { } team ? records.Select(r => WithTeam(r, team)).ToList() : records;
        var distinct = FullerCopy.KeepFullest(tagged);
        UsageWrite written;
        var storeStarted = Stopwatch.GetTimestamp();
        try
        {
            written = await writer.WriteAsync(distinct, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed commit wrote nothing (one transaction); the sender gets 503 and retries. The host goes on.
            metrics.Rejected("store_unavailable");
            LogStoreFailed(logger, area, records.Count, e);
            return IngestOutcome.Unavailable("The store could not commit the batch.");
        }

        metrics.StoreWrite(area, Stopwatch.GetElapsedTime(storeStarted));
        metrics.Committed(area, distinct.Count, written.Counts);

        // Spend counters must not count a replay twice. The store reports counts, not which ids were new, so
        // a batch adds to them only when every record in it was new (the usual case; a retried batch is all
        // unchanged). A batch mixing new and known records shows in receipts_collector_records_total only.
        metrics.SpendWhenAllNew(written.AllNew, written.Applied, distinct);

        foreach (var tap in taps)
        {
            tap.Offer(distinct);
        }

        metrics.Batch(area, Stopwatch.GetElapsedTime(started));
        LogCommitted(logger, area, caller.TokenName, distinct.Count, written.Counts?.Inserted ?? -1);
        return IngestOutcome.Committed(distinct.Count, written.Counts);
    }

    // A team-bound token speaks for its team only: its tag wins over whatever the sender put there.
    internal static UsageRecord WithTeam(UsageRecord record, string team) =>
        record.Tags.TryGetValue("team", out var current) && current == team
            ? record
            : record with { Tags = new Dictionary<string, string>(record.Tags) { ["team"] = team } };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Area}: committed batch of {Count} records from {TokenName}: {Inserted} new (-1: committed in a group, unknown)")]
    private static partial void LogCommitted(ILogger logger, string area, string tokenName, int count, int inserted);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Area}: refused batch of {Count} records from {TokenName}: {Errors} invalid fields")]
    private static partial void LogRejected(ILogger logger, string area, string tokenName, int count, int errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Area}: the store failed to commit a batch of {Count} records")]
    private static partial void LogStoreFailed(ILogger logger, string area, int count, Exception exception);
}
