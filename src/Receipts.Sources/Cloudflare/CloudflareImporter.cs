using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.Cloudflare;

/// <summary>
/// Imports one Cloudflare AI Gateway's logs (<c>GET /accounts/{account}/ai-gateway/gateways/{gateway}/logs</c>,
/// v4 page-based paging to <c>result_info.total_count</c>) as usage records: tokens in/out, the gateway's
/// <c>cost</c> in dollars (an estimate), and the <c>cf-aig-metadata</c> entries (a JSON string) as tags;
/// a <c>user</c> or <c>email</c> entry is the person. No bodies are requested or read.
/// </summary>
public sealed class CloudflareImporter(BillingApiClient api, IUsageStore store, TimeProvider time, string accountId, string gatewayId)
{
    public const string Source = "cloudflare";

    /// <summary>Rows asked per page. Default 50.</summary>
    public int PageSize { get; init; } = 50;

    public Task<SourceImportSummary> ImportAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        UsageImport.RunAsync(Source, store, time, since, (from, summary) => FetchAsync(from, summary, cancellationToken), cancellationToken);

    private async Task<IReadOnlyCollection<UsageRecord>> FetchAsync(DateTimeOffset from, SourceImportSummary summary, CancellationToken cancellationToken)
    {
        var records = new List<UsageRecord>();
        var path = $"accounts/{Uri.EscapeDataString(accountId)}/ai-gateway/gateways/{Uri.EscapeDataString(gatewayId)}/logs";
        for (var page = 1; ; page++)
        {
            var where = $"Cloudflare AI Gateway logs, page {page}";
            using var answer = await api.GetAsync(
                $"{path}?page={page}&per_page={PageSize}&order_by=created_at&order_by_direction=asc&start_date={Uri.EscapeDataString(GatewayJson.Iso(from))}",
                cancellationToken);
            summary.Requests = api.Requests;
            var rows = GatewayJson.Array(answer.RootElement, "result", where).Select(r => Map(r, where)).ToList();
            records.AddRange(rows);
            var info = GatewayJson.Object(answer.RootElement, "result_info");
            var total = GatewayJson.Count(info, "total_count", where);
            if (rows.Count == 0 || (long)page * PageSize >= total)
            {
                return records;
            }
        }
    }

    private UsageRecord Map(JsonElement r, string where)
    {
        var id = GatewayJson.RequiredText(r, "id", where);
        var tags = GatewayTags.FromJsonText(GatewayJson.Text(r, "metadata"));
        var person = GatewayTags.Take(tags, "user", "email", "user_id");
        if (r.TryGetProperty("cached", out var cached) && cached.ValueKind == JsonValueKind.True)
        {
            tags["cached"] = "true";
        }

        return new UsageRecord
        {
            Id = $"{Source}:{id}",
            SourceKind = Source,
            SourceName = gatewayId,
            At = GatewayJson.Instant(r, "created_at", where),
            Provider = (GatewayJson.Text(r, "provider") ?? "unknown").ToLowerInvariant(),
            Model = GatewayJson.Text(r, "model") ?? "unknown",
            Tokens = new TokenCounts(GatewayJson.Count(r, "tokens_in", where), GatewayJson.Count(r, "tokens_out", where), 0, 0, 0),
            Cost = GatewayJson.Money(r, "cost", where),
            CostBasis = CostBasis.Estimated,
            RequestId = id,
            Person = person,
            Tool = Source,
            Tags = tags,
        };
    }

    /// <summary>For messages: which gateway this importer reads.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{accountId}/{gatewayId}");
}
