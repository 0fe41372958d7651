using System.Text.Json;
using Receipts.Domain.Billing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Cursor;
using Receipts.Sources.Tests.Billing;
using Receipts.Sources.Tests.Gateways;

namespace Receipts.Sources.Tests.Cursor;

public sealed class CursorImporterTests
{
    // 2026-03-02T10:00:00Z and 2026-03-03T00:00:00Z in epoch ms.
    private const long Day2 = 1772409600000;
    private const long Day3 = 1772496000000;

    private const string Members =
        """{"teamMembers":[{"id":1,"email":"alice@example.com","name":"Alice","role":"owner","isRemoved":false},{"id":2,"email":"bob@example.com","name":"Bob","role":"member","isRemoved":true}]}""";

    private static readonly string DailyUsage =
        $$"""
        {"data":[
          {"date":{{Day2}},"isActive":true,"totalLinesAdded":120,"acceptedLinesAdded":80,"composerRequests":3,"chatRequests":2,"agentRequests":5,"cmdkUsages":1,"subscriptionIncludedReqs":9,"usageBasedReqs":2,"mostUsedModel":"claude-4.5-sonnet","email":"alice@example.com"},
          {"date":{{Day3}},"isActive":false,"composerRequests":0,"chatRequests":0,"agentRequests":0,"cmdkUsages":0,"email":"bob@example.com"}
        ],"period":{"startDate":0,"endDate":0} }
        """;

    private static string SpendPage(int page) => page == 1
        ? """{"teamMemberSpend":[{"spendCents":1234,"fastPremiumRequests":40,"name":"Alice","email":"alice@example.com","role":"owner","hardLimitOverrideDollars":0}],"subscriptionCycleStart":1772323200000,"totalMembers":2,"totalPages":2}"""
        : """{"teamMemberSpend":[{"spendCents":99.5,"fastPremiumRequests":0,"name":"Bob","email":"bob@example.com","role":"member","hardLimitOverrideDollars":0}],"subscriptionCycleStart":1772323200000,"totalMembers":2,"totalPages":2}""";

    private static string EventsPage(int page) => page == 1
        ? $$"""
          {"totalUsageEventsCount":3,"pagination":{"numPages":2,"currentPage":1,"pageSize":2,"hasNextPage":true,"hasPreviousPage":false},"usageEvents":[
            {"timestamp":"{{Day2 + 1000}}","model":"claude-4.5-sonnet","kind":"Usage-based","maxMode":false,"requestsCosts":2,"isTokenBasedCall":true,
             "tokenUsage":{"inputTokens":1000,"outputTokens":200,"cacheWriteTokens":50,"cacheReadTokens":3000,"totalCents":12.5},"cursorTokenFee":0.75,"isFreeBugbot":false,"userEmail":"alice@example.com"},
            {"timestamp":"{{Day2 + 2000}}","model":"gpt-5","kind":"Included in Business","maxMode":true,"requestsCosts":1,"isTokenBasedCall":false,"isFreeBugbot":false,"userEmail":"alice@example.com"}]}
          """
        : $$"""
          {"totalUsageEventsCount":3,"pagination":{"numPages":2,"currentPage":2,"pageSize":2,"hasNextPage":false,"hasPreviousPage":true},"usageEvents":[
            {"timestamp":"{{Day3 + 5000}}","model":"claude-4.5-sonnet","kind":"Usage-based","requestsCosts":1,"isTokenBasedCall":true,
             "tokenUsage":{"inputTokens":10,"outputTokens":20,"cacheWriteTokens":0,"cacheReadTokens":0,"totalCents":1},"cursorTokenFee":0,"userEmail":"bob@example.com"}]}
          """;

    /// <summary>The documented Admin API. The first spend call is throttled (Retry-After 5); the first events call fails with a 500.</summary>
    private sealed class Api
    {
        public string? MalformedEventsPage2 { get; init; }

        public Task HandleAsync(RouteCall call)
        {
            if (call.Header("Authorization") != "Basic " + Convert.ToBase64String("key_cursor:"u8.ToArray()))
            {
                return call.Json("""{"error":"unauthorized"}""", 401);
            }

            var page = call.Body.Length > 0 && JsonDocument.Parse(call.Body).RootElement.TryGetProperty("page", out var p) ? p.GetInt32() : 1;
            return call.Path switch
            {
                "/teams/members" => call.Json(Members),
                "/teams/daily-usage-data" => call.Json(DailyUsage),
                "/teams/spend" when call.Number == 1 => call.Throttle(5),
                "/teams/spend" => call.Json(SpendPage(page)),
                "/teams/filtered-usage-events" when call.Number == 1 => call.Fail(),
                "/teams/filtered-usage-events" when page == 2 && MalformedEventsPage2 is not null => call.Json(MalformedEventsPage2),
                "/teams/filtered-usage-events" => call.Json(EventsPage(page)),
                _ => call.NotFound(),
            };
        }
    }

