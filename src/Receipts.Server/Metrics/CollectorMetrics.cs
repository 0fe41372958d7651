using Prometheus;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Server.Metrics;

/// <summary>
/// Everything <c>GET /metrics</c> shows, in one registry per server (no process-wide static state, so several
/// servers in one test process do not mix): the collector's own health and spend counters by team, project
/// and model. Prometheus values are float64 by definition; cost is converted from decimal only here, at the
/// boundary, and is a live view: the store stays the ledger.
/// </summary>
public sealed class CollectorMetrics
{
    /// <summary>
    /// At most this many (team, project, model) combinations get their own spend series; later ones are counted
    /// under <c>other</c>. Label values come from senders, and unbounded series would grow memory without end.
    /// </summary>
    internal const int MaxSpendSeries = 2000;

    private const int MaxLabelLength = 100;

    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Counter _requests;
    private readonly Counter _rejections;
    private readonly Histogram _batchSeconds;
    private readonly Histogram _storeSeconds;
    private readonly Counter _records;
    private readonly Counter _tokens;
    private readonly Counter _requestsSpend;
    private readonly Counter _cost;
    private readonly Counter _tapDropped;
    private readonly Counter _journalAnswered;
    private readonly ISpendEstimator _estimator;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Team, string Project, string Model), bool> _spendSeries = new();

    public CollectorMetrics(ISpendEstimator estimator)
    {
        _estimator = estimator;
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        _requests = factory.CreateCounter("receipts_http_requests_total", "HTTP requests answered, by route and status code.", "route", "status");
        _rejections = factory.CreateCounter("receipts_collector_rejections_total", "Requests or batches refused, by reason.", "reason");
        _batchSeconds = factory.CreateHistogram("receipts_collector_batch_duration_seconds", "Time to validate and commit one batch, by collector area.", new HistogramConfiguration { LabelNames = ["area"], Buckets = LatencyBuckets });
        _storeSeconds = factory.CreateHistogram("receipts_store_write_duration_seconds", "Time the store took to commit one batch.", new HistogramConfiguration { LabelNames = ["area"], Buckets = LatencyBuckets });
        _records = factory.CreateCounter("receipts_collector_records_total", "Records committed, by area and result (inserted, replaced, unchanged).", "area", "result");
        _tokens = factory.CreateCounter("receipts_usage_tokens_total", "Tokens of newly stored usage, by team, project, model and kind.", "team", "project", "model", "kind");
        _requestsSpend = factory.CreateCounter("receipts_usage_requests_total", "Model requests of newly stored usage, by team, project and model.", "team", "project", "model");
        _cost = factory.CreateCounter("receipts_usage_cost_total", "Cost of newly stored usage, by team, project, model, currency and basis (billed, estimated).", "team", "project", "model", "currency", "basis");
        _journalAnswered = factory.CreateCounter("receipts_collector_journal_answered_batches_total", "Batches answered once durable in the collector's journal because the embedded store's commit was held up (a checkpoint); the store applied them behind.");
        _tapDropped = factory.CreateCounter("receipts_runaway_tap_dropped_records_total", "Committed records the live runaway watch skipped because it was behind (they are stored; only the live check missed them).");
    }

    /// <summary>Batches answered from the collector's journal so far (the bench reports it beside the latencies).</summary>
    public long JournalAnsweredBatches => (long)_journalAnswered.Value;

    /// <summary>Counts batches answered from the journal before the store committed them.</summary>
    public void JournalAnswered(int batches) => _journalAnswered.Inc(batches);

    /// <summary>Counts records the live runaway watch dropped under overload.</summary>
    public void RunawayTapDropped(int records) => _tapDropped.Inc(records);

    public void Request(string route, int status) => _requests.WithLabels(route, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();

    public void Rejected(string reason) => _rejections.WithLabels(reason).Inc();

    public void Batch(string area, TimeSpan elapsed) => _batchSeconds.WithLabels(area).Observe(elapsed.TotalSeconds);

    public void StoreWrite(string area, TimeSpan elapsed) => _storeSeconds.WithLabels(area).Observe(elapsed.TotalSeconds);

    /// <summary>Counts committed records by result; <c>committed</c> when the batch shared a group commit and its split is unknown.</summary>
    public void Committed(string area, int count, Receipts.Domain.Storage.UsageWriteResult? written)
    {
        if (written is null)
        {
            _records.WithLabels(area, "committed").Inc(count);
            return;
        }

        _records.WithLabels(area, "inserted").Inc(written.Inserted);
        _records.WithLabels(area, "replaced").Inc(written.Replaced);
        _records.WithLabels(area, "unchanged").Inc(written.Unchanged);
    }

    /// <summary>
    /// Adds a committed batch to the spend counters when every record of it was new. A batch answered from the journal
    /// (<paramref name="applied"/> set) is counted once the store has applied it and said so.
    /// </summary>
    public void SpendWhenAllNew(bool allNew, Task<UsageWrite>? applied, IReadOnlyCollection<UsageRecord> records)
    {
        if (applied is null)
        {
            if (allNew)
            {
                Spend(records);
            }

            return;
        }

        _ = applied.ContinueWith(
            done =>
            {
                if (done.IsCompletedSuccessfully && done.Result.AllNew)
                {
                    Spend(records);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Adds newly stored records to the spend counters. Callers pass only records the store did not have, so replays add nothing.</summary>
    public void Spend(IEnumerable<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var r in records)
        {
            var (team, project, model) = Series(
                r.Tags.TryGetValue("team", out var t) ? t : string.Empty,
                r.Tags.TryGetValue("project", out var p) ? p : string.Empty,
                r.Model);
            Add(team, project, model, "input", r.Tokens.Input);
            Add(team, project, model, "output", r.Tokens.Output);
            Add(team, project, model, "cache_read", r.Tokens.CacheRead);
            Add(team, project, model, "cache_write_5m", r.Tokens.CacheWrite5m);
            Add(team, project, model, "cache_write_1h", r.Tokens.CacheWrite1h);
            _requestsSpend.WithLabels(team, project, model).Inc(r.Requests);
            if (r.Cost is { } cost)
            {
                _cost.WithLabels(team, project, model, r.Currency, r.CostBasis == CostBasis.Billed ? "billed" : "estimated").Inc((double)cost);
            }
            else if (_estimator.EstimateCost(r) is { } estimate)
            {
                _cost.WithLabels(team, project, model, "USD", "estimated").Inc((double)estimate);
            }
        }
    }

    /// <summary>Writes every metric in the Prometheus text exposition format.</summary>
    public Task WriteAsync(Stream stream, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(stream, cancellationToken);

    private (string Team, string Project, string Model) Series(string team, string project, string model)
    {
        var key = (Trim(team), Trim(project), Trim(model));
        if (_spendSeries.ContainsKey(key))
        {
            return key;
        }

        if (_spendSeries.Count >= MaxSpendSeries)
        {
            return ("other", "other", "other");
        }

        _spendSeries.TryAdd(key, true);
        return key;
    }

    private static string Trim(string value) => value.Length <= MaxLabelLength ? value : value[..MaxLabelLength];

    private void Add(string team, string project, string model, string kind, long count)
    {
        if (count > 0)
        {
            _tokens.WithLabels(team, project, model, kind).Inc(count);
        }
    }
}
