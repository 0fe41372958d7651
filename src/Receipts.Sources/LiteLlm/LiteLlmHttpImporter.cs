using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.LiteLlm;

/// <summary>
/// Reads spend logs from a LiteLLM proxy's <c>GET /spend/logs/ui</c> (<c>start_date</c>/<c>end_date</c> as
/// <c>YYYY-MM-DD HH:MM:SS</c> UTC, <c>page</c>/<c>page_size</c> to <c>total_pages</c>): the same rows as the table,
/// mapped the same way. Content fields in the answer are ignored.
/// </summary>
public sealed class LiteLlmHttpImporter(BillingApiClient api, IUsageStore store, TimeProvider time)
{
    /// <summary>Rows asked per page. Default 100.</summary>
    public int PageSize { get; init; } = 100;

    public Task<SourceImportSummary> ImportAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        UsageImport.RunAsync(LiteLlmMapper.Source, store, time, since, (from, summary) => FetchAsync(from, summary, cancellationToken), cancellationToken);

    private async Task<IReadOnlyCollection<UsageRecord>> FetchAsync(DateTimeOffset from, SourceImportSummary summary, CancellationToken cancellationToken)
    {
        var range = $"start_date={Uri.EscapeDataString(Format(from))}&end_date={Uri.EscapeDataString(Format(time.GetUtcNow().AddMinutes(1)))}";
        var records = new List<UsageRecord>();
        for (var page = 1; ; page++)
        {
            var where = $"LiteLLM /spend/logs/ui, page {page}";
            using var answer = await api.GetAsync($"spend/logs/ui?{range}&page={page}&page_size={PageSize}", cancellationToken);
            summary.Requests = api.Requests;
            var rows = GatewayJson.Array(answer.RootElement, "data", where).Select(r => LiteLlmMapper.Map(Row(r, where), null)).ToList();
            records.AddRange(rows);
            var pages = GatewayJson.Count(answer.RootElement, "total_pages", where);
            if (rows.Count == 0 || page >= pages)
            {
                return records.Where(r => r.At >= from).ToList();
            }
        }
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static LiteLlmSpendRow Row(JsonElement r, string where) => new()
    {
        RequestId = GatewayJson.RequiredText(r, "request_id", where),
        StartTime = GatewayJson.Instant(r, "startTime", where),
        CallType = GatewayJson.Text(r, "call_type"),
        ApiKey = GatewayJson.Text(r, "api_key"),
        Spend = GatewayJson.Money(r, "spend", where),
        PromptTokens = GatewayJson.Count(r, "prompt_tokens", where),
        CompletionTokens = GatewayJson.Count(r, "completion_tokens", where),
        Model = GatewayJson.Text(r, "model"),
        ModelGroup = GatewayJson.Text(r, "model_group"),
        Provider = GatewayJson.Text(r, "custom_llm_provider"),
        User = GatewayJson.Text(r, "user"),
        EndUser = GatewayJson.Text(r, "end_user"),
        TeamId = GatewayJson.Text(r, "team_id"),
        SessionId = GatewayJson.Text(r, "session_id"),
        CacheHit = GatewayJson.Text(r, "cache_hit"),
        Metadata = GatewayJson.Object(r, "metadata"),
        RequestTags = r.TryGetProperty("request_tags", out var tags) && tags.ValueKind == JsonValueKind.Array ? tags : default,
    };
}
