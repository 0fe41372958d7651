using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.Anthropic;

/// <summary>
/// Imports the Anthropic Admin API: workspaces and API keys (the identity directory), the messages usage
/// report (tokens per day × api key × workspace × model × service tier × context window; priced later),
/// the cost report (billed, amounts in cents as decimal strings, per day × workspace × description) and the
/// Claude Code usage report (per person per day, with Anthropic's estimated cost). Everything is fetched
/// first; then one transaction replaces each dataset's lines for the fetched days.
/// </summary>
public sealed class AnthropicBillingImporter(BillingApiClient api, IBillingStore store, TimeProvider time)
{
    public const string Source = "anthropic";

    private const int Limit = 1000;

    public async Task<BillingImportSummary> ImportAsync(DateOnly? since, DateOnly? until, CancellationToken cancellationToken)
    {
        var (from, to) = BillingWindow.Resolve(since, until, await store.GetCursorsAsync(Source, cancellationToken), time.GetUtcNow());
        var summary = new BillingImportSummary { Source = Source, From = from, Until = to };
        var identities = new List<BillingIdentity>();
        identities.AddRange(await AdminApiPaging.ListAsync(api, "v1/organizations/workspaces?include_archived=true", Limit, "after_id", Workspace, cancellationToken));
        identities.AddRange(await AdminApiPaging.ListAsync(api, "v1/organizations/api_keys", Limit, "after_id", ApiKey, cancellationToken));
        var names = identities.ToDictionary(i => (i.Kind, i.Id), i => i.Name);

        var ids = new LineIds();
        var lines = new List<BillingLine>();
        var range = $"starting_at={Rfc3339(from)}&ending_at={Rfc3339(to)}&bucket_width=1d&limit=31";
        await AdminApiPaging.BucketPagesAsync(
            api,
            $"v1/organizations/usage_report/messages?{range}&group_by[]=api_key_id&group_by[]=workspace_id&group_by[]=model&group_by[]=service_tier&group_by[]=context_window",
            "usage report",
            (bucket, row, where) => lines.Add(UsageLine(bucket, row, where, names, ids)),
            cancellationToken);
        await AdminApiPaging.BucketPagesAsync(
            api,
            $"v1/organizations/cost_report?{range}&group_by[]=workspace_id&group_by[]=description",
            "cost report",
            (bucket, row, where) => lines.Add(CostLine(bucket, row, where, names, ids)),
            cancellationToken);
        for (var day = from; day < to; day = day.AddDays(1))
        {
            await ClaudeCodeDayAsync(day, lines, ids, cancellationToken);
        }

        // A row outside the window asked for is not covered by this fetch's scopes: it is left out, not stored.
        var inWindow = lines.Where(l => l.PeriodStart >= from && l.PeriodStart < to).ToList();
        summary.OutsideWindow = lines.Count - inWindow.Count;
        foreach (var line in inWindow)
        {
            summary.Add(line);
        }

        var result = await store.WriteBillingAsync(
            new BillingWrite
            {
                Scopes = [new(Source, "usage_report", from, to), new(Source, "cost_report", from, to), new(Source, "claude_code", from, to)],
                Lines = inWindow.ToAsyncEnumerable(),
                Identities = identities,
                Cursors = [BillingWindow.Cursor(Source, to)],
            },
            cancellationToken);
        summary.Identities = identities.Count;
        summary.Replaced = result.Replaced;
        summary.Requests = api.Requests;
        return summary;
    }

