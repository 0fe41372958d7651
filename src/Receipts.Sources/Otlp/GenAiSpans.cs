using Receipts.Domain.Usage;
using Receipts.Sources.Identity;

namespace Receipts.Sources.Otlp;

/// <summary>
/// A span that made a model call (GenAI semantic conventions, or Claude Code's own
/// <c>claude_code.llm_request</c>) as one usage record, with tokens converted to Anthropic semantics:
/// <c>gen_ai.usage.input_tokens</c> includes cache reads and writes (for Anthropic it MUST; for OpenAI
/// it does by definition), so the cache attributes are subtracted. When the subtraction would go below
/// zero the instrumentation evidently sent Anthropic's native, cache-exclusive count, which is kept as is.
/// Agent, tool and workflow spans are skipped: they sum their children, which are counted themselves.
/// </summary>
internal static class GenAiSpans
{
    private static readonly HashSet<string> AggregateOperations = new(StringComparer.Ordinal)
    {
        "execute_tool", "invoke_agent", "create_agent", "invoke_workflow", "retrieval",
    };

    public static bool IsModelCall(OtlpSpan span)
    {
        var a = span.Attributes;
        if (a.GetString("gen_ai.operation.name") is { } operation && AggregateOperations.Contains(operation))
        {
            return false;
        }

        return span.Name == "claude_code.llm_request"
            || a.Contains("gen_ai.usage.input_tokens") || a.Contains("gen_ai.usage.output_tokens")
            || a.Contains("gen_ai.usage.prompt_tokens") || a.Contains("gen_ai.usage.completion_tokens");
    }

    public static UsageRecord? ToRecord(OtlpSpan span, string where, out OtlpDiagnostic? problem)
    {
        problem = null;
        var a = span.Attributes;
        var nativeAnthropicCounts = span.Name == "claude_code.llm_request"
            || (!a.Contains("gen_ai.usage.input_tokens") && !a.Contains("gen_ai.usage.prompt_tokens") && a.Contains("input_tokens"));
        var provider = (a.FirstString("gen_ai.provider.name", "gen_ai.system") ?? (span.Name == "claude_code.llm_request" ? "anthropic" : "unknown")).ToLowerInvariant();

        long input, output, cacheRead, cacheWrite;
        if (nativeAnthropicCounts)
        {
            input = a.GetLong("input_tokens") ?? 0;
            output = a.GetLong("output_tokens") ?? 0;
            cacheRead = a.GetLong("cache_read_tokens") ?? 0;
            cacheWrite = a.GetLong("cache_creation_tokens") ?? 0;
        }
        else
        {
            var totalInput = a.FirstLong("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens") ?? 0;
            output = a.FirstLong("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens") ?? 0;
            cacheRead = a.FirstLong("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens") ?? 0;
            cacheWrite = a.FirstLong("gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_creation_input_tokens") ?? 0;
            var uncached = totalInput - cacheRead - cacheWrite;
            input = uncached >= 0 ? uncached : totalInput;
        }

        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0)
        {
            problem = new OtlpDiagnostic(where, "span has a negative token count");
            return null;
        }

        var at = OtlpNumbers.ToInstant(span.StartTimeUnixNano) ?? OtlpNumbers.ToInstant(span.EndTimeUnixNano);
        if (at is null)
        {
            problem = new OtlpDiagnostic(where, "span has no start or end time");
            return null;
        }

        var requestId = provider == "anthropic" ? a.FirstString("request_id", "anthropic.request_id", "gen_ai.request.id") : null;
        var responseId = a.GetString("gen_ai.response.id");
        var id = UsageRecordIds.ForAnthropicRequest(requestId)
            ?? (responseId is not null ? $"genai:{provider}:resp:{responseId}" : null)
            ?? (span.TraceId.Length > 0 && span.SpanId.Length > 0 ? $"otel:span:{span.TraceId}:{span.SpanId}" : null);
        if (id is null)
        {
            problem = new OtlpDiagnostic(where, "span has no request id, response id or trace and span id");
            return null;
        }

        return new UsageRecord
        {
            Id = id,
            SourceKind = "otel",
            At = at.Value,
            Provider = provider,
            Model = a.FirstString("gen_ai.response.model", "gen_ai.request.model", "model") ?? "unknown",
            Tokens = new TokenCounts(input, output, cacheRead, cacheWrite, 0),
            MessageId = provider == "anthropic" ? responseId : null,
            RequestId = requestId ?? (provider == "anthropic" ? null : responseId),
            Tool = span.Name == "claude_code.llm_request" ? "claude-code" : null,
        };
    }
}
