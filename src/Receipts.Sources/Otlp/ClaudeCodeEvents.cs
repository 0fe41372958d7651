using System.Globalization;
using Receipts.Domain.Usage;
using Receipts.Sources.Identity;

namespace Receipts.Sources.Otlp;

/// <summary>
/// Claude Code's <c>claude_code.api_request</c> event (an OTLP log record) as one usage record.
/// Tokens are already in Anthropic semantics (input excludes the cache). The cost is Claude Code's
/// list-price estimate: <c>cost_usd_micros</c> when present (no float error), else <c>cost_usd</c>.
/// </summary>
internal static class ClaudeCodeEvents
{
    private const string Prefix = "claude_code.";

    /// <summary>
    /// The event name without its <c>claude_code.</c> prefix: <c>LogRecord.event_name</c>, else a
    /// name-like body, else the <c>event.name</c> attribute (senders disagree on where it goes).
    /// </summary>
    public static string? Name(OtlpLogRecord log)
    {
        var name = log.EventName ?? log.BodyName ?? log.Attributes.GetString("event.name");
        return name is not null && name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : name;
    }

    public static UsageRecord? ToRecord(OtlpLogRecord log, string where, out OtlpDiagnostic? problem)
    {
        problem = null;
        var a = log.Attributes;
        var requestId = a.GetString("request_id");
        var sessionId = a.GetString("session.id") ?? log.Resource.GetString("session.id");
        var id = UsageRecordIds.ForAnthropicRequest(requestId)
            ?? (a.GetString("client_request_id") is { } clientRequestId ? "claude-code:client-req:" + clientRequestId : null)
            ?? (sessionId is not null && a.GetLong("event.sequence") is { } sequence
                ? string.Create(CultureInfo.InvariantCulture, $"claude-code:event:{sessionId}:{sequence}")
                : null);
        if (id is null)
        {
            problem = new OtlpDiagnostic(where, "api_request has no request_id, client_request_id or session.id + event.sequence to identify it");
            return null;
        }

        var at = OtlpNumbers.ToInstant(log.TimeUnixNano) ?? OtlpNumbers.ToInstant(log.ObservedTimeUnixNano) ?? EventTimestamp(a);
        if (at is null)
        {
            problem = new OtlpDiagnostic(where, "api_request has no time (timeUnixNano, observedTimeUnixNano or event.timestamp)");
            return null;
        }

        TokenCounts tokens;
        try
        {
            tokens = new TokenCounts(
                a.GetLong("input_tokens") ?? 0,
                a.GetLong("output_tokens") ?? 0,
                a.GetLong("cache_read_tokens") ?? 0,
                a.GetLong("cache_creation_tokens") ?? 0,
                0);
        }
        catch (ArgumentOutOfRangeException)
        {
            problem = new OtlpDiagnostic(where, "api_request has a negative token count");
            return null;
        }

        var cost = a.GetLong("cost_usd_micros") is { } micros ? micros / 1_000_000m : a.GetDecimal("cost_usd");
        var querySource = a.GetString("query_source");
        return new UsageRecord
        {
            Id = id,
            SourceKind = "otel",
            At = at.Value,
            Provider = "anthropic",
            Model = a.GetString("model") ?? "unknown",
            Speed = a.GetString("speed") is "fast" ? "fast" : null,
            Tokens = tokens,
            Cost = cost,
            CostBasis = CostBasis.Estimated,
            RequestId = requestId,
            SessionId = sessionId,
            IsSidechain = querySource is "subagent" || a.Contains("agent.name"),
            Tool = "claude-code",
        };
    }

    private static DateTimeOffset? EventTimestamp(OtlpAttributes attributes) =>
        DateTimeOffset.TryParse(attributes.GetString("event.timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
}
