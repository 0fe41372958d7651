using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Gateways;

namespace Receipts.Sources.Copilot;

/// <summary>
/// Imports one organisation's GitHub Copilot:
/// <list type="bullet">
/// <item>seats (<c>GET /orgs/{org}/copilot/billing/seats</c>, <c>per_page=100</c> pages until <c>total_seats</c>)
/// → <see cref="Seat"/>s priced by plan (<see cref="CopilotPlanPrices"/>) and user identities;</item>
/// <item>usage metrics (<c>GET /orgs/{org}/copilot/metrics/reports/users-1-day?day=</c> → signed NDJSON links,
/// downloaded without the token) → <c>metrics</c> lines per person per day: interactions, CLI tokens and
/// activity counts, no money. One report a day, from the cursor's day minus one to yesterday.</item>
/// </list>
/// </summary>
public sealed class CopilotImporter(BillingApiClient api, IBillingStore store, TimeProvider time, string organisation, CopilotPlanPrices prices)
{
    public const string Source = "copilot";

    public int SeatPageSize { get; init; } = 100;

    /// <summary>Metrics reports start on 2025-10-10 and reach a year back.</summary>
    private static readonly DateOnly FirstReportDay = new(2025, 10, 10);

    public async Task<SourceImportSummary> ImportAsync(DateOnly? since, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var summary = new SourceImportSummary { Source = Source };
        var (seats, identities) = await SeatsAsync(cancellationToken);
        var (from, until) = BillingWindow.Resolve(since, DateOnly.FromDateTime(now.UtcDateTime), await store.GetCursorsAsync(Source, cancellationToken), now);
        if (DateOnly.FromDateTime(from.UtcDateTime) < FirstReportDay)
        {
            from = new DateTimeOffset(FirstReportDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        var lines = new List<BillingLine>();
        var ids = new LineIds();
        for (var day = from; day < until; day = day.AddDays(1))
        {
            lines.AddRange(await MetricsDayAsync(DateOnly.FromDateTime(day.UtcDateTime), ids, cancellationToken));
        }

        await store.WriteBillingAsync(
            new BillingWrite
            {
                Scopes = [new BillingScope(Source, "metrics", from, until)],
                Lines = lines.ToAsyncEnumerable(),
                Identities = identities,
                Cursors = [BillingWindow.Cursor(Source, until)],
            },
            cancellationToken);
        await store.WriteSeatsAsync(seats, cancellationToken);
        summary.Cover(from, until);
        lines.ForEach(summary.Add);
        seats.ForEach(summary.AddSeat);
        summary.Identities = identities.Count;
        summary.Requests = api.Requests;
        var monthly = seats.Where(s => s.To is null || s.To >= DateOnly.FromDateTime(now.UtcDateTime)).Sum(s => s.MonthlyCost);
        summary.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"{seats.Count:N0} seats, {monthly:N2} USD a month at list price"));
        return summary;
    }

    private async Task<(List<Seat> Seats, List<BillingIdentity> Identities)> SeatsAsync(CancellationToken cancellationToken)
    {
        var seats = new List<Seat>();
        var identities = new List<BillingIdentity>();
        for (var page = 1; ; page++)
        {
            var where = $"Copilot seats of {organisation}, page {page}";
            using var answer = await api.GetAsync($"orgs/{Uri.EscapeDataString(organisation)}/copilot/billing/seats?per_page={SeatPageSize}&page={page}", cancellationToken);
            var total = GatewayJson.Count(answer.RootElement, "total_seats", where);
            var rows = GatewayJson.Array(answer.RootElement, "seats", where).ToList();
            foreach (var s in rows)
            {
                var assignee = GatewayJson.Object(s, "assignee");
                var login = GatewayJson.RequiredText(assignee, "login", where + ", assignee");
                var plan = GatewayJson.Text(s, "plan_type");
                var created = GatewayJson.Instant(s, "created_at", where);
                DateOnly? to = GatewayJson.Text(s, "pending_cancellation_date") is { } cancel
                    && DateOnly.TryParseExact(cancel, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) ? end : null;
                seats.Add(new Seat { Tool = Source, Person = login, Plan = plan, MonthlyCost = prices.For(plan), From = DateOnly.FromDateTime(created.UtcDateTime), To = to });
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                if (GatewayJson.Text(GatewayJson.Object(s, "assigning_team"), "slug") is { } team)
                {
                    tags["assigning_team"] = team;
                }

                if (GatewayJson.Text(s, "last_activity_at") is { } active)
                {
                    tags["last_activity_at"] = active;
                }

                identities.Add(new BillingIdentity { Source = Source, Kind = BillingIdentityKind.User, Id = login, Name = GatewayJson.Text(assignee, "id"), Status = to is null ? "active" : "pending_cancellation", Tags = tags });
            }

            if (rows.Count == 0 || seats.Count >= total)
            {
                return (seats, identities);
            }
        }
    }

