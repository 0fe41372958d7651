namespace Receipts.Sources.Otlp;

/// <summary>Which Claude Code stream is the spend ledger; ingesting both would count every dollar twice.</summary>
public enum ClaudeCodeCostSource
{
    /// <summary>
    /// <c>claude_code.api_request</c> events (the default): one record per API request, with tokens,
    /// model, cost and the request id that joins the hook and transcript copies. Metrics are only counted.
    /// </summary>
    Events = 0,

    /// <summary>
    /// <c>claude_code.cost.usage</c> and <c>claude_code.token.usage</c>: for senders that export metrics
    /// alone (<c>OTEL_LOGS_EXPORTER=none</c>). Records are per series and export interval; events are ignored.
    /// </summary>
    Metrics = 1,
}