    private static string Rfc3339(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static BillingIdentity Workspace(JsonElement w) => new()
    {
        Source = Source,
        Kind = BillingIdentityKind.Workspace,
        Id = JsonFields.String(w, "id") ?? throw new BillingApiException("workspaces: an entry has no id."),
        Name = JsonFields.String(w, "name"),
        Status = JsonFields.String(w, "archived_at") is null ? "active" : "archived",
        Tags = JsonFields.Map(w, "tags"),
    };

    private static BillingIdentity ApiKey(JsonElement k) => new()
    {
        Source = Source,
        Kind = BillingIdentityKind.ApiKey,
        Id = JsonFields.String(k, "id") ?? throw new BillingApiException("api_keys: an entry has no id."),
        Name = JsonFields.String(k, "name"),
        ParentId = JsonFields.String(k, "workspace_id") ?? "default",
        Status = JsonFields.String(k, "status"),
    };



    private static BillingLine UsageLine(JsonElement bucket, JsonElement r, string where, Dictionary<(BillingIdentityKind, string), string?> names, LineIds ids)
    {
        var start = JsonFields.Instant(bucket, "starting_at", where);
        var end = JsonFields.Instant(bucket, "ending_at", where);
        var key = JsonFields.String(r, "api_key_id");
        var workspace = JsonFields.String(r, "workspace_id") ?? "default";
        var cache = JsonFields.Object(r, "cache_creation");
        var model = JsonFields.String(r, "model");
        var tier = JsonFields.String(r, "service_tier");
        var context = JsonFields.String(r, "context_window");
        var geo = JsonFields.String(r, "inference_geo");
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(attributes, "context_window", context);
        Put(attributes, "inference_geo", geo);
        Put(attributes, "speed", JsonFields.String(r, "speed"));
        var searches = JsonFields.Long(JsonFields.Object(r, "server_tool_use"), "web_search_requests");
        if (searches > 0)
        {
            attributes["web_search_requests"] = searches.ToString(CultureInfo.InvariantCulture);
        }

        if (key is null)
        {
            attributes["api_key"] = "none (Console or not grouped)";
        }

        var kind = key is null ? BillingIdentityKind.Workspace : BillingIdentityKind.ApiKey;
        var identity = key ?? workspace;
        return new BillingLine
        {
            Id = ids.Next(Source, "usage", Day(start), key, workspace, model, tier, context, geo),
            Source = Source,
            Dataset = "usage_report",
            Provider = "anthropic",
            PeriodStart = start,
            PeriodEnd = end,
            IdentityKind = kind,
            IdentityId = identity,
            IdentityAlias = names.GetValueOrDefault((kind, identity)),
            GroupId = workspace,
            Model = model,
            ServiceTier = tier,
            Tokens = new TokenCounts(
                JsonFields.Long(r, "uncached_input_tokens"),
                JsonFields.Long(r, "output_tokens"),
                JsonFields.Long(r, "cache_read_input_tokens"),
                JsonFields.Long(cache, "ephemeral_5m_input_tokens"),
                JsonFields.Long(cache, "ephemeral_1h_input_tokens")),
            Basis = CostBasis.Unknown,
            Attributes = attributes,
        };
    }

    private static BillingLine CostLine(JsonElement bucket, JsonElement r, string where, Dictionary<(BillingIdentityKind, string), string?> names, LineIds ids)
    {
        var start = JsonFields.Instant(bucket, "starting_at", where);
        var cents = JsonFields.Decimal(r, "amount", where) ?? throw new BillingApiException($"{where}: a cost row has no amount; nothing was imported.");
        var workspace = JsonFields.String(r, "workspace_id") ?? "default";
        var costType = JsonFields.String(r, "cost_type");
        var tokenType = JsonFields.String(r, "token_type");
        var model = JsonFields.String(r, "model");
        var tier = JsonFields.String(r, "service_tier");
        var context = JsonFields.String(r, "context_window");
        var description = JsonFields.String(r, "description");
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        Put(attributes, "cost_type", costType);
        Put(attributes, "token_type", tokenType);
        Put(attributes, "context_window", context);
        Put(attributes, "inference_geo", JsonFields.String(r, "inference_geo"));
        Put(attributes, "speed", JsonFields.String(r, "speed"));
        return new BillingLine
        {
            Id = ids.Next(Source, "cost", Day(start), workspace, description, model, costType, tokenType, tier, context),
            Source = Source,
            Dataset = "cost_report",
            Provider = "anthropic",
            PeriodStart = start,
            PeriodEnd = JsonFields.Instant(bucket, "ending_at", where),
            IdentityKind = BillingIdentityKind.Workspace,
            IdentityId = workspace,
            IdentityAlias = names.GetValueOrDefault((BillingIdentityKind.Workspace, workspace)),
            GroupId = workspace,
            Model = model,
            ServiceTier = tier,
            Amount = cents / 100m, // the cost report gives cents ("123.45" = $1.2345)
            Currency = (JsonFields.String(r, "currency") ?? "USD").ToUpperInvariant(),
            Basis = CostBasis.Billed,
            Sku = tokenType ?? costType,
            Description = description,
            Attributes = attributes,
        };
    }

    private async Task ClaudeCodeDayAsync(DateTimeOffset day, List<BillingLine> lines, LineIds ids, CancellationToken cancellationToken)
    {
        var date = day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string? next = null;
        var pageNumber = 0;
        do
        {
            pageNumber++;
            var where = $"Claude Code report {date}, page {pageNumber}";
            using var page = await api.GetAsync(
                $"v1/organizations/usage_report/claude_code?starting_at={date}&limit={Limit}" + (next is null ? string.Empty : $"&page={Uri.EscapeDataString(next)}"),
                cancellationToken);
            foreach (var record in JsonFields.Array(page.RootElement, "data", where))
            {
                var actor = JsonFields.Object(record, "actor");
                var email = JsonFields.String(actor, "email_address");
                var keyName = JsonFields.String(actor, "api_key_name");
                if (email is null && keyName is null)
                {
                    throw new BillingApiException($"{where}: a record's actor has neither email_address nor api_key_name; nothing was imported.");
                }

                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                Put(attributes, "customer_type", JsonFields.String(record, "customer_type"));
                Put(attributes, "subscription_type", JsonFields.String(record, "subscription_type"));
                Put(attributes, "terminal_type", JsonFields.String(record, "terminal_type"));
                if (email is null)
                {
                    attributes["actor"] = "api_key_name"; // the analytics report names keys, it does not give their ids
                }

                foreach (var model in record.TryGetProperty("model_breakdown", out var breakdown) && breakdown.ValueKind == JsonValueKind.Array
                    ? breakdown.EnumerateArray() : default)
                {
                    var tokens = JsonFields.Object(model, "tokens");
                    var cost = JsonFields.Object(model, "estimated_cost");
                    var modelName = JsonFields.String(model, "model");
                    lines.Add(new BillingLine
                    {
                        Id = ids.Next(Source, "claude_code", date, email ?? keyName, modelName),
                        Source = Source,
                        Dataset = "claude_code",
                        Provider = "anthropic",
                        PeriodStart = day,
                        PeriodEnd = day.AddDays(1),
                        IdentityKind = email is null ? BillingIdentityKind.ApiKey : BillingIdentityKind.User,
                        IdentityId = (email ?? keyName)!,
                        IdentityAlias = keyName,
                        Model = modelName,
                        // cache_creation is not split by time-to-live here; it is counted as 5-minute writes.
                        Tokens = new TokenCounts(
                            JsonFields.Long(tokens, "input"),
                            JsonFields.Long(tokens, "output"),
                            JsonFields.Long(tokens, "cache_read"),
                            JsonFields.Long(tokens, "cache_creation"),
                            0),
                        Amount = JsonFields.Decimal(cost, "amount", where) / 100m, // minor units (cents)
                        Currency = (JsonFields.String(cost, "currency") ?? "USD").ToUpperInvariant(),
                        Basis = CostBasis.Estimated,
                        Attributes = attributes,
                    });
                }
            }

            next = JsonFields.Bool(page.RootElement, "has_more") == true ? JsonFields.String(page.RootElement, "next_page") : null;
        }
        while (next is not null);
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Put(Dictionary<string, string> map, string key, string? value)
    {
        if (value is not null)
        {
            map[key] = value;
        }
    }
}
