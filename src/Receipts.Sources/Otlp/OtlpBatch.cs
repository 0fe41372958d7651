namespace Receipts.Sources.Otlp;

/// <summary>One decoded export request: the same model whichever encoding it came in.</summary>
internal sealed record OtlpBatch(
    OtlpSignal Signal,
    IReadOnlyList<OtlpMetricPoint> Metrics,
    IReadOnlyList<OtlpLogRecord> Logs,
    IReadOnlyList<OtlpSpan> Spans,
    int DroppedContentAttributes);
