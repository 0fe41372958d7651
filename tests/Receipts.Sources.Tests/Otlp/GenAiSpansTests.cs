using Receipts.Sources.Otlp;
using static Receipts.Sources.Tests.Otlp.TestPayload;

namespace Receipts.Sources.Tests.Otlp;

public sealed class GenAiSpansTests
{
    private static readonly Kv[] Service = [A("service.name", "checkout-api"), A("deployment.environment.name", "prod"), A("team", "checkout")];

    private static Span Chat(string spanId, params Kv[] attributes) =>
        new("5b8efff798038103d269b633813fc60c", spanId, "chat", 1_760_000_000_000_000_000, 1_760_000_001_000_000_000, [A("gen_ai.operation.name", "chat"), .. attributes]);

    [Fact]
    public async Task AnthropicSpan_InputIncludesTheCache_IsConvertedToUncachedInput()
    {
        var span = Chat("eee19b7ec3c1b174",
            A("gen_ai.provider.name", "anthropic"), A("gen_ai.request.model", "claude-sonnet-4-5"), A("gen_ai.response.model", "claude-sonnet-4-5-20250929"),
            A("gen_ai.response.id", "msg_01abc"), A("gen_ai.usage.input_tokens", 1000L), A("gen_ai.usage.cache_read.input_tokens", 800L),
            A("gen_ai.usage.cache_creation.input_tokens", 100L), A("gen_ai.usage.output_tokens", 50L));

        var record = (await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Json, TracesJson(Service, span), OtlpSignal.Traces)).ShouldHaveSingleItem();

        (record.Tokens.Input, record.Tokens.CacheRead, record.Tokens.CacheWrite, record.Tokens.Output).ShouldBe((100L, 800L, 100L, 50L));
        record.Provider.ShouldBe("anthropic");
        record.Model.ShouldBe("claude-sonnet-4-5-20250929");
        record.Id.ShouldBe("genai:anthropic:resp:msg_01abc");
        record.Tags["team"].ShouldBe("checkout");
        record.Tags["deployment.environment.name"].ShouldBe("prod");
    }

    [Fact]
    public async Task OpenAiSpan_WithDeprecatedSystemAttribute_SubtractsCachedInput()
    {
        var span = Chat("eee19b7ec3c1b175",
            A("gen_ai.system", "openai"), A("gen_ai.request.model", "gpt-4.1"), A("gen_ai.response.id", "chatcmpl-1"),
            A("gen_ai.usage.input_tokens", 500L), A("gen_ai.usage.cache_read.input_tokens", 200L), A("gen_ai.usage.output_tokens", 9L));

        var record = (await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Protobuf, TracesProtobuf(Service, span), OtlpSignal.Traces)).ShouldHaveSingleItem();

        (record.Tokens.Input, record.Tokens.CacheRead, record.Tokens.Output).ShouldBe((300L, 200L, 9L));
        record.Provider.ShouldBe("openai");
        record.Id.ShouldBe("genai:openai:resp:chatcmpl-1");
    }

    [Fact]
    public async Task AgentAndToolSpans_AreNotCounted_BecauseTheyAggregateTheirChildren()
    {
        var agent = new Span("5b8efff798038103d269b633813fc60c", "aaa19b7ec3c1b174", "invoke_agent planner", 1_760_000_000_000_000_000, 1_760_000_002_000_000_000,
            [A("gen_ai.operation.name", "invoke_agent"), A("gen_ai.provider.name", "openai"), A("gen_ai.usage.input_tokens", 9000L)]);

        var records = await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Json, TracesJson(Service, agent), OtlpSignal.Traces);

        records.ShouldBeEmpty();
    }

    [Fact]
    public async Task ClaudeCodeLlmRequestSpan_AndApiRequestEvent_ForOneRequest_CountOnce()
    {
        var span = new Span("5b8efff798038103d269b633813fc60c", "bbb19b7ec3c1b174", "claude_code.llm_request", 1_760_000_012_000_000_000, 1_760_000_013_000_000_000,
        [
            A("gen_ai.system", "anthropic"), A("model", "claude-sonnet-4-5-20250929"), A("input_tokens", 3L), A("output_tokens", 212L),
            A("cache_read_tokens", 48211L), A("cache_creation_tokens", 1520L), A("request_id", "req_same"), A("gen_ai.response.id", "msg_same"),
        ]);
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, new OtlpIngestOptions());

        await receiver.IngestAsync(OtlpSignal.Traces, TracesJson(ClaudeCodeEventsTests.Resource, span), OtlpEncoding.Json, CancellationToken.None);
        await receiver.IngestAsync(OtlpSignal.Logs, LogsJson(ClaudeCodeEventsTests.Resource, ClaudeCodeEventsTests.ApiRequest("req_same", 3, 212, 48211, 1520, 42100)), OtlpEncoding.Json, CancellationToken.None);

        var record = (await db.Store.ReadUsageAsync(Domain.Storage.UsageFilter.All, CancellationToken.None).ToListAsync()).ShouldHaveSingleItem();
        record.Id.ShouldBe("anthropic:req:req_same");
        record.Tokens.Input.ShouldBe(3);
    }

    [Fact]
    public async Task TokenHistogram_InMetricsMode_SumsInputAndOutputPerSeries()
    {
        Kv[] Attrs(string type) => [A("gen_ai.operation.name", "chat"), A("gen_ai.provider.name", "openai"), A("gen_ai.request.model", "gpt-4.1"), A("gen_ai.token.type", type)];
        var metric = new Metric("gen_ai.client.token.usage", "{token}", "histogram", 1,
        [
            new Point(Attrs("input"), 1_760_000_000_000_000_000, 1_760_000_060_000_000_000, 1234.0, 3),
            new Point(Attrs("output"), 1_760_000_000_000_000_000, 1_760_000_060_000_000_000, 56.0, 3),
        ]);
        var options = new OtlpIngestOptions { GenAiSource = GenAiUsageSource.Metrics };

        var json = await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Json, MetricsJson(Service, metric), OtlpSignal.Metrics, options);
        var protobuf = await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Protobuf, MetricsProtobuf(Service, metric), OtlpSignal.Metrics, options);

        var record = json.ShouldHaveSingleItem();
        (record.Tokens.Input, record.Tokens.Output).ShouldBe((1234L, 56L));
        record.Provider.ShouldBe("openai");
        record.Model.ShouldBe("gpt-4.1");
        Describe(protobuf).ShouldBe(Describe(json));
    }
}
