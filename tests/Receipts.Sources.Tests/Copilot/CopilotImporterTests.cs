using Receipts.Domain.Billing;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Copilot;
using Receipts.Sources.Tests.Billing;
using Receipts.Sources.Tests.Gateways;

namespace Receipts.Sources.Tests.Copilot;

public sealed class CopilotImporterTests
{
    private static string Seat(string login, string plan, string created, string? cancel = null) =>
        $$$"""
        {"created_at":"{{{created}}}","updated_at":"{{{created}}}","pending_cancellation_date":{{{(cancel is null ? "null" : $"\"{cancel}\"")}}},
         "last_activity_at":"2026-03-01T10:00:00Z","last_activity_editor":"vscode/1.98","plan_type":"{{{plan}}}",
         "assignee":{"login":"{{{login}}}","id":42,"type":"User"},"assigning_team":{"slug":"payments"}}
        """;

    private sealed class Api(RouteServer? self = null)
    {
        public RouteServer? Server { get; set; } = self;

        public Task HandleAsync(RouteCall call)
        {
            if (!call.Path.StartsWith("/downloads/", StringComparison.Ordinal) && (call.Header("Authorization") != "Bearer ghp_test" || call.Header("X-GitHub-Api-Version") != "2022-11-28"))
            {
                return call.Json("""{"message":"Bad credentials"}""", 401);
            }

            if (call.Path == "/orgs/acme/copilot/billing/seats")
            {
                return call.QueryValue("page") switch
                {
                    "1" when call.Number == 1 => call.Throttle(3),
                    "1" => call.Json($$"""{"total_seats":3,"seats":[{{Seat("alice", "business", "2026-01-05T09:00:00Z")}},{{Seat("bob", "enterprise", "2026-02-01T09:00:00Z", "2026-03-31")}}]}"""),
                    _ => call.Json($$"""{"total_seats":3,"seats":[{{Seat("carol", "business", "2025-12-01T09:00:00Z")}}]}"""),
                };
            }

            if (call.Path == "/orgs/acme/copilot/metrics/reports/users-1-day")
            {
                var day = call.QueryValue("day");
                return day == "2026-03-02"
                    ? call.Json($$"""{"download_links":["{{Server!.BaseUrl}}downloads/{{day}}.ndjson?sig=abc"],"report_day":"{{day}}"}""")
                    : call.Json($$"""{"download_links":[],"report_day":"{{day}}"}""");
            }

            if (call.Path == "/downloads/2026-03-02.ndjson")
            {
                if (call.Header("Authorization").Length > 0)
                {
                    return call.Json("""{"error":"a signed link must not get the token"}""", 400);
                }

                if (call.Number == 1)
                {
                    return call.Fail();
                }

                return call.Json(
                    """
                    {"day":"2026-03-02","user_login":"alice","user_id":1,"user_initiated_interaction_count":14,"code_generation_activity_count":30,"code_acceptance_activity_count":12,"loc_added_sum":250,"totals_by_cli":{"session_count":2,"request_count":9,"token_usage":{"prompt_tokens_sum":50000,"output_tokens_sum":4000}}}
                    {"day":"2026-03-02","user_login":"bob","user_id":2,"user_initiated_interaction_count":3}

                    """);
            }

            return call.NotFound();
        }
    }

    [Fact]
    public async Task Import_SeatsAndMetrics_PricesSeatsByPlanAndStoresUserDays()
    {
        var api = new Api();
        await using var server = await RouteServer.StartAsync(api.HandleAsync);
        api.Server = server;
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        using var client = CopilotApi.Create(Clients.Options(server.BaseUrl, time, secret: "ghp_test"));
        var importer = new CopilotImporter(client, temp.Store, time, "acme", new CopilotPlanPrices(Enterprise: 35m)) { SeatPageSize = 2 };

        var summary = await importer.ImportAsync(new DateOnly(2026, 3, 1), CancellationToken.None);

        var seats = await temp.Store.ReadSeatsAsync(CancellationToken.None);
        seats.Select(s => (s.Person, s.Plan, s.MonthlyCost, s.From, s.To)).ShouldBe(
            [("alice", "business", 19m, new DateOnly(2026, 1, 5), (DateOnly?)null), ("bob", "enterprise", 35m, new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31)), ("carol", "business", 19m, new DateOnly(2025, 12, 1), null)],
            ignoreOrder: true);
        var lines = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        lines.Count.ShouldBe(2);
        var alice = lines.Single(l => l.IdentityId == "alice");
        (alice.Requests, alice.Tokens.Input, alice.Tokens.Output, alice.Attributes["loc_added_sum"], alice.Amount).ShouldBe((14L, 50000L, 4000L, "250", (decimal?)null));
        (await temp.Store.ReadBillingIdentitiesAsync("copilot", CancellationToken.None)).Single(i => i.Id == "bob").Status.ShouldBe("pending_cancellation");
        summary.Rows["seats"].ShouldBe(3);
        time.Delays.ShouldContain(TimeSpan.FromSeconds(3));
        server.Count("/orgs/acme/copilot/billing/seats").ShouldBe(3); // 429, page 1, page 2
        server.Count("/orgs/acme/copilot/metrics/reports/users-1-day").ShouldBe(3); // 2026-03-01, -02, -03 (today is 2026-03-04)
        server.Count("/downloads/2026-03-02.ndjson").ShouldBe(2); // a 500, then the file
    }

    [Fact]
    public async Task Import_MalformedReportLine_FailsClearlyAndWritesNothing()
    {
        await using var server = await RouteServer.StartAsync(call => call.Path switch
        {
            "/orgs/acme/copilot/billing/seats" => call.Json("""{"total_seats":0,"seats":[]}"""),
            "/orgs/acme/copilot/metrics/reports/users-1-day" => call.Json($$"""{"download_links":["{{call.Context.Request.Scheme}}://{{call.Context.Request.Host}}/d.ndjson"]}"""),
            "/d.ndjson" => call.Json("{\"day\":\"2026-03-02\",\"user_login\":\"alice\"}\n{\"day\":"),
            _ => call.NotFound(),
        });
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        using var client = CopilotApi.Create(Clients.Options(server.BaseUrl, time, secret: "ghp_test"));

        var error = await Should.ThrowAsync<BillingApiException>(() => new CopilotImporter(client, temp.Store, time, "acme", new CopilotPlanPrices()).ImportAsync(new DateOnly(2026, 3, 2), CancellationToken.None));

        error.Message.ShouldContain("line 2");
        (await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync()).ShouldBeEmpty();
        (await temp.Store.GetCursorsAsync("copilot", CancellationToken.None)).ShouldBeEmpty();
    }
}
