using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Usage;
using Receipts.Sources.Identity;

namespace Receipts.Sources.Hooks;

/// <summary>
/// The hook's own transcript line → usage record function: small and dependency-free so the hook
/// starts fast. It follows the Claude Code transcript rules (reference §1.4, §1.8–1.10): only
/// <c>type:"assistant"</c> lines with <c>message.usage</c>, <c>&lt;synthetic&gt;</c> and API-error lines
/// skipped, null treated as absent. Swap it for the shared ClaudeCode transcript parser once that lands.
/// Reads counts, ids, model, cwd and branch only — never <c>message.content</c>.
/// </summary>
internal static class HookTranscriptLine
{
    public static UsageRecord? TryParse(ReadOnlySpan<byte> line)
    {
        // Cheap filter first: most lines are user, tool and progress lines.
        if (line.IndexOf("\"usage\""u8) < 0 || line.IndexOf("\"assistant\""u8) < 0)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            return FromLine(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    private static UsageRecord? FromLine(JsonElement line)
    {
        if (line.ValueKind != JsonValueKind.Object || Text(line, "type") != "assistant" || Bool(line, "isApiErrorMessage")
            || !line.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var model = Text(message, "model");
        if (model is null or "<synthetic>")
        {
            return null;
        }

        // The JSON reader's own ISO 8601 parser: no culture data to load on the hook's path.
        if (!line.TryGetProperty("timestamp", out var timestamp) || timestamp.ValueKind != JsonValueKind.String || !timestamp.TryGetDateTimeOffset(out var at))
        {
            return null;
        }

        var messageId = Text(message, "id");
        var requestId = Text(line, "requestId");
        var sessionId = Text(line, "sessionId");
        var id = UsageRecordIds.ForAnthropic(requestId, messageId)
            ?? $"claude-code:{sessionId}:{messageId}:{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}";

        var cacheCreation = Long(usage, "cache_creation_input_tokens");
        long write5m = cacheCreation, write1h = 0;
        if (usage.TryGetProperty("cache_creation", out var split) && split.ValueKind == JsonValueKind.Object)
        {
            write5m = Long(split, "ephemeral_5m_input_tokens");
            write1h = Long(split, "ephemeral_1h_input_tokens");
        }

        long webSearch = 0;
        if (usage.TryGetProperty("server_tool_use", out var serverTools) && serverTools.ValueKind == JsonValueKind.Object)
        {
            webSearch = Long(serverTools, "web_search_requests");
        }

        decimal? legacyCost = line.TryGetProperty("costUSD", out var cost) && cost.ValueKind == JsonValueKind.Number ? cost.GetDecimal() : null;
        return new UsageRecord
        {
            Id = id,
            SourceKind = "hook",
            At = at.ToUniversalTime(),
            Provider = "anthropic",
            Model = model,
            ServiceTier = Text(usage, "service_tier"),
            Speed = Text(usage, "speed") is "fast" ? "fast" : null,
            InferenceGeo = Text(usage, "inference_geo"),
            Tokens = new TokenCounts(Long(usage, "input_tokens"), Long(usage, "output_tokens"), Long(usage, "cache_read_input_tokens"), write5m, write1h),
            WebSearchRequests = webSearch,
            Cost = legacyCost,
            CostBasis = CostBasis.Estimated,
            MessageId = messageId,
            RequestId = string.IsNullOrEmpty(requestId) ? null : requestId,
            IsSidechain = Bool(line, "isSidechain"),
            SessionId = sessionId,
            Tool = "claude-code",
            ToolVersion = Text(line, "version"),
            Cwd = Text(line, "cwd"),
            Branch = Text(line, "gitBranch"),
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number > 0 ? number : 0;

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