    private static CursorImporter Importer(RouteServer server, TempBillingStore temp, RecordingTimeProvider time, out BillingApiClient client)
    {
        client = CursorAdminApi.Create(Clients.Options(server.BaseUrl, time, secret: "key_cursor"));
        return new CursorImporter(client, temp.Store, temp.Store, time) { EventPageSize = 2, SpendPageSize = 1 };
    }

    [Fact]
    public async Task Import_AllEndpoints_StoresMembersDailyUsageSpendInDollarsAndEvents()
    {
        var api = new Api();
        await using var server = await RouteServer.StartAsync(api.HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        var importer = Importer(server, temp, time, out var client);
        using var _ = client;

        var summary = await importer.ImportAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);

        var identities = await temp.Store.ReadBillingIdentitiesAsync("cursor", CancellationToken.None);
        identities.Select(i => (i.Id, i.Status)).ShouldBe([("alice@example.com", "active"), ("bob@example.com", "removed")], ignoreOrder: true);
        var lines = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        var spend = lines.Where(l => l.Dataset == "spend").ToList();
        spend.Select(l => (l.IdentityId, l.Amount)).ShouldBe([("alice@example.com", 12.34m), ("bob@example.com", 0.995m)], ignoreOrder: true); // cents → dollars
        spend.ShouldAllBe(l => l.Basis == CostBasis.Billed);
        var daily = lines.Single(l => l.Dataset == "daily_usage" && l.IdentityId == "alice@example.com");
        (daily.Requests, daily.Attributes["acceptedLinesAdded"]).ShouldBe((11L, "80"));

        var events = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        events.Count.ShouldBe(3);
        var billed = events.Single(e => e.Tokens.CacheRead == 3000);
        (billed.Cost, billed.CostBasis, billed.Person, billed.Tool).ShouldBe((0.1325m, CostBasis.Billed, "alice@example.com", "cursor")); // (12.5 + 0.75) cents
        var included = events.Single(e => e.Model == "gpt-5");
        (included.Cost, included.CostBasis, included.Tags["kind"]).ShouldBe(((decimal?)null, CostBasis.Estimated, "Included in Business"));
        summary.Amounts["USD billed"].ShouldBe(12.34m + 0.995m + 0.1325m + 0.01m);
        time.Delays.ShouldContain(TimeSpan.FromSeconds(5));
        server.Count("/teams/spend").ShouldBe(3); // 429, page 1, page 2
        server.Count("/teams/filtered-usage-events").ShouldBe(3); // 500, page 1, page 2
    }

    [Fact]
    public async Task Import_Again_ReplacesTheCycleSpendAndAddsNoEvents()
    {
        await using var server = await RouteServer.StartAsync(new Api().HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        var importer = Importer(server, temp, time, out var client);
        using var _ = client;
        await importer.ImportAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        var before = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();

        await importer.ImportAsync(null, CancellationToken.None);

        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(3);
        var after = await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync();
        after.Where(l => l.Dataset == "spend").Sum(l => l.Amount).ShouldBe(before.Where(l => l.Dataset == "spend").Sum(l => l.Amount));
        var lastEvents = server.Calls.Last(c => c.Path == "/teams/filtered-usage-events");
        JsonDocument.Parse(lastEvents.Body).RootElement.GetProperty("startDate").GetInt64().ShouldBe(Day3 + 5000); // from the cursor
    }

    [Fact]
    public async Task Import_MalformedEventsPage_FailsClearlyAndWritesNothing()
    {
        await using var server = await RouteServer.StartAsync(new Api { MalformedEventsPage2 = """{"pagination":{},"usageEvents":[{"model":"x"}]}""" }.HandleAsync);
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        var importer = Importer(server, temp, time, out var client);
        using var _ = client;

        var error = await Should.ThrowAsync<BillingApiException>(() => importer.ImportAsync(null, CancellationToken.None));

        error.Message.ShouldContain("'timestamp'");
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
        (await temp.Store.ReadBillingLinesAsync(BillingFilter.All, CancellationToken.None).ToListAsync()).ShouldBeEmpty();
    }
}
