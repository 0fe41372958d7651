using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Directory;
using Receipts.Domain.Storage;
using Receipts.Sources.Configuration;
using Receipts.Sources.Sync;
using Receipts.Sources.Tests.Billing;
using Receipts.Sources.Tests.Gateways;

namespace Receipts.Sources.Tests.Sync;

public sealed class SyncRunnerTests
{
    private static readonly string[] Helicone =
    [
        """{"request_id":"h1","request_created_at":"2026-03-02T10:00:00Z","provider":"OPENAI","model":"gpt-4o","prompt_tokens":100,"completion_tokens":10,"costUSD":0.5,"request_properties":{"Project":"checkout"}}""",
        """{"request_id":"h2","request_created_at":"2026-03-03T10:00:00Z","provider":"OPENAI","model":"gpt-4o","prompt_tokens":100,"completion_tokens":10,"costUSD":0.25,"request_properties":{"Project":"search"}}""",
    ];

    private static readonly (string Id, string At)[] LiteLlm = [("l1", "2026-03-02T09:00:00Z"), ("l2", "2026-03-03T11:00:00Z")];

    /// <summary>Local servers in the documented shapes, each answering only what is newer than the cursor the request carries.</summary>
    private static async Task<(RouteServer Helicone, RouteServer OpenRouter, RouteServer LiteLlm)> StartAsync() => (
        await RouteServer.StartAsync(call =>
        {
            using var body = JsonDocument.Parse(call.Body);
            var since = DateTimeOffset.Parse(body.RootElement.GetProperty("filter").GetProperty("request_response_rmt").GetProperty("request_created_at").GetProperty("gte").GetString()!, CultureInfo.InvariantCulture);
            var rows = Helicone.Where(r => DateTimeOffset.Parse(JsonDocument.Parse(r).RootElement.GetProperty("request_created_at").GetString()!, CultureInfo.InvariantCulture) >= since);
            return call.Json($$"""{"data":[{{string.Join(',', rows)}}]}""");
        }),
        await RouteServer.StartAsync(call => call.Json(
            """{"data":[{"date":"2026-03-02","model":"openai/gpt-5","endpoint_id":"e1","provider_name":"OpenAI","usage":2.5,"requests":4,"prompt_tokens":10,"completion_tokens":5}]}""")),
        await RouteServer.StartAsync(call =>
        {
            var since = DateTimeOffset.Parse(call.QueryValue("start_date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var rows = LiteLlm.Where(r => DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture) >= since.AddSeconds(-1))
                .Select(r => $$"""{"request_id":"{{r.Id}}","startTime":"{{r.At}}","spend":0.125,"prompt_tokens":10,"completion_tokens":5,"model":"claude-haiku-4-5","custom_llm_provider":"anthropic"}""");
            return call.Json($$"""{"data":[{{string.Join(',', rows)}}],"total":2,"page":1,"page_size":100,"total_pages":1}""");
        }));

    private static IReadOnlyList<SourceConfig> Sources(RouteServer helicone, RouteServer openRouter, RouteServer liteLlm) =>
        DirectoryLoader.Parse(
            $"""
            sources:
              - {"{"} kind: helicone, api_url: "{helicone.BaseUrl}", key_env: HELICONE_KEY {"}"}
              - {"{"} kind: anthropic, name: anthropic-prod, key_env: NOT_SET_ANYWHERE {"}"}
              - {"{"} kind: openrouter, api_url: "{openRouter.BaseUrl}", key_env: OR_KEY {"}"}
              - {"{"} kind: focus, path: /nonexistent/exports/*.csv {"}"}
              - {"{"} kind: litellm, api_url: "{liteLlm.BaseUrl}", key_env: LITELLM_KEY {"}"}
            """,
            "receipts.yaml").Sources;

    private static SyncContext Context(TempBillingStore temp, TimeProvider time) => new()
    {
        Usage = temp.Store,
        Billing = temp.Store,
        Outcomes = temp.Store,
        GetVariable = name => name switch { "HELICONE_KEY" or "OR_KEY" or "LITELLM_KEY" => "k", _ => null },
        Time = time,
        HomeDirectory = Path.GetTempPath(),
        BaseDirectory = Path.GetTempPath(),
        MaxRetries = 1,
    };

    [Fact]
    public async Task Run_OneSourceFails_OthersStillRunAndTheFailureIsReported()
    {
        var (helicone, openRouter, liteLlm) = await StartAsync();
        await using var _ = helicone;
        await using var __ = openRouter;
        await using var ___ = liteLlm;
        await using var temp = await TempBillingStore.CreateAsync();
        var steps = new List<SyncProgress>();

        var results = await new SyncRunner(Context(temp, Clients.Clock())).RunAsync(Sources(helicone, openRouter, liteLlm), new Collect(steps), CancellationToken.None);

        results.Select(r => (r.Name, r.Succeeded)).ShouldBe([("helicone", true), ("anthropic-prod", false), ("openrouter", true), ("focus", false), ("litellm", true)]);
        results[1].Error!.ShouldContain("NOT_SET_ANYWHERE is not set");
        results[3].Error!.ShouldContain("no file matches");
        results[0].Amounts["USD estimated"].ShouldBe(0.75m);
        results[2].Amounts["USD billed"].ShouldBe(2.5m);
        results[4].Rows.ShouldBe(2);
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(5);
        steps.Count.ShouldBe(10); // started and finished, per source
    }

    [Fact]
    public async Task Run_AgainWithNothingNew_MakesOnlyTheCursorRequestsAndAddsNothing()
    {
        var (helicone, openRouter, liteLlm) = await StartAsync();
        await using var _ = helicone;
        await using var __ = openRouter;
        await using var ___ = liteLlm;
        await using var temp = await TempBillingStore.CreateAsync();
        var runner = new SyncRunner(Context(temp, Clients.Clock()));
        var sources = Sources(helicone, openRouter, liteLlm);
        await runner.RunAsync(sources, null, CancellationToken.None);
        foreach (var server in new[] { helicone, openRouter, liteLlm })
        {
            server.Calls.Clear();
        }

        await runner.RunAsync(sources, null, CancellationToken.None);

        helicone.Calls.Count.ShouldBe(1); // one short page from the cursor on
        helicone.Calls.Single().Body.ShouldContain("\"gte\":\"2026-03-03T10:00:00.000Z\"");
        openRouter.Calls.Count.ShouldBe(1); // the activity of the last 30 days is one request
        liteLlm.Calls.Count.ShouldBe(1);
        liteLlm.Calls.Single().QueryValueText("start_date").ShouldBe("2026-03-03 11:00:00");
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(5);
    }

    [Fact]
    public async Task Run_BedrockLogs_ImportsTheFolderOnceAndReportsAMissingOne()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var logs = Path.Combine(temp.Directory, "AWSLogs", "123456789012", "BedrockModelInvocationLogs", "us-east-1", "2026", "03", "02");
        Directory.CreateDirectory(logs);
        static string Log(string id, int input) =>
            $$$"""{"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"2026-03-02T10:15:04Z","accountId":"123456789012","region":"us-east-1","requestId":"{{{id}}}","operation":"Converse","modelId":"anthropic.claude-haiku-4-5-20251001-v1:0","identity":{"arn":"arn:aws:sts::123456789012:assumed-role/svc/i-1"},"input":{"inputTokenCount":{{{input}}}},"output":{"outputTokenCount":5},"requestMetadata":{"project":"checkout"}}""";
        await File.WriteAllLinesAsync(Path.Combine(logs, "part-1.json"), [Log("r1", 100), Log("r2", 200), "{not json"]);
        var sources = DirectoryLoader.Parse(
            """
            sources:
              - { kind: bedrock-logs, path: AWSLogs/123456789012/BedrockModelInvocationLogs }
              - { kind: bedrock-logs, name: elsewhere, path: "missing/*.json" }
            """,
            "receipts.yaml").Sources;
        var runner = new SyncRunner(Context(temp, Clients.Clock()) with { BaseDirectory = temp.Directory });

        var first = await runner.RunAsync(sources, null, CancellationToken.None);
        var again = await runner.RunAsync(sources, null, CancellationToken.None);

        (first[0].Succeeded, first[0].Rows, first[0].From).ShouldBe((true, 2L, new DateTimeOffset(2026, 3, 2, 10, 15, 4, TimeSpan.Zero)));
        first[0].Notes.ShouldContain("1 files (0 unchanged), 2 new");
        first[0].Notes.ShouldContain(n => n.Contains("part-1.json:3", StringComparison.Ordinal));
        first[1].Error!.ShouldContain("no such file or folder missing/*.json");
        (again[0].Succeeded, again[0].Rows).ShouldBe((true, 0L));
        again[0].Notes.ShouldContain("1 files (1 unchanged), 0 new");
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(2);
    }

    private sealed class Collect(List<SyncProgress> steps) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => steps.Add(value);
    }
}
