using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.Cursor;

/// <summary>
/// Imports a Cursor team from the Admin API:
/// <list type="bullet">
/// <item>members (<c>GET /teams/members</c>) → user identities;</item>
/// <item>daily usage (<c>POST /teams/daily-usage-data</c>, ≤ 30 days a call) → <c>daily_usage</c> lines per
/// person per day: request counts and accepted lines, no money;</item>
/// <item>spend (<c>POST /teams/spend</c>, all pages) → <c>spend</c> lines per member for the current cycle,
/// <c>spendCents</c> / 100 billed, replacing the cycle's earlier snapshot;</item>
/// <item>usage events (<c>POST /teams/filtered-usage-events</c>, all pages) → usage records:
/// tokens and <c>(tokenUsage.totalCents + cursorTokenFee) / 100</c> dollars (the dashboard's rule), billed for
/// usage-based events, an estimate for events included in the plan.</item>
/// </list>
/// Billing facts and usage records are two transactions, each idempotent; the usage cursor moves only
/// after both are written.
/// </summary>
public sealed class CursorImporter(BillingApiClient api, IBillingStore billing, IUsageStore usage, TimeProvider time)
{
    public const string Source = "cursor";

    public int EventPageSize { get; init; } = 100;

    public int SpendPageSize { get; init; } = 100;

    private const int MaxDaysPerCall = 30;

    public async Task<SourceImportSummary> ImportAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var previous = UsageCursor.Read(await usage.GetCursorsAsync(Source, cancellationToken));
        var from = since ?? previous ?? now.AddDays(-UsageCursor.DefaultDays);
        var summary = new SourceImportSummary { Source = Source };
        summary.Cover(from, now);

        var identities = await MembersAsync(cancellationToken);
        var lines = new List<BillingLine>();
        var dayFrom = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var dayUntil = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        var ids = new LineIds();
        for (var start = dayFrom; start < dayUntil; start = start.AddDays(MaxDaysPerCall))
        {
            var end = start.AddDays(MaxDaysPerCall) < dayUntil ? start.AddDays(MaxDaysPerCall) : dayUntil;
            lines.AddRange(await DailyUsageAsync(start, end, ids, cancellationToken));
        }

        var (spend, cycleStart) = await SpendAsync(now, ids, cancellationToken);
        lines.AddRange(spend);
        var events = await EventsAsync(from, now, cancellationToken);

        var scopes = new List<BillingScope> { new(Source, "daily_usage", dayFrom, dayUntil) };
        if (cycleStart is { } cycle)
        {
            scopes.Add(new BillingScope(Source, "spend", cycle, cycle.AddDays(1))); // the cycle's snapshot: spend lines start at the cycle start
        }

