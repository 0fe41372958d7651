namespace Receipts.Sources.Otlp;

/// <summary>OTLP <c>AggregationTemporality</c>, with the wire numbers of <c>metrics.proto</c>.</summary>
internal enum OtlpTemporality
{
    Unspecified = 0,
    Delta = 1,
    Cumulative = 2,
}
