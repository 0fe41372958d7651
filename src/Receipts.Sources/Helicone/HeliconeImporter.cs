using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.Helicone;

/// <summary>
/// Imports Helicone's request log (<c>POST /v1/request/query-clickhouse</c>, offset/limit pages, oldest
/// first) as usage records: tokens, <c>costUSD</c> (Helicone's estimate, so <see cref="CostBasis.Estimated"/>),
/// the user id and the custom properties as tags (<c>Helicone-Property-Project</c> → <c>project</c>).
/// Bodies are never asked for (<c>includeInputs: false</c>) and never read. Verified: the query-clickhouse answer's
/// <c>cost</c> is already dollars (Helicone's <c>request.ts</c> selects <c>cost / COST_PRECISION_MULTIPLIER as cost</c>;
/// the ×10⁹ integer stays inside ClickHouse), so <c>costUSD</c> is taken when present, else <c>cost</c>; with neither
/// the record is priced later from the price book.
/// </summary>
public sealed class HeliconeImporter(BillingApiClient api, IUsageStore store, TimeProvider time)
{
    public const string Source = "helicone";

    /// <summary>Rows asked per page. Default 1000.</summary>
    public int PageSize { get; init; } = 1000;

    public Task<SourceImportSummary> ImportAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        UsageImport.RunAsync(Source, store, time, since, (from, summary) => FetchAsync(from, summary, cancellationToken), cancellationToken);

    private async Task<IReadOnlyCollection<UsageRecord>> FetchAsync(DateTimeOffset from, SourceImportSummary summary, CancellationToken cancellationToken)
    {
        var records = new List<UsageRecord>();
        for (var offset = 0; ; offset += PageSize)
        {
            var where = $"Helicone requests from offset {offset}";
            var body = JsonSerializer.Serialize(new
            {
                filter = new { request_response_rmt = new { request_created_at = new { gte = GatewayJson.Iso(from) } } },
                offset,
                limit = PageSize,
                sort = new { created_at = "asc" },
                isCached = false,
                includeInputs = false,
            });
            using var page = await api.PostJsonAsync("v1/request/query-clickhouse", body, cancellationToken);
            summary.Requests = api.Requests;
            var rows = GatewayJson.Array(page.RootElement, "data", where).Select(r => Map(r, where)).ToList();
            records.AddRange(rows);
            if (rows.Count < PageSize)
            {
                return records;
            }
        }
    }

    private static UsageRecord Map(JsonElement r, string where)
    {
        var id = GatewayJson.RequiredText(r, "request_id", where);
        var cacheRead = GatewayJson.Count(r, "prompt_cache_read_tokens", where);
        var cacheWrite = GatewayJson.Count(r, "prompt_cache_write_tokens", where);
        var properties = GatewayJson.Object(r, "request_properties");
        var tags = GatewayTags.From(properties.ValueKind == JsonValueKind.Object ? properties : GatewayJson.Object(r, "properties"));
        var cost = GatewayJson.Money(r, "costUSD", where) ?? GatewayJson.Money(r, "cost", where);
        return new UsageRecord
        {
            Id = $"{Source}:{id}",
            SourceKind = Source,
            At = GatewayJson.Instant(r, "request_created_at", where),
            Provider = (GatewayJson.Text(r, "provider") ?? "unknown").ToLowerInvariant(),
            Model = GatewayJson.Text(r, "model") ?? GatewayJson.Text(r, "response_model") ?? GatewayJson.Text(r, "request_model") ?? "unknown",
            Tokens = new TokenCounts(
                GatewayJson.UncachedInput(GatewayJson.Count(r, "prompt_tokens", where), cacheRead, cacheWrite),
                GatewayJson.Count(r, "completion_tokens", where),
                cacheRead,
                cacheWrite,
                0),
            Cost = cost,
            CostBasis = CostBasis.Estimated,
            RequestId = id,
            Person = GatewayJson.Text(r, "request_user_id") ?? GatewayJson.Text(r, "helicone_user"),
            Tool = Source,
            Tags = tags,
        };
    }
}
