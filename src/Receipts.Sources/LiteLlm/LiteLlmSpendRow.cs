using System.Text.Json;

namespace Receipts.Sources.LiteLlm;

/// <summary>
/// The columns of one <c>LiteLLM_SpendLogs</c> row Receipts reads, whether from the table or from
/// <c>/spend/logs/ui</c>. Content columns (<c>messages</c>, <c>response</c>, <c>proxy_server_request</c>) are
/// never selected. <see cref="Spend"/> is dollars, parsed from text so it never passes through a double.
/// </summary>
internal sealed record LiteLlmSpendRow
{
    public required string RequestId { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public string? CallType { get; init; }

    public string? ApiKey { get; init; }

    public decimal? Spend { get; init; }

    public long PromptTokens { get; init; }

    public long CompletionTokens { get; init; }

    public string? Model { get; init; }

    public string? ModelGroup { get; init; }

    public string? Provider { get; init; }

    public string? User { get; init; }

    public string? EndUser { get; init; }

    public string? TeamId { get; init; }

    public string? SessionId { get; init; }

    public string? CacheHit { get; init; }

    /// <summary>The <c>metadata</c> JSON (or default when null).</summary>
    public JsonElement Metadata { get; init; }

    /// <summary>The <c>request_tags</c> JSON array (or default when null).</summary>
    public JsonElement RequestTags { get; init; }
}
