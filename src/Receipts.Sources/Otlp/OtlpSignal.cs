namespace Receipts.Sources.Otlp;

/// <summary>The three OTLP/HTTP signals: <c>/v1/metrics</c>, <c>/v1/logs</c>, <c>/v1/traces</c>.</summary>
public enum OtlpSignal
{
    Metrics,
    Logs,
    Traces,
}
