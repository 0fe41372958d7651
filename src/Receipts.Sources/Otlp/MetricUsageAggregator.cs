using System.Globalization;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Otlp;

/// <summary>
/// Builds one usage record per series and batch from metric points that split one request stream by a
/// type attribute (Claude Code: <c>type</c> input/output/cacheRead/cacheCreation plus a cost metric;
/// GenAI: <c>gen_ai.token.type</c> input/output). SDKs stamp each instrument's points with its own
/// time (microseconds apart), so points merge per series within the batch, not per exact time; the id
/// is <c>otel:metric:&lt;series&gt;:&lt;earliest time&gt;</c>, so a replayed batch lands on the same id.
/// Cost and tokens must share a record: a token-only record would be priced again from the price book.
/// </summary>
internal sealed class MetricUsageAggregator
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public void Add(OtlpMetricPoint point, string typeKey, string? tokenType, decimal? cost, decimal tokens, string provider)
    {
        var series = OtlpSeriesKey.For(point with { MetricName = "usage" }, typeKey);
        if (!_entries.TryGetValue(series, out var entry))
        {
            entry = new Entry(point, provider);
            _entries[series] = entry;
        }

        entry.MinTime = Math.Min(entry.MinTime, point.TimeUnixNano);
        entry.MaxTime = Math.Max(entry.MaxTime, point.TimeUnixNano);
        entry.Cost = cost is { } c ? (entry.Cost ?? 0) + c : entry.Cost;
        var count = (long)Math.Round(tokens, MidpointRounding.AwayFromZero);
        switch (tokenType)
        {
            case "input":
                entry.Input += count;
                break;
            case "output":
                entry.Output += count;
                break;
            case "cacheRead":
                entry.CacheRead += count;
                break;
            case "cacheCreation":
                entry.CacheWrite += count;
                break;
            default:
                break;
        }
    }

    public IEnumerable<UsageRecord> Records()
    {
        foreach (var (series, entry) in _entries)
        {
            var a = entry.Point.Attributes;
            var id = string.Create(CultureInfo.InvariantCulture, $"otel:metric:{series}:{entry.MinTime}");
            var at = OtlpNumbers.ToInstant(entry.MaxTime) ?? OtlpNumbers.ToInstant(entry.Point.StartTimeUnixNano);
            if (at is null)
            {
                continue;
            }

            var record = new UsageRecord
            {
                Id = id,
                SourceKind = "otel",
                At = at.Value,
                Provider = entry.Provider,
                Model = a.FirstString("model", "gen_ai.response.model", "gen_ai.request.model") ?? "unknown",
                Speed = a.GetString("speed") is "fast" ? "fast" : null,
                Tokens = new TokenCounts(entry.Input, entry.Output, entry.CacheRead, entry.CacheWrite, 0),
                Cost = entry.Cost,
                CostBasis = CostBasis.Estimated,
                Requests = 0,
                IsSidechain = a.GetString("query_source") is "subagent",
            };
            yield return OtlpRecordContext.Apply(record, entry.Point.Resource, a);
        }
    }

    private sealed class Entry(OtlpMetricPoint point, string provider)
    {
        public OtlpMetricPoint Point { get; } = point;

        public string Provider { get; } = provider;

        public ulong MinTime { get; set; } = ulong.MaxValue;

        public ulong MaxTime { get; set; }

        public decimal? Cost { get; set; }

        public long Input { get; set; }

        public long Output { get; set; }

        public long CacheRead { get; set; }

        public long CacheWrite { get; set; }
    }
}
