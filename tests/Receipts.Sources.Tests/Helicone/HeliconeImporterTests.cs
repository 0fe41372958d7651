using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Helicone;
using Receipts.Sources.Tests.Billing;
using Receipts.Sources.Tests.Gateways;

namespace Receipts.Sources.Tests.Helicone;

public sealed class HeliconeImporterTests
{
    private const string Path = "/v1/request/query-clickhouse";

    private static string Row(string id, string at, decimal cost, string project, long prompt = 1600, long cacheRead = 1200) =>
        $$$"""
        {"request_id":"{{{id}}}","request_created_at":"{{{at}}}","provider":"ANTHROPIC","model":"claude-sonnet-4-5-20250929",
         "request_user_id":"alice@example.com","request_properties":{"Project":"{{{project}}}","Environment":"production"},
         "prompt_tokens":{{{prompt}}},"prompt_cache_read_tokens":{{{cacheRead}}},"prompt_cache_write_tokens":0,"completion_tokens":230,
         "total_tokens":1830,"costUSD":{{{cost.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"response_status":200,
         "request_body":{"messages":[{"role":"user","content":"SECRET PROMPT"}]}}
        """;

    private static readonly string[] Rows =
    [
        Row("req-1", "2026-03-02T10:15:03.120Z", 0.0042m, "checkout"),
        Row("req-2", "2026-03-02T11:00:00.000Z", 0.10m, "search"),
        Row("req-3", "2026-03-03T09:30:00.000Z", 1.25m, "checkout", prompt: 500, cacheRead: 0),
    ];

