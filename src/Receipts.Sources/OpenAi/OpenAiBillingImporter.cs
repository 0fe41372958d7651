using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.OpenAi;

/// <summary>
/// Imports the OpenAI Admin API: projects and their API keys (the identity directory), costs (billed, in
/// dollars, per day × project × line item) and the usage endpoints (tokens and requests per day × project ×
/// user × api key × model; priced later). Everything is fetched first; then one transaction replaces each
/// dataset's lines for the fetched days.
/// </summary>
public sealed class OpenAiBillingImporter(BillingApiClient api, IBillingStore store, TimeProvider time)
{
    public const string Source = "openai";

    /// <summary>Which usage endpoints to read (default <see cref="OpenAiUsageEndpoint.Defaults"/>).</summary>
    public IReadOnlyList<OpenAiUsageEndpoint> UsageEndpoints { get; init; } = OpenAiUsageEndpoint.Defaults;

    public async Task<BillingImportSummary> ImportAsync(DateOnly? since, DateOnly? until, CancellationToken cancellationToken)
    {
        var (from, to) = BillingWindow.Resolve(since, until, await store.GetCursorsAsync(Source, cancellationToken), time.GetUtcNow());
        var summary = new BillingImportSummary { Source = Source, From = from, Until = to };
        var projects = await AdminApiPaging.ListAsync(api, "organization/projects?include_archived=true", 100, "after", Project, cancellationToken);
        var identities = new List<BillingIdentity>(projects);
        foreach (var project in projects)
        {
            identities.AddRange(await AdminApiPaging.ListAsync(
                api,
                $"organization/projects/{Uri.EscapeDataString(project.Id)}/api_keys",
                100,
                "after",
                k => ApiKey(k, project.Id),
                cancellationToken));
        }

        var names = identities.GroupBy(i => (i.Kind, i.Id)).ToDictionary(g => g.Key, g => g.First().Name);
        var ids = new LineIds();
        var lines = new List<BillingLine>();
        var range = $"start_time={from.ToUnixTimeSeconds()}&end_time={to.ToUnixTimeSeconds()}&bucket_width=1d";
        await AdminApiPaging.BucketPagesAsync(
            api,
            $"organization/costs?{range}&group_by=project_id&group_by=line_item&limit=180",
            "costs",
            (bucket, row, where) => lines.Add(CostLine(bucket, row, where, names, ids)),
            cancellationToken);
        var scopes = new List<BillingScope> { new(Source, "costs", from, to) };
        foreach (var endpoint in UsageEndpoints)
        {
            var groups = string.Concat(endpoint.GroupBy.Split(',').Select(g => $"&group_by={g}"));
            await AdminApiPaging.BucketPagesAsync(
                api,
                $"organization/usage/{endpoint.Name}?{range}{groups}&limit=31",
                $"usage {endpoint.Name}",
                (bucket, row, where) => lines.Add(UsageLine(endpoint.Name, bucket, row, where, names, ids)),
                cancellationToken);
            scopes.Add(new(Source, "usage." + endpoint.Name, from, to));
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
                Scopes = scopes,
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

    private static BillingIdentity Project(JsonElement p) => new()
    {
        Source = Source,
        Kind = BillingIdentityKind.Project,
        Id = JsonFields.String(p, "id") ?? throw new BillingApiException("projects: an entry has no id."),
        Name = JsonFields.String(p, "name"),
        Status = JsonFields.String(p, "status"),
    };

    private static BillingIdentity ApiKey(JsonElement k, string projectId)
    {
        var owner = JsonFields.Object(k, "owner");
        var ownerType = JsonFields.String(owner, "type");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ownerType is not null)
        {
            tags["owner_type"] = ownerType;
        }

        if (JsonFields.String(JsonFields.Object(owner, "user"), "email") is { } email)
        {
            tags["owner"] = email;
        }
        else if (JsonFields.String(JsonFields.Object(owner, "service_account"), "name") is { } account)
        {
            tags["owner"] = account;
        }

        return new BillingIdentity
        {
            Source = Source,
            Kind = BillingIdentityKind.ApiKey,
            Id = JsonFields.String(k, "id") ?? throw new BillingApiException("project api_keys: an entry has no id."),
            Name = JsonFields.String(k, "name"),
            ParentId = projectId,
            Status = JsonFields.String(k, "owner_project_access"),
            Tags = tags,
        };
    }



    private static BillingLine CostLine(JsonElement bucket, JsonElement r, string where, Dictionary<(BillingIdentityKind, string), string?> names, LineIds ids)
    {
        var start = JsonFields.UnixSeconds(bucket, "start_time", where);
        var amount = JsonFields.Object(r, "amount");
        var value = JsonFields.Decimal(amount, "value", where) ?? throw new BillingApiException($"{where}: a cost row has no amount.value; nothing was imported.");
        var project = JsonFields.String(r, "project_id");
        var key = JsonFields.String(r, "api_key_id");
        var lineItem = JsonFields.String(r, "line_item");
        var (kind, identity) = key is not null ? (BillingIdentityKind.ApiKey, key)
            : project is not null ? (BillingIdentityKind.Project, project)
            : (BillingIdentityKind.Organisation, "organisation");
        return new BillingLine
        {
            Id = ids.Next(Source, "costs", Day(start), project, key, lineItem),
            Source = Source,
            Dataset = "costs",
            Provider = "openai",
            PeriodStart = start,
            PeriodEnd = JsonFields.UnixSeconds(bucket, "end_time", where),
            IdentityKind = kind,
            IdentityId = identity,
            IdentityAlias = names.GetValueOrDefault((kind, identity)),
            GroupId = project,
            Model = ModelOf(lineItem),
            Amount = value, // dollars, not cents
            Currency = (JsonFields.String(amount, "currency") ?? "usd").ToUpperInvariant(),
            Basis = CostBasis.Billed,
            Sku = lineItem,
            Quantity = JsonFields.Decimal(r, "quantity", where),
            Unit = JsonFields.String(r, "quantity_unit"),
        };
    }

    /// <summary>Line items look like <c>gpt-5-2025-08-07, input</c>; the part before the comma is the model. Opaque otherwise.</summary>
    internal static string? ModelOf(string? lineItem)
    {
        var comma = lineItem?.IndexOf(',', StringComparison.Ordinal) ?? -1;
        return comma > 0 ? lineItem![..comma].Trim() : null;
    }

    private static BillingLine UsageLine(string endpoint, JsonElement bucket, JsonElement r, string where, Dictionary<(BillingIdentityKind, string), string?> names, LineIds ids)
    {
        var start = JsonFields.UnixSeconds(bucket, "start_time", where);
        var project = JsonFields.String(r, "project_id");
        var user = JsonFields.String(r, "user_id");
        var key = JsonFields.String(r, "api_key_id");
        var model = JsonFields.String(r, "model");
        var batch = JsonFields.Bool(r, "batch");
        var tier = JsonFields.String(r, "service_tier") ?? (batch == true ? "batch" : null);
        var (kind, identity) = key is not null ? (BillingIdentityKind.ApiKey, key)
            : user is not null ? (BillingIdentityKind.User, user)
            : project is not null ? (BillingIdentityKind.Project, project)
            : (BillingIdentityKind.Organisation, "organisation");

        // OpenAI input_tokens include cached and cache-write tokens; Receipts' input is uncached only.
        var input = JsonFields.Long(r, "input_tokens");
        var cached = JsonFields.Long(r, "input_cached_tokens");
        var cacheWrite = JsonFields.Long(r, "input_cache_write_tokens");
        var uncached = r.TryGetProperty("input_uncached_tokens", out var u) && u.ValueKind == JsonValueKind.Number
            ? u.GetInt64()
            : Math.Max(0, input - cached - cacheWrite);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (user is not null && kind != BillingIdentityKind.User)
        {
            attributes["user_id"] = user;
        }

        if (batch is { } b)
        {
            attributes["batch"] = b ? "true" : "false";
        }

        foreach (var p in r.EnumerateObject())
        {
            // Counts other than tokens (images, characters, seconds, bytes, sessions) are kept as given.
            if (p.Value.ValueKind == JsonValueKind.Number && !p.Name.Contains("tokens", StringComparison.Ordinal) && p.Name != "num_model_requests")
            {
                attributes[p.Name] = p.Value.GetRawText();
            }
        }

        return new BillingLine
        {
            Id = ids.Next(Source, "usage." + endpoint, Day(start), project, user, key, model, batch?.ToString(), tier),
            Source = Source,
            Dataset = "usage." + endpoint,
            Provider = "openai",
            PeriodStart = start,
            PeriodEnd = JsonFields.UnixSeconds(bucket, "end_time", where),
            IdentityKind = kind,
            IdentityId = identity,
            IdentityAlias = names.GetValueOrDefault((kind, identity)),
            GroupId = project,
            Model = model,
            ServiceTier = tier,
            Tokens = new TokenCounts(uncached, JsonFields.Long(r, "output_tokens"), cached, cacheWrite, 0),
            Requests = JsonFields.Long(r, "num_model_requests"),
            Basis = CostBasis.Unknown,
            Attributes = attributes,
        };
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
