using Receipts.Domain.Storage;
using Receipts.Sources.Otlp;
using static Receipts.Sources.Tests.Otlp.TestPayload;

namespace Receipts.Sources.Tests.Otlp;

public sealed class ClaudeCodeEventsTests
{
    internal static readonly Kv[] Resource =
    [
        A("service.name", "claude-code"), A("service.version", "2.1.50"), A("os.type", "linux"), A("host.arch", "amd64"),
        A("team", "payments"), A("project", "refunds"), A("tenant.id", "acme"), A("department", "eng"),
    ];

    internal static Log ApiRequest(string requestId, long input, long output, long cacheRead, long cacheCreation, long micros, ulong time = 1_760_000_012_345_000_000) =>
        new(time, "claude_code.api_request", null,
        [
            A("event.name", "api_request"), A("event.timestamp", "2025-10-09T09:00:12.345Z"), A("event.sequence", 17L),
            A("session.id", "9c0d7e2b-41a6-4f3b-8e5d-0a7c2f9b6d13"), A("prompt.id", "550e8400-e29b-41d4-a716-446655440000"),
            A("user.email", "alice@example.com"), A("user.account_uuid", "b7c1-account"), A("organization.id", "4f2e-org"),
            A("model", "claude-sonnet-4-5-20250929"), A("cost_usd", micros / 1e6), A("cost_usd_micros", micros),
            A("duration_ms", 8123L), A("input_tokens", input), A("output_tokens", output),
            A("cache_read_tokens", cacheRead), A("cache_creation_tokens", cacheCreation),
            A("request_id", requestId), A("speed", "normal"), A("query_source", "repl_main_thread"),
            A("team", "payments"), A("project", "refunds"),
        ]);

    [Fact]
    public async Task ApiRequest_BecomesOneRecordKeyedOnTheRequestId_WithTokensCostIdentityAndTags()
    {
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, new OtlpIngestOptions());

        var result = await receiver.IngestAsync(OtlpSignal.Logs, LogsJson(Resource, ApiRequest("req_011CExampleReq456", 3, 212, 48211, 1520, 42100)), OtlpEncoding.Json, CancellationToken.None);

