using System.Text.Json;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Billing.Http;
using Receipts.Sources.Cloudflare;
using Receipts.Sources.LangSmith;
using Receipts.Sources.LiteLlm;
using Receipts.Sources.OpenRouter;
using Receipts.Sources.Portkey;
using Receipts.Sources.Tests.Billing;

namespace Receipts.Sources.Tests.Gateways;

/// <summary>OpenRouter, Cloudflare, LangSmith, Portkey and LiteLLM's HTTP API, each against a local server in its documented shape.</summary>
public sealed class GatewayImporterTests
{
    private static readonly DateTimeOffset March1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OpenRouter_Activity_StoresBilledDollarsPerDayAndEndpoint()
    {
        await using var server = await RouteServer.StartAsync(call => call.Number == 1 ? call.Throttle(2) : call.Json(
            """
            {"data":[
              {"date":"2026-03-02","model":"anthropic/claude-sonnet-4.5","model_permaslug":"anthropic/claude-4.5-sonnet-20250929","endpoint_id":"ep-1","provider_name":"Anthropic","usage":0.00417,"byok_usage_inference":0,"requests":3,"prompt_tokens":1600,"completion_tokens":230,"reasoning_tokens":0},
              {"date":"2026-03-03","model":"openai/gpt-5","endpoint_id":"ep-2","provider_name":"OpenAI","usage":1.5,"requests":10,"prompt_tokens":100,"completion_tokens":50},
              {"date":"2026-02-10","model":"openai/gpt-5","endpoint_id":"ep-2","provider_name":"OpenAI","usage":9,"requests":1,"prompt_tokens":1,"completion_tokens":1}
            ]}
            """));
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        using var client = OpenRouterApi.Create(Clients.Options(server.BaseUrl, time));

        var summary = await new OpenRouterImporter(client, temp.Store, time).ImportAsync(March1, CancellationToken.None);

        var records = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Select(r => (r.Model, r.Requests, r.Cost, r.CostBasis)).ShouldBe(
            [("anthropic/claude-4.5-sonnet-20250929", 3L, (decimal?)0.00417m, CostBasis.Billed), ("openai/gpt-5", 10L, 1.5m, CostBasis.Billed)], ignoreOrder: true);
        summary.Amounts["USD billed"].ShouldBe(1.50417m);
        time.Delays.ShouldContain(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Cloudflare_Logs_PagesToTotalCountWithMetadataTags()
    {
        static string Log(int n, string at) =>
            $$"""{"id":"log-{{n}}","created_at":"{{at}}","provider":"anthropic","model":"claude-haiku-4-5","tokens_in":100,"tokens_out":{{n}},"cost":0.0011,"cached":false,"success":true,"status_code":200,"duration":900,"metadata":"{\"team\":\"payments\",\"user\":\"alice@example.com\",\"project\":\"checkout\"}"}""";
        await using var server = await RouteServer.StartAsync(call =>
        {
            if (call.Path != "/accounts/acc1/ai-gateway/gateways/prod/logs")
            {
                return call.NotFound();
            }

            if (call.Number == 1)
            {
                return call.Fail();
            }

            return call.QueryValue("page") switch
            {
                "1" => call.Json($$"""{"success":true,"result":[{{Log(1, "2026-03-02T10:00:00Z")}},{{Log(2, "2026-03-02T11:00:00Z")}}],"result_info":{"page":1,"per_page":2,"count":2,"total_count":3} }"""),
                _ => call.Json($$"""{"success":true,"result":[{{Log(3, "2026-03-03T10:00:00Z")}}],"result_info":{"page":2,"per_page":2,"count":1,"total_count":3} }"""),
            };
        });
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        using var client = CloudflareApi.Create(Clients.Options(server.BaseUrl, time));

        await new CloudflareImporter(client, temp.Store, time, "acc1", "prod") { PageSize = 2 }.ImportAsync(March1, CancellationToken.None);

        var records = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Count.ShouldBe(3);
        records.ShouldAllBe(r => r.Person == "alice@example.com" && r.Tags["project"] == "checkout" && r.Tags["team"] == "payments" && r.Cost == 0.0011m);
        server.Count("/accounts/acc1/ai-gateway/gateways/prod/logs").ShouldBe(3); // a 500, page 1, page 2
    }

    [Fact]
    public async Task LangSmith_Runs_FollowsCursorsAndKeepsMetadataNotContent()
    {
        static string Run(string id, string cost) =>
            $$"""{"id":"{{id}}","name":"ChatAnthropic","run_type":"llm","start_time":"2026-03-02T10:00:00.000000","session_id":"proj-1","trace_id":"t-{{id}}","prompt_tokens":1000,"completion_tokens":100,"total_tokens":1100,"total_cost":"{{cost}}","extra":{"metadata":{"ls_provider":"anthropic","ls_model_name":"claude-sonnet-4-5","project":"checkout","user_id":"alice@example.com"} },"inputs":{"messages":"SECRET"} }""";
        await using var server = await RouteServer.StartAsync(call =>
        {
            if (call.Header("x-api-key") != "test-secret" || call.Path != "/api/v1/runs/query")
            {
                return call.Json("{}", 401);
            }

            using var body = JsonDocument.Parse(call.Body);
            return body.RootElement.GetProperty("cursor").ValueKind == JsonValueKind.Null
                ? call.Json($$"""{"runs":[{{Run("r1", "0.0045")}}],"cursors":{"next":"c2"} }""")
                : call.Json($$"""{"runs":[{{Run("r2", "0.5")}}],"cursors":{"next":null} }""");
        });
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        using var client = LangSmithApi.Create(Clients.Options(server.BaseUrl, time));

        await new LangSmithImporter(client, temp.Store, time, ["proj-1"]).ImportAsync(March1, CancellationToken.None);

        var records = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Select(r => r.Cost).ShouldBe([0.0045m, 0.5m], ignoreOrder: true);
        records.ShouldAllBe(r => r.Provider == "anthropic" && r.Model == "claude-sonnet-4-5" && r.Person == "alice@example.com" && r.Tags["project"] == "checkout");
        records.ShouldAllBe(r => !r.Tags.ContainsKey("ls_provider"));
        records.Select(r => r.SessionId).ShouldBe(["t-r1", "t-r2"], ignoreOrder: true); // trace_id is selected (RunSelect), so the trace groups the runs
        server.Calls.ShouldAllBe(c => c.Body.Contains("\"trace_id\"", StringComparison.Ordinal));
        server.Calls.ShouldAllBe(c => !c.Body.Contains("\"inputs\"", StringComparison.Ordinal) && !c.Body.Contains("\"outputs\"", StringComparison.Ordinal));
        JsonSerializer.Serialize(records).ShouldNotContain("SECRET");
    }

    [Fact]
    public async Task Portkey_Export_CreatesStartsPollsDownloadsAndReadsCents()
    {
        RouteServer? self = null;
        await using var server = await RouteServer.StartAsync(call => (call.Method, call.Path) switch
        {
            ("POST", "/logs/exports") => call.Json("""{"id":"exp-1","total":2,"object":"export"}"""),
            ("POST", "/logs/exports/exp-1/start") => call.Json("""{"message":"started"}"""),
            ("GET", "/logs/exports/exp-1") => call.Json(call.Number < 3 ? """{"id":"exp-1","status":"in_progress"}""" : """{"id":"exp-1","status":"success"}"""),
            ("GET", "/logs/exports/exp-1/download") => call.Json($$"""{"signed_url":"{{self!.BaseUrl}}files/exp-1.jsonl?sig=x"}"""),
            ("GET", "/files/exp-1.jsonl") => call.Json(
                """
                {"id":"log-1","trace_id":"t-1","created_at":"2026-03-02T10:00:00Z","ai_org":"openai","ai_model":"gpt-4o","req_units":1000,"res_units":200,"total_units":1200,"cost":0.45,"cost_currency":"USD","response_status_code":200,"metadata":{"_user":"alice@example.com","team":"payments","project":"checkout"}}
                {"id":"log-2","trace_id":"t-2","created_at":"2026-03-02T11:00:00Z","ai_org":"anthropic","ai_model":"claude-haiku-4-5","req_units":10,"res_units":20,"total_units":30,"cost":12,"cost_currency":"USD","response_status_code":200,"metadata":"{\"_user\":\"bob@example.com\"}"}
                """),
            _ => call.NotFound(),
        });
        self = server;
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        using var client = PortkeyApi.Create(Clients.Options(server.BaseUrl, time));

        await new PortkeyImporter(client, temp.Store, time, "ws-1").ImportAsync(March1, CancellationToken.None);

        var records = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Select(r => (r.Person, r.Cost)).ShouldBe([("alice@example.com", (decimal?)0.0045m), ("bob@example.com", 0.12m)], ignoreOrder: true); // cents
        records.Single(r => r.Person == "alice@example.com").Tags["project"].ShouldBe("checkout");
        var create = server.Calls.First(c => c.Path == "/logs/exports").Body;
        create.ShouldNotContain("\"request\"");
        create.ShouldNotContain("\"response\"");
        server.Count("/logs/exports/exp-1").ShouldBe(3); // polled until success
        server.Calls.Single(c => c.Path == "/files/exp-1.jsonl").Header("x-portkey-api-key").ShouldBeEmpty(); // the key stays home
    }

    [Fact]
    public async Task LiteLlmHttp_SpendLogsUi_PagesToTotalPages()
    {
        static string Row(string id, string at, string spend) =>
            $$"""{"request_id":"{{id}}","call_type":"acompletion","api_key":"88dc","spend":{{spend}},"total_tokens":1830,"prompt_tokens":1600,"completion_tokens":230,"startTime":"{{at}}","model":"claude-sonnet-4-5-20250929","custom_llm_provider":"anthropic","user":"alice@example.com","request_tags":["project:checkout"],"metadata":{"user_api_key_alias":"checkout-service-prod","user_api_key_team_alias":"payments"},"messages":[{"content":"SECRET"}]}""";
        await using var server = await RouteServer.StartAsync(call => call.QueryValue("page") switch
        {
            "1" => call.Json($$"""{"data":[{{Row("a", "2026-03-02T10:15:03.120Z", "0.0042")}}],"total":2,"page":1,"page_size":1,"total_pages":2}"""),
            "2" => call.Json($$"""{"data":[{{Row("b", "2026-03-02T10:16:00Z", "0.01")}}],"total":2,"page":2,"page_size":1,"total_pages":2}"""),
            _ => call.NotFound(),
        });
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        using var client = LiteLlmApi.Create(Clients.Options(server.BaseUrl, time));

        await new LiteLlmHttpImporter(client, temp.Store, time) { PageSize = 1 }.ImportAsync(March1, CancellationToken.None);

        var records = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Sum(r => r.Cost).ShouldBe(0.0142m);
        records.ShouldAllBe(r => r.ApiKeyAlias == "checkout-service-prod" && r.Tags["team"] == "payments" && r.Tags["project"] == "checkout");
        server.Calls.First().Query.ShouldContain("start_date=2026-03-01%2000%3A00%3A00");
        JsonSerializer.Serialize(records).ShouldNotContain("SECRET");
    }

    [Fact]
    public async Task OpenRouter_MalformedAnswer_FailsClearlyAndWritesNothing()
    {
        await using var server = await RouteServer.StartAsync(call => call.Json("""{"data":[{"date":"yesterday","model":"x"}]}"""));
        await using var temp = await TempBillingStore.CreateAsync();
        var time = Clients.Clock();
        using var client = OpenRouterApi.Create(Clients.Options(server.BaseUrl, time));

        var error = await Should.ThrowAsync<BillingApiException>(() => new OpenRouterImporter(client, temp.Store, time).ImportAsync(March1, CancellationToken.None));

        error.Message.ShouldContain("'date'");
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
    }
}
