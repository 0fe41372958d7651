using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.Portkey;

/// <summary>
/// Imports Portkey request logs through a log export: create it (<c>POST /logs/exports</c> with a time filter
/// and only the columns Receipts needs — never <c>request</c> or <c>response</c>), start it, poll its status,
/// get its signed link and download it (JSON lines). Each row becomes a usage record: units, <c>cost</c> with
/// <c>cost_currency</c>, and the metadata as tags (<c>_user</c> is the person). The unit of <c>cost</c> is not
/// documented (reference §6.2, VERIFY): <see cref="CostInCents"/> says how to read it (default: cents).
/// </summary>
public sealed class PortkeyImporter(BillingApiClient api, IUsageStore store, TimeProvider time, string? workspaceId, bool costInCents = true)
{
    public const string Source = "portkey";

    /// <summary>Polls of the export's status before giving up. Default 60 (two minutes at 2 s).</summary>
    public int MaxPolls { get; init; } = 60;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public bool CostInCents => costInCents;

    private static readonly string[] Columns =
        ["id", "trace_id", "created_at", "ai_org", "ai_model", "req_units", "res_units", "total_units", "cost", "cost_currency", "response_status_code", "metadata"];

    public Task<SourceImportSummary> ImportAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        UsageImport.RunAsync(Source, store, time, since, (from, summary) => FetchAsync(from, summary, cancellationToken), cancellationToken);

    private async Task<IReadOnlyCollection<UsageRecord>> FetchAsync(DateTimeOffset from, SourceImportSummary summary, CancellationToken cancellationToken)
    {
        var create = JsonSerializer.Serialize(new
        {
            workspace_id = workspaceId,
            description = "receipts import",
            filters = new { time_of_generation_min = GatewayJson.Iso(from), time_of_generation_max = GatewayJson.Iso(time.GetUtcNow()) },
            requested_data = Columns,
        });
        string exportId;
        using (var created = await api.PostJsonAsync("logs/exports", create, cancellationToken))
        {
            exportId = GatewayJson.RequiredText(created.RootElement, "id", "Portkey log export");
        }

        var path = $"logs/exports/{Uri.EscapeDataString(exportId)}";
        using (await api.PostJsonAsync($"{path}/start", "{}", cancellationToken))
        {
        }

        for (var poll = 1; ; poll++)
        {
            using var status = await api.GetAsync(path, cancellationToken);
            var state = GatewayJson.Text(status.RootElement, "status")?.ToLowerInvariant();
            if (state is "success" or "completed" or "complete")
            {
                break;
            }

            if (state is "failed" or "cancelled" or "error")
            {
                throw new BillingApiException($"Portkey log export {exportId} ended as '{state}'; nothing was imported.", "Run the import again; if it keeps failing, check the export in Portkey's dashboard.");
            }

            if (poll >= MaxPolls)
            {
                throw new BillingApiException($"Portkey log export {exportId} was not ready after {MaxPolls} checks; nothing was imported.", "Run the import again later, or with a shorter --since.");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        string url;
        using (var download = await api.GetAsync($"{path}/download", cancellationToken))
        {
            url = GatewayJson.RequiredText(download.RootElement, "signed_url", "Portkey log export download");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var signed))
        {
            throw GatewayJson.Malformed("Portkey log export download", "'signed_url' is not a URL");
        }

        var text = await api.DownloadAsync(signed, cancellationToken);
        summary.Requests = api.Requests;
        return Rows(text).Select(r => Map(r.Row, $"Portkey export {exportId}, {r.Where}")).ToList();
    }

    /// <summary>The export as JSON lines, or one JSON array; each row cloned out of its document.</summary>
    private static IEnumerable<(JsonElement Row, string Where)> Rows(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('['))
        {
            using var all = Parse(trimmed, "the file");
            var n = 0;
            foreach (var row in all.RootElement.EnumerateArray())
            {
                yield return (row.Clone(), $"row {++n}");
            }

            yield break;
        }

        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            using var json = Parse(raw, $"line {line}");
            yield return (json.RootElement.Clone(), $"line {line}");
        }
    }

    private static JsonDocument Parse(string text, string where)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw GatewayJson.Malformed($"Portkey export, {where}", $"not JSON ({e.Message})");
        }
    }

    private UsageRecord Map(JsonElement r, string where)
    {
        var id = GatewayJson.RequiredText(r, "id", where);
        var metadata = r.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.String
            ? GatewayTags.FromJsonText(m.GetString())
            : GatewayTags.From(GatewayJson.Object(r, "metadata"));
        var person = GatewayTags.Take(metadata, "_user");
        var cost = GatewayJson.Money(r, "cost", where);
        return new UsageRecord
        {
            Id = $"{Source}:{id}",
            SourceKind = Source,
            SourceName = workspaceId,
            At = GatewayJson.Instant(r, "created_at", where),
            Provider = (GatewayJson.Text(r, "ai_org") ?? "unknown").ToLowerInvariant(),
            Model = GatewayJson.Text(r, "ai_model") ?? "unknown",
            Tokens = new TokenCounts(GatewayJson.Count(r, "req_units", where), GatewayJson.Count(r, "res_units", where), 0, 0, 0),
            Cost = cost is { } c && costInCents ? c / 100m : cost,
            CostBasis = CostBasis.Estimated,
            Currency = (GatewayJson.Text(r, "cost_currency") ?? "USD").ToUpperInvariant(),
            Person = person,
            SessionId = GatewayJson.Text(r, "trace_id"),
            Tool = Source,
            Tags = metadata,
        };
    }
}