    private async Task<List<BillingLine>> MetricsDayAsync(DateOnly day, LineIds ids, CancellationToken cancellationToken)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var where = $"Copilot users report of {date}";
        List<Uri> links;
        using (var answer = await api.GetAsync($"orgs/{Uri.EscapeDataString(organisation)}/copilot/metrics/reports/users-1-day?day={date}", cancellationToken))
        {
            links = GatewayJson.Array(answer.RootElement, "download_links", where)
                .Select(l => Uri.TryCreate(l.GetString(), UriKind.Absolute, out var u) ? u : throw GatewayJson.Malformed(where, "a download link is not a URL"))
                .ToList();
        }

        var lines = new List<BillingLine>();
        foreach (var link in links)
        {
            var text = await api.DownloadAsync(link, cancellationToken);
            var lineNumber = 0;
            foreach (var raw in text.Split('\n'))
            {
                lineNumber++;
                if (raw.Trim().Length == 0)
                {
                    continue;
                }

                JsonDocument json;
                try
                {
                    json = JsonDocument.Parse(raw);
                }
                catch (JsonException e)
                {
                    throw GatewayJson.Malformed($"{where}, line {lineNumber}", $"not JSON ({e.Message})");
                }

                using (json)
                {
                    lines.Add(UserDay(json.RootElement, day, $"{where}, line {lineNumber}", ids));
                }
            }
        }

        return lines;
    }

    private static BillingLine UserDay(JsonElement r, DateOnly day, string where, LineIds ids)
    {
        var login = GatewayJson.Text(r, "user_login") ?? GatewayJson.RequiredText(r, "user_id", where);
        var cli = GatewayJson.Object(r, "totals_by_cli");
        var tokens = GatewayJson.Object(cli, "token_usage");
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "code_generation_activity_count", "code_acceptance_activity_count", "loc_suggested_to_add_sum", "loc_added_sum", "loc_deleted_sum" })
        {
            if (GatewayJson.Count(r, name, where) is > 0 and var n)
            {
                attributes[name] = n.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (GatewayJson.Money(r, "ai_credits_used", where) is { } credits)
        {
            attributes["ai_credits_used"] = credits.ToString(CultureInfo.InvariantCulture);
        }

        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return new BillingLine
        {
            Id = ids.Next(Source, "metrics", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), login),
            Source = Source,
            Dataset = "metrics",
            Provider = "github",
            PeriodStart = start,
            PeriodEnd = start.AddDays(1),
            IdentityKind = BillingIdentityKind.User,
            IdentityId = login,
            Tokens = new TokenCounts(GatewayJson.Count(tokens, "prompt_tokens_sum", where), GatewayJson.Count(tokens, "output_tokens_sum", where), 0, 0, 0),
            Requests = GatewayJson.Count(r, "user_initiated_interaction_count", where),
            Basis = CostBasis.Unknown,
            Attributes = attributes,
        };
    }
}