        result.StatusCode.ShouldBe(200);
        TestPayload.Utf8(result.Body).ShouldBe("{}");
        var record = (await db.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync()).ShouldHaveSingleItem();
        record.Id.ShouldBe("anthropic:req:req_011CExampleReq456");
        record.RequestId.ShouldBe("req_011CExampleReq456");
        record.SourceKind.ShouldBe("otel");
        record.Provider.ShouldBe("anthropic");
        record.Model.ShouldBe("claude-sonnet-4-5-20250929");
        (record.Tokens.Input, record.Tokens.Output, record.Tokens.CacheRead, record.Tokens.CacheWrite).ShouldBe((3L, 212L, 48211L, 1520L));
        record.Cost.ShouldBe(0.0421m);
        record.Person.ShouldBe("alice@example.com");
        record.Account.ShouldBe("b7c1-account");
        record.SessionId.ShouldBe("9c0d7e2b-41a6-4f3b-8e5d-0a7c2f9b6d13");
        record.Tool.ShouldBe("claude-code");
        record.At.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_012_345));
        record.Tags["team"].ShouldBe("payments");
        record.Tags["project"].ShouldBe("refunds");
        record.Tags["tenant.id"].ShouldBe("acme");
        record.Tags["department"].ShouldBe("eng");
        record.Tags["organization.id"].ShouldBe("4f2e-org");
        record.Tags.ContainsKey("service.name").ShouldBeFalse();
        record.Tags.ContainsKey("os.type").ShouldBeFalse();
    }

    [Fact]
    public async Task JsonAndProtobuf_OfTheSameEvents_GiveIdenticalRecords()
    {
        Log[] logs =
        [
            ApiRequest("req_a", 10, 20, 30, 40, 1000),
            ApiRequest("req_b", 1, 2, 3, 4, 2_500_000, 1_760_000_099_000_000_000),
            new(1_760_000_013_000_000_000, "claude_code.tool_result", null, [A("event.name", "tool_result"), A("tool_name", "Bash")]),
        ];

        var fromJson = await IngestAndReadAsync(OtlpEncoding.Json, LogsJson(Resource, logs));
        var fromProtobuf = await IngestAndReadAsync(OtlpEncoding.Protobuf, LogsProtobuf(Resource, logs));

        fromJson.Count.ShouldBe(2);
        Describe(fromProtobuf).ShouldBe(Describe(fromJson));
    }

    [Fact]
    public async Task EventName_IsFoundInEventNameFieldBodyOrAttribute()
    {
        var viaField = ApiRequest("req_field", 1, 1, 0, 0, 1) with { Body = null, EventName = "claude_code.api_request" };
        var viaAttribute = ApiRequest("req_attribute", 1, 1, 0, 0, 1) with { Body = null };

        var records = await IngestAndReadAsync(OtlpEncoding.Protobuf, LogsProtobuf(Resource, viaField, viaAttribute));

        records.Select(r => r.Id).Order().ShouldBe(["anthropic:req:req_attribute", "anthropic:req:req_field"]);
    }

    [Fact]
    public async Task ReplayedBatch_ChangesNothing()
    {
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, new OtlpIngestOptions());
        var body = LogsJson(Resource, ApiRequest("req_replay", 5, 6, 7, 8, 900));

        await receiver.IngestAsync(OtlpSignal.Logs, body, OtlpEncoding.Json, CancellationToken.None);
        var second = await receiver.IngestAsync(OtlpSignal.Logs, body, OtlpEncoding.Json, CancellationToken.None);

        second.StatusCode.ShouldBe(200);
        second.Write!.Unchanged.ShouldBe(1);
        (await db.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task ApiRequestWithoutAnyId_IsRejectedAsPartialSuccess_AndTheRestIsStored()
    {
        var anonymous = new Log(1_760_000_012_000_000_000, "claude_code.api_request", null, [A("model", "claude-sonnet-4-5"), A("input_tokens", 5L)]);
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, new OtlpIngestOptions());

        var result = await receiver.IngestAsync(OtlpSignal.Logs, LogsJson(Resource, anonymous, ApiRequest("req_ok", 1, 1, 1, 1, 1)), OtlpEncoding.Json, CancellationToken.None);

        result.StatusCode.ShouldBe(200);
        result.Rejected.ShouldBe(1);
        var body = TestPayload.Utf8(result.Body);
        body.ShouldContain("\"rejectedLogRecords\":\"1\"");
        body.ShouldContain("logRecords[0]");
        (await db.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task MetricsInEventsMode_AreNotCounted_SoNothingCountsTwice()
    {
        var metrics = ClaudeCodeMetricsTests.Export(temporality: 1, cost: 0.0421, input: 3, output: 212, time: 1_760_000_060_000_000_000);
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, new OtlpIngestOptions { ClaudeCodeCostSource = ClaudeCodeCostSource.Events });

        var result = await receiver.IngestAsync(OtlpSignal.Metrics, metrics, OtlpEncoding.Json, CancellationToken.None);

        result.StatusCode.ShouldBe(200);
        result.Ignored.ShouldBe(3);
        (await db.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
    }

    internal static async Task<List<Domain.Usage.UsageRecord>> IngestAndReadAsync(OtlpEncoding encoding, byte[] body, OtlpSignal signal = OtlpSignal.Logs, OtlpIngestOptions? options = null)
    {
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, options ?? new OtlpIngestOptions());
        var result = await receiver.IngestAsync(signal, body, encoding, CancellationToken.None);
        result.StatusCode.ShouldBe(200, TestPayload.Utf8(result.Body));
        return await db.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
    }
}