        await billing.WriteBillingAsync(new BillingWrite { Scopes = scopes, Lines = lines.ToAsyncEnumerable(), Identities = identities }, cancellationToken);
        var latest = events.Count == 0 ? (DateTimeOffset?)null : events.Max(e => e.At);
        await usage.WriteUsageAsync(events, [UsageCursor.Write(Source, latest, previous, from)], cancellationToken);
        lines.ForEach(summary.Add);
        events.ForEach(summary.Add);
        summary.Identities = identities.Count;
        summary.Requests = api.Requests;
        return summary;
    }

    private async Task<List<BillingIdentity>> MembersAsync(CancellationToken cancellationToken)
    {
        const string where = "Cursor team members";
        using var answer = await api.GetAsync("teams/members", cancellationToken);
        return GatewayJson.Array(answer.RootElement, "teamMembers", where).Select(m => new BillingIdentity
        {
            Source = Source,
            Kind = BillingIdentityKind.User,
            Id = GatewayJson.RequiredText(m, "email", where),
            Name = GatewayJson.Text(m, "name"),
            Status = m.TryGetProperty("isRemoved", out var removed) && removed.ValueKind == JsonValueKind.True ? "removed" : "active",
            Tags = GatewayJson.Text(m, "role") is { } role ? new Dictionary<string, string> { ["role"] = role } : BillingLine.Empty,
        }).ToList();
    }

    private async Task<List<BillingLine>> DailyUsageAsync(DateTimeOffset start, DateTimeOffset end, LineIds ids, CancellationToken cancellationToken)
    {
        var where = $"Cursor daily usage {start:yyyy-MM-dd}–{end:yyyy-MM-dd}";
        var body = JsonSerializer.Serialize(new { startDate = start.ToUnixTimeMilliseconds(), endDate = end.ToUnixTimeMilliseconds() - 1 });
        using var answer = await api.PostJsonAsync("teams/daily-usage-data", body, cancellationToken);
        var lines = new List<BillingLine>();
        foreach (var d in GatewayJson.Array(answer.RootElement, "data", where))
        {
            var day = GatewayJson.EpochMilliseconds(d, "date", where);
            day = new DateTimeOffset(day.UtcDateTime.Date, TimeSpan.Zero);
            if (day < start || day >= end)
            {
                continue;
            }

            var email = GatewayJson.Text(d, "email");
            if (email is null)
            {
                continue; // a day row without a person says nothing attributable
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in new[] { "totalLinesAdded", "totalLinesDeleted", "acceptedLinesAdded", "acceptedLinesDeleted", "totalAccepts", "totalRejects", "totalTabsAccepted", "subscriptionIncludedReqs", "usageBasedReqs", "apiKeyReqs", "bugbotUsages" })
            {
                if (GatewayJson.Count(d, name, where) is > 0 and var n)
                {
                    attributes[name] = n.ToString(CultureInfo.InvariantCulture);
                }
            }

            lines.Add(new BillingLine
            {
                Id = ids.Next(Source, "daily_usage", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), email),
                Source = Source,
                Dataset = "daily_usage",
                Provider = Source,
                PeriodStart = day,
                PeriodEnd = day.AddDays(1),
                IdentityKind = BillingIdentityKind.User,
                IdentityId = email,
                Model = GatewayJson.Text(d, "mostUsedModel"),
                Requests = GatewayJson.Count(d, "composerRequests", where) + GatewayJson.Count(d, "chatRequests", where)
                    + GatewayJson.Count(d, "agentRequests", where) + GatewayJson.Count(d, "cmdkUsages", where),
                Basis = CostBasis.Unknown,
                Attributes = attributes,
            });
        }

        return lines;
    }

    private async Task<(List<BillingLine> Lines, DateTimeOffset? CycleStart)> SpendAsync(DateTimeOffset now, LineIds ids, CancellationToken cancellationToken)
    {
        var lines = new List<BillingLine>();
        DateTimeOffset? cycleStart = null;
        for (var page = 1; ; page++)
        {
            var where = $"Cursor spend, page {page}";
            using var answer = await api.PostJsonAsync("teams/spend", JsonSerializer.Serialize(new { page, pageSize = SpendPageSize }), cancellationToken);
            var cycle = GatewayJson.EpochMilliseconds(answer.RootElement, "subscriptionCycleStart", where);
            cycleStart ??= cycle;
            var members = GatewayJson.Array(answer.RootElement, "teamMemberSpend", where).ToList();
            foreach (var m in members)
            {
                var email = GatewayJson.RequiredText(m, "email", where);
                var cents = GatewayJson.Money(m, "spendCents", where) ?? 0m;
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                if (GatewayJson.Count(m, "fastPremiumRequests", where) is > 0 and var premium)
                {
                    attributes["fastPremiumRequests"] = premium.ToString(CultureInfo.InvariantCulture);
                }

                lines.Add(new BillingLine
                {
                    Id = ids.Next(Source, "spend", cycle.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), email),
                    Source = Source,
                    Dataset = "spend",
                    Provider = Source,
                    PeriodStart = cycleStart.Value,
                    PeriodEnd = now, // cycle to date: the next import replaces this snapshot
                    IdentityKind = BillingIdentityKind.User,
                    IdentityId = email,
                    IdentityAlias = GatewayJson.Text(m, "name"),
                    Amount = cents / 100m, // Cursor gives cents
                    Basis = CostBasis.Billed,
                    ChargeCategory = "Usage",
                    Description = "usage-based spend, current cycle to date",
                    Attributes = attributes,
                });
            }

            var pages = GatewayJson.Count(answer.RootElement, "totalPages", where);
            if (members.Count == 0 || page >= pages)
            {
                return (lines, cycleStart);
            }
        }
    }

    private async Task<List<UsageRecord>> EventsAsync(DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var records = new List<UsageRecord>();
        var ids = new LineIds();
        for (var page = 1; ; page++)
        {
            var where = $"Cursor usage events, page {page}";
            var body = JsonSerializer.Serialize(new { startDate = from.ToUnixTimeMilliseconds(), endDate = now.ToUnixTimeMilliseconds(), page, pageSize = EventPageSize });
            using var answer = await api.PostJsonAsync("teams/filtered-usage-events", body, cancellationToken);
            var events = GatewayJson.Array(answer.RootElement, "usageEvents", where).ToList();
            records.AddRange(events.Select(e => Event(e, where, ids)));
            var pagination = GatewayJson.Object(answer.RootElement, "pagination");
            if (events.Count == 0 || !(pagination.TryGetProperty("hasNextPage", out var more) && more.ValueKind == JsonValueKind.True))
            {
                return records;
            }
        }
    }

    private static UsageRecord Event(JsonElement e, string where, LineIds ids)
    {
        var at = GatewayJson.EpochMilliseconds(e, "timestamp", where);
        var email = GatewayJson.Text(e, "userEmail");
        var model = GatewayJson.Text(e, "model") ?? "unknown";
        var kind = GatewayJson.Text(e, "kind");
        var tokens = GatewayJson.Object(e, "tokenUsage");
        decimal? cost = null;
        if (tokens.ValueKind == JsonValueKind.Object)
        {
            cost = ((GatewayJson.Money(tokens, "totalCents", where) ?? 0m) + (GatewayJson.Money(e, "cursorTokenFee", where) ?? 0m)) / 100m;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (kind is not null)
        {
            tags["kind"] = kind;
        }

        if (GatewayJson.Money(e, "requestsCosts", where) is { } requestCosts)
        {
            tags["requests_costs"] = requestCosts.ToString(CultureInfo.InvariantCulture);
        }

        if (e.TryGetProperty("maxMode", out var max) && max.ValueKind == JsonValueKind.True)
        {
            tags["max_mode"] = "true";
        }

        return new UsageRecord
        {
            // The API gives events no id: person, millisecond and model identify one, #n for true repeats.
            Id = ids.Next(Source, email, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), model, kind),
            SourceKind = Source,
            At = at,
            Provider = Source,
            Model = model,
            Tokens = new TokenCounts(
                GatewayJson.Count(tokens, "inputTokens", where),
                GatewayJson.Count(tokens, "outputTokens", where),
                GatewayJson.Count(tokens, "cacheReadTokens", where),
                GatewayJson.Count(tokens, "cacheWriteTokens", where),
                0),
            Cost = cost,
            CostBasis = kind?.Contains("usage-based", StringComparison.OrdinalIgnoreCase) == true ? CostBasis.Billed : CostBasis.Estimated,
            Person = email,
            Tool = Source,
            Tags = tags,
        };
    }
}