    /// <summary>The documented API, paged by offset; the first call is throttled (Retry-After 7), the second fails with a 500.</summary>
    private static Func<RouteCall, Task> Api(string[] rows, bool faults = true, string? malformedSecondPage = null) => call =>
    {
        if (call.Path != Path || call.Header("Authorization") != "Bearer test-secret")
        {
            return call.Json("""{"error":"unauthorized"}""", 401);
        }

        if (faults && call.Number == 1)
        {
            return call.Throttle(7);
        }

        if (faults && call.Number == 2)
        {
            return call.Fail();
        }

        using var body = JsonDocument.Parse(call.Body);
        var offset = body.RootElement.GetProperty("offset").GetInt32();
        var limit = body.RootElement.GetProperty("limit").GetInt32();
        if (offset > 0 && malformedSecondPage is not null)
        {
            return call.Json(malformedSecondPage);
        }

        var since = DateTimeOffset.Parse(body.RootElement.GetProperty("filter").GetProperty("request_response_rmt").GetProperty("request_created_at").GetProperty("gte").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var page = rows.Where(r => DateTimeOffset.Parse(JsonDocument.Parse(r).RootElement.GetProperty("request_created_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= since)
            .Skip(offset).Take(limit);
        return call.Json($$"""{"data":[{{string.Join(',', page)}}],"error":null}""");
    };

    private static HeliconeImporter Importer(RouteServer server, TempBillingStore temp, RecordingTimeProvider time, out BillingApiClient client)
    {
        client = HeliconeApi.Create(Clients.Options(server.BaseUrl, time));
        return new HeliconeImporter(client, temp.Store, time) { PageSize = 2 };
    }

    [Fact]
    public async Task Import_PagesToTheEnd_StoresRequestsWithPropertiesAsTagsAndDollars()
    {
        await using var server = await RouteServer.StartAsync(Api(Rows));
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        var importer = Importer(server, temp, time, out var client);
        using var _ = client;

        var summary = await importer.ImportAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);

        var records = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Count.ShouldBe(3);
        var first = records.Single(r => r.RequestId == "req-1");
        (first.SourceKind, first.Provider, first.Person, first.Cost, first.CostBasis).ShouldBe(("helicone", "anthropic", "alice@example.com", 0.0042m, CostBasis.Estimated));
        first.Tokens.ShouldBe(new TokenCounts(400, 230, 1200, 0, 0)); // prompt_tokens include the cache reads
        first.Tags["project"].ShouldBe("checkout");
        first.Tags["environment"].ShouldBe("production");
        records.Sum(r => r.Cost).ShouldBe(1.3542m);
        summary.Amounts["USD estimated"].ShouldBe(1.3542m);
        time.Delays.ShouldContain(TimeSpan.FromSeconds(7)); // Retry-After honoured
        time.Delays.Count.ShouldBe(2); // and one backoff after the 500
        server.Count(Path).ShouldBe(4); // 429, 500, page 1 (full), page 2 (short: the end)
        server.Calls.ShouldAllBe(c => c.Body.Contains("\"includeInputs\":false", StringComparison.Ordinal));
    }

    /// <summary>
    /// The row as Helicone's query-clickhouse code selects it today (valhalla/jawn request.ts): <c>request_model</c>,
    /// <c>properties</c>, and <c>cost</c> already divided down to dollars, no <c>costUSD</c>.
    /// </summary>
    [Fact]
    public async Task Import_ClickhouseRowShape_TakesCostAsDollars()
    {
        const string row = """
            {"request_id":"req-9","request_created_at":"2026-03-04 08:00:00","provider":"OPENAI","request_model":"gpt-4o",
             "request_user_id":"bob@example.com","properties":{"Project":"search"},"prompt_tokens":1000,"prompt_cache_read_tokens":0,
             "prompt_cache_write_tokens":0,"completion_tokens":50,"reasoning_tokens":0,"total_tokens":1050,"cost":0.00325,"response_status":200}
            """;
        await using var server = await RouteServer.StartAsync(Api([row], faults: false));
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        var importer = Importer(server, temp, time, out var client);
        using var _ = client;

        await importer.ImportAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);

        var record = (await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync()).Single();
        (record.Model, record.Cost, record.CostBasis, record.Person).ShouldBe(("gpt-4o", 0.00325m, CostBasis.Estimated, "bob@example.com"));
        record.Tags["project"].ShouldBe("search");
    }

    [Fact]
    public async Task Import_Again_AsksOnlySinceTheLastRecordAndReplacesInsteadOfAdding()
    {
        await using var server = await RouteServer.StartAsync(Api(Rows, faults: false));
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        var importer = Importer(server, temp, time, out var client);
        using var _ = client;
        await importer.ImportAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        server.Calls.Clear();

        await importer.ImportAsync(since: null, CancellationToken.None);

        server.Calls.Count.ShouldBe(1);
        server.Calls.Single().Body.ShouldContain("\"gte\":\"2026-03-03T09:30:00.000Z\"");
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(3);
    }

    [Fact]
    public async Task Import_MalformedPage_FailsClearlyAndWritesNothing()
    {
        await using var server = await RouteServer.StartAsync(Api(Rows, faults: false, malformedSecondPage: """{"error":"clickhouse timeout"}"""));
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        var importer = Importer(server, temp, time, out var client);
        using var _ = client;

        var error = await Should.ThrowAsync<BillingApiException>(() => importer.ImportAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None));

        error.Message.ShouldContain("'data'");
        error.Message.ShouldContain("nothing was imported");
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
        (await temp.Store.GetCursorsAsync(HeliconeImporter.Source, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_EmptyPage_StoresNothingInOneRequest()
    {
        await using var server = await RouteServer.StartAsync(Api([], faults: false));
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        var importer = Importer(server, temp, time, out var client);
        using var _ = client;

        var summary = await importer.ImportAsync(null, CancellationToken.None);

        summary.TotalRows.ShouldBe(0);
        server.Calls.Count.ShouldBe(1);
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task Import_NeverStoresBodies()
    {
        await using var server = await RouteServer.StartAsync(Api(Rows, faults: false));
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        var importer = Importer(server, temp, time, out var client);
        using var _ = client;

        await importer.ImportAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);

        var records = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        JsonSerializer.Serialize(records).ShouldNotContain("SECRET PROMPT");
    }
}
