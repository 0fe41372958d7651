using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.LangSmith;

/// <summary>
/// Imports LangSmith LLM runs of the given projects (<c>POST /api/v1/runs/query</c> with <c>run_type: llm</c>,
/// followed by <c>cursors.next</c> to the end) as usage records: tokens, <c>total_cost</c> (LangSmith's
/// estimate from its price map), the model and provider from <c>extra.metadata.ls_model_name</c> /
/// <c>ls_provider</c>, and the other string metadata as tags. The query selects only ids, times, counts,
/// costs and <c>extra</c>: never <c>inputs</c> or <c>outputs</c>.
/// </summary>
public sealed class LangSmithImporter(BillingApiClient api, IUsageStore store, TimeProvider time, IReadOnlyList<string> projectIds)
{
    public const string Source = "langsmith";

    /// <summary>Rows asked per page. Default 100.</summary>
    public int PageSize { get; init; } = 100;

    private static readonly string[] Selected =
        ["id", "name", "run_type", "start_time", "session_id", "trace_id", "extra", "prompt_tokens", "completion_tokens", "total_tokens", "total_cost"];

    public Task<SourceImportSummary> ImportAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        UsageImport.RunAsync(Source, store, time, since, (from, summary) => FetchAsync(from, summary, cancellationToken), cancellationToken);

    private async Task<IReadOnlyCollection<UsageRecord>> FetchAsync(DateTimeOffset from, SourceImportSummary summary, CancellationToken cancellationToken)
    {
        var records = new List<UsageRecord>();
        string? cursor = null;
        for (var page = 1; ; page++)
        {
            var where = $"LangSmith runs, page {page}";
            var body = JsonSerializer.Serialize(new
            {
                session = projectIds,
                run_type = "llm",
                start_time = GatewayJson.Iso(from),
                limit = PageSize,
                cursor,
                select = Selected,
            });
            using var answer = await api.PostJsonAsync("api/v1/runs/query", body, cancellationToken);
            summary.Requests = api.Requests;
            records.AddRange(GatewayJson.Array(answer.RootElement, "runs", where).Select(r => Map(r, where)));
            cursor = GatewayJson.Text(GatewayJson.Object(answer.RootElement, "cursors"), "next");
            if (cursor is null)
            {
                return records;
            }
        }
    }

    private static UsageRecord Map(JsonElement r, string where)
    {
        var id = GatewayJson.RequiredText(r, "id", where);
        var extra = GatewayJson.Object(r, "extra");
        var metadata = GatewayJson.Object(extra, "metadata");
        var tags = GatewayTags.From(metadata);
        var model = GatewayTags.Take(tags, "ls_model_name") ?? GatewayJson.Text(GatewayJson.Object(extra, "invocation_params"), "model") ?? GatewayJson.Text(r, "name") ?? "unknown";
        var provider = GatewayTags.Take(tags, "ls_provider") ?? "unknown";
        foreach (var key in tags.Keys.Where(k => k.StartsWith("ls_", StringComparison.Ordinal)).ToList())
        {
            tags.Remove(key); // LangSmith's own bookkeeping (temperature, model type), not context
        }

        var person = GatewayTags.Take(tags, "user_id", "user", "email");
        return new UsageRecord
        {
            Id = $"{Source}:{id}",
            SourceKind = Source,
            SourceName = GatewayJson.Text(r, "session_id"),
            At = GatewayJson.Instant(r, "start_time", where),
            Provider = provider.ToLowerInvariant(),
            Model = model,
            Tokens = new TokenCounts(GatewayJson.Count(r, "prompt_tokens", where), GatewayJson.Count(r, "completion_tokens", where), 0, 0, 0),
            Cost = GatewayJson.Money(r, "total_cost", where),
            CostBasis = CostBasis.Estimated,
            Person = person,
            SessionId = GatewayJson.Text(r, "trace_id"),
            Tool = Source,
            Tags = tags,
        };
    }
}
