using System.Text.Json;
using Receipts.Domain.Usage;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.LiteLlm;

/// <summary>
/// One spend-log row to a usage record: the key hash and alias (<c>metadata.user_api_key_alias</c>), the team
/// alias as tag <c>team</c>, <c>request_tags</c> (<c>"project:checkout"</c> → <c>project=checkout</c>) and the
/// caller's <c>spend_logs_metadata</c> as tags; cache splits from <c>metadata.additional_usage_values</c>;
/// <c>spend</c> as LiteLLM's estimate in USD.
/// </summary>
internal static class LiteLlmMapper
{
    public const string Source = "litellm";

    public static UsageRecord Map(LiteLlmSpendRow row, string? sourceName)
    {
        var metadata = row.Metadata;
        var usage = GatewayJson.Object(metadata, "additional_usage_values");
        var cacheRead = Long(usage, "cache_read_input_tokens");
        var cacheWrite = Long(usage, "cache_creation_input_tokens");
        var tags = GatewayTags.From(GatewayJson.Object(metadata, "spend_logs_metadata"));
        if (row.RequestTags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in row.RequestTags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!))
            {
                var colon = tag.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && colon < tag.Length - 1)
                {
                    tags[tag[..colon].Trim().ToLowerInvariant()] = tag[(colon + 1)..].Trim();
                }
                else if (tag.Length > 0)
                {
                    tags["tag:" + tag.Trim()] = "true";
                }
            }
        }

        Put(tags, "team", GatewayJson.Text(metadata, "user_api_key_team_alias"));
        Put(tags, "team_id", row.TeamId ?? GatewayJson.Text(metadata, "user_api_key_team_id"));
        Put(tags, "end_user", row.EndUser);
        Put(tags, "model_group", row.ModelGroup);
        Put(tags, "call_type", row.CallType);
        if (string.Equals(row.CacheHit, "true", StringComparison.OrdinalIgnoreCase))
        {
            tags["cache_hit"] = "true";
        }

        return new UsageRecord
        {
            Id = $"{Source}:{row.RequestId}",
            SourceKind = Source,
            SourceName = sourceName,
            At = row.StartTime.ToUniversalTime(),
            Provider = string.IsNullOrWhiteSpace(row.Provider) ? "unknown" : row.Provider.ToLowerInvariant(),
            Model = row.Model ?? row.ModelGroup ?? "unknown",
            Tokens = new TokenCounts(GatewayJson.UncachedInput(row.PromptTokens, cacheRead, cacheWrite), row.CompletionTokens, cacheRead, cacheWrite, 0),
            Cost = row.Spend,
            CostBasis = CostBasis.Estimated,
            RequestId = row.RequestId,
            ApiKeyId = string.IsNullOrEmpty(row.ApiKey) ? GatewayJson.Text(metadata, "user_api_key") : row.ApiKey,
            ApiKeyAlias = GatewayJson.Text(metadata, "user_api_key_alias"),
            Person = (string.IsNullOrEmpty(row.User) ? null : row.User) ?? GatewayJson.Text(metadata, "user_api_key_user_id"),
            SessionId = row.SessionId,
            Tool = Source,
            Tags = tags,
        };
    }

    private static long Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n > 0 ? n : 0;

    private static void Put(Dictionary<string, string> tags, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            tags[key] = value;
        }
    }
}
