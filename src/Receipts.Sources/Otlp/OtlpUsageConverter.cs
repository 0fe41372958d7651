using Receipts.Domain.Usage;

namespace Receipts.Sources.Otlp;

/// <summary>
/// Turns a decoded batch into usage records, choosing one ledger per stream so nothing counts twice:
/// Claude Code events or metrics (<see cref="OtlpIngestOptions.ClaudeCodeCostSource"/>), GenAI spans or
/// the token histogram (<see cref="OtlpIngestOptions.GenAiSource"/>). Bad items are skipped and counted.
/// </summary>
internal sealed class OtlpUsageConverter(OtlpIngestOptions options)
{
    public const string ClaudeCodeCost = "claude_code.cost.usage";
    public const string ClaudeCodeTokens = "claude_code.token.usage";
    public const string GenAiTokens = "gen_ai.client.token.usage";

    public OtlpConversion Convert(OtlpBatch batch, TemporalitySession temporality)
    {
        var state = new State();
        switch (batch.Signal)
        {
            case OtlpSignal.Metrics:
                ConvertMetrics(batch, temporality, state);
                break;
            case OtlpSignal.Logs:
                ConvertLogs(batch, state);
                break;
            default:
                ConvertSpans(batch, state);
                break;
        }

        return new OtlpConversion([.. state.Records.Values], temporality.Cursors(), state.Rejected, state.Ignored, state.Diagnostics);
    }

    private void ConvertLogs(OtlpBatch batch, State state)
    {
        for (var i = 0; i < batch.Logs.Count; i++)
        {
            var log = batch.Logs[i];
            if (options.ClaudeCodeCostSource != ClaudeCodeCostSource.Events || ClaudeCodeEvents.Name(log) != "api_request")
            {
                state.Ignored++;
                continue;
            }

            var record = ClaudeCodeEvents.ToRecord(log, $"logRecords[{i}]", out var problem);
            state.Add(record is null ? null : OtlpRecordContext.Apply(record, log.Resource, log.Attributes), problem);
        }
    }

    private void ConvertSpans(OtlpBatch batch, State state)
    {
        for (var i = 0; i < batch.Spans.Count; i++)
        {
            var span = batch.Spans[i];
            if (options.GenAiSource != GenAiUsageSource.Spans || !GenAiSpans.IsModelCall(span))
            {
                state.Ignored++;
                continue;
            }

            var record = GenAiSpans.ToRecord(span, $"spans[{i}]", out var problem);
            state.Add(record is null ? null : OtlpRecordContext.Apply(record, span.Resource, span.Attributes), problem);
        }
    }

    private void ConvertMetrics(OtlpBatch batch, TemporalitySession temporality, State state)
    {
        var aggregator = new MetricUsageAggregator();
        for (var i = 0; i < batch.Metrics.Count; i++)
        {
            var point = batch.Metrics[i];
            var where = $"{point.MetricName} dataPoints[{i}]";
            var isClaudeCode = point.MetricName is ClaudeCodeCost or ClaudeCodeTokens && options.ClaudeCodeCostSource == ClaudeCodeCostSource.Metrics;
            var isGenAi = point.MetricName == GenAiTokens && options.GenAiSource == GenAiUsageSource.Metrics;
            if (!isClaudeCode && !isGenAi)
            {
                state.Ignored++;
                continue;
            }

            if (point.Value is not { } value)
            {
                state.Reject(new OtlpDiagnostic(where, "data point has no usable value"));
                continue;
            }

            decimal? delta = point.Temporality == OtlpTemporality.Cumulative
                ? temporality.Delta(OtlpSeriesKey.For(point), point.StartTimeUnixNano, point.TimeUnixNano, value)
                : value;
            if (delta is not { } increment)
            {
                continue;
            }

            if (increment < 0)
            {
                state.Reject(new OtlpDiagnostic(where, "a usage counter went negative"));
                continue;
            }

            if (isClaudeCode)
            {
                var isCost = point.MetricName == ClaudeCodeCost;
                aggregator.Add(point, "type", isCost ? null : point.Attributes.GetString("type"), isCost ? increment : null, isCost ? 0 : increment, "anthropic");
            }
            else
            {
                var provider = (point.Attributes.FirstString("gen_ai.provider.name", "gen_ai.system") ?? "unknown").ToLowerInvariant();
                aggregator.Add(point, "gen_ai.token.type", point.Attributes.GetString("gen_ai.token.type"), null, increment, provider);
            }
        }

        foreach (var record in aggregator.Records())
        {
            state.Add(record, null);
        }
    }

    private sealed class State
    {
        public Dictionary<string, UsageRecord> Records { get; } = new(StringComparer.Ordinal);

        public List<OtlpDiagnostic> Diagnostics { get; } = [];

        public int Rejected { get; private set; }

        public int Ignored { get; set; }

        public void Add(UsageRecord? record, OtlpDiagnostic? problem)
        {
            if (record is null)
            {
                Reject(problem ?? new OtlpDiagnostic("?", "unreadable item"));
                return;
            }

            // The exporter retries, so one batch can hold the same request twice: keep the fuller copy.
            if (!Records.TryGetValue(record.Id, out var existing) || record.Tokens.Total > existing.Tokens.Total)
            {
                Records[record.Id] = record;
            }
        }

        public void Reject(OtlpDiagnostic problem)
        {
            Rejected++;
            Diagnostics.Add(problem);
        }
    }
}
