using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.OpenRouter;

/// <summary>
/// Imports OpenRouter's generation costs from <c>GET /activity</c>: one row per completed UTC day, model and
/// provider endpoint with the requests, tokens and <c>usage</c> — credits charged, 1 credit = 1 USD, so the
/// cost is <see cref="CostBasis.Billed"/>. One request returns the last 30 days; rows before the cursor's day
/// are left alone, and a re-imported day replaces itself (ids are day × endpoint).
/// </summary>
public sealed class OpenRouterImporter(BillingApiClient api, IUsageStore store, TimeProvider time)
{
    public const string Source = "openrouter";

    public Task<SourceImportSummary> ImportAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        UsageImport.RunAsync(Source, store, time, since, (from, summary) => FetchAsync(from, summary, cancellationToken), cancellationToken);

    private async Task<IReadOnlyCollection<UsageRecord>> FetchAsync(DateTimeOffset from, SourceImportSummary summary, CancellationToken cancellationToken)
    {
        const string where = "OpenRouter activity";
        using var answer = await api.GetAsync("activity", cancellationToken);
        summary.Requests = api.Requests;
        var firstDay = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var records = GatewayJson.Array(answer.RootElement, "data", where).Select(r => Map(r, where)).ToList();
        var kept = records.Where(r => r.At >= firstDay).ToList();
        if (kept.Count < records.Count)
        {
            summary.Notes.Add($"{records.Count - kept.Count:N0} rows of days already imported left alone");
        }

        return kept;
    }

    private static UsageRecord Map(JsonElement r, string where)
    {
        var date = GatewayJson.RequiredText(r, "date", where);
        if (!DateOnly.TryParseExact(date[..Math.Min(date.Length, 10)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw GatewayJson.Malformed(where, $"'date' is \"{date}\", expected YYYY-MM-DD");
        }

        var model = GatewayJson.RequiredText(r, "model", where);
        var provider = GatewayJson.Text(r, "provider_name");
        var endpoint = GatewayJson.Text(r, "endpoint_id") ?? $"{model}@{provider}";
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (provider is not null)
        {
            tags["upstream_provider"] = provider;
        }

        if (GatewayJson.Money(r, "byok_usage_inference", where) is { } byok && byok != 0)
        {
            tags["byok_usage_inference"] = byok.ToString(CultureInfo.InvariantCulture);
        }

        return new UsageRecord
        {
            Id = $"{Source}:{day:yyyy-MM-dd}:{endpoint}",
            SourceKind = Source,
            At = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Provider = Source,
            Model = GatewayJson.Text(r, "model_permaslug") ?? model,
            Tokens = new TokenCounts(GatewayJson.Count(r, "prompt_tokens", where), GatewayJson.Count(r, "completion_tokens", where), 0, 0, 0),
            Requests = GatewayJson.Count(r, "requests", where),
            Cost = GatewayJson.Money(r, "usage", where) ?? 0m,
            CostBasis = CostBasis.Billed,
            Tool = Source,
            Tags = tags,
        };
    }
}
