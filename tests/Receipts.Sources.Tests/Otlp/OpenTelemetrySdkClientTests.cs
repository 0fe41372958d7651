using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Receipts.Domain.Storage;
using Receipts.Sources.Otlp;

namespace Receipts.Sources.Tests.Otlp;

/// <summary>
/// A real client: the OpenTelemetry .NET SDK's OTLP exporter (HTTP/protobuf) sends metrics, logs and
/// spans shaped like Claude Code's to a local endpoint backed by the receiver and a real DuckDB store.
/// </summary>
public sealed class OpenTelemetrySdkClientTests
{
    private static ResourceBuilder ClaudeCodeResource() => ResourceBuilder.CreateEmpty()
        .AddService("claude-code", serviceVersion: "2.1.50")
        .AddAttributes([new("team", "payments"), new("project", "refunds"), new("tenant.id", "acme"), new("os.type", "linux")]);

    [Fact]
    public async Task SdkMetrics_ArriveWithTheRightTotalsAndTags()
    {
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, new OtlpIngestOptions { ClaudeCodeCostSource = ClaudeCodeCostSource.Metrics });
        await using var endpoint = new LocalOtlpEndpoint(receiver);
        using var meter = new Meter("com.anthropic.claude_code." + Guid.NewGuid().ToString("n"));
        var cost = meter.CreateCounter<double>("claude_code.cost.usage", "USD");
        var tokens = meter.CreateCounter<long>("claude_code.token.usage", "tokens");

        using (var provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ClaudeCodeResource())
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = new Uri(endpoint.BaseUri, "v1/metrics");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Delta;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 600_000;
            })
            .Build())
        {
            KeyValuePair<string, object?>[] Tags(string? type) =>
            [
                .. type is null ? Array.Empty<KeyValuePair<string, object?>>() : [new("type", type)],
                new("session.id", "sess-1"), new("user.email", "alice@example.com"), new("model", "claude-sonnet-4-5-20250929"),
            ];
            cost.Add(0.0421, Tags(null));
            cost.Add(0.0079, Tags(null));
            tokens.Add(3, Tags("input"));
            tokens.Add(212, Tags("output"));
            tokens.Add(48211, Tags("cacheRead"));
            tokens.Add(1520, Tags("cacheCreation"));
            tokens.Add(100, Tags("output"));
            provider.ForceFlush(10_000).ShouldBeTrue();
        }

        endpoint.Results.ShouldAllBe(r => r.StatusCode == 200);
        var all = await db.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        var record = all.ShouldHaveSingleItem(TestPayload.Describe(all));
        record.Cost.ShouldBe(0.05m);
        (record.Tokens.Input, record.Tokens.Output, record.Tokens.CacheRead, record.Tokens.CacheWrite).ShouldBe((3L, 312L, 48211L, 1520L));
        record.Person.ShouldBe("alice@example.com");
        record.SessionId.ShouldBe("sess-1");
        record.Tags["team"].ShouldBe("payments");
        record.Tags["project"].ShouldBe("refunds");
        record.Tags["tenant.id"].ShouldBe("acme");
        record.Tags.ContainsKey("os.type").ShouldBeFalse();
    }

    [Fact]
    public async Task SdkLogs_ApiRequestEvents_ArriveAsOneRecordPerRequest()
    {
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, new OtlpIngestOptions());
        await using var endpoint = new LocalOtlpEndpoint(receiver);

        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(ClaudeCodeResource());
            options.AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = new Uri(endpoint.BaseUri, "v1/logs");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            });
        })))
        {
            var logger = factory.CreateLogger("com.anthropic.claude_code");
            ApiRequest(logger, "req_sdk_1", 3, 212, 48211, 1520, 42100);
            ApiRequest(logger, "req_sdk_2", 10, 20, 0, 0, 1500);
            ApiRequest(logger, "req_sdk_1", 3, 212, 48211, 1520, 42100);
        }

        endpoint.Results.ShouldNotBeEmpty();
        endpoint.Results.ShouldAllBe(r => r.StatusCode == 200);
        var records = await db.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Select(r => r.Id).Order().ShouldBe(["anthropic:req:req_sdk_1", "anthropic:req:req_sdk_2"]);
        records.Sum(r => r.Cost).ShouldBe(0.0436m);
        records.Sum(r => r.Tokens.Output).ShouldBe(232);
        records.ShouldAllBe(r => r.Tags["project"] == "refunds" && r.Person == "alice@example.com");
        records.ShouldAllBe(r => !r.Tags.Values.Any(v => v.Contains("health endpoint")));
    }

    [Fact]
    public async Task SdkSpans_WithGenAiAttributes_ArriveWithAnthropicTokenSemantics()
    {
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, new OtlpIngestOptions());
        await using var endpoint = new LocalOtlpEndpoint(receiver);
        using var source = new ActivitySource("checkout-genai-" + Guid.NewGuid().ToString("n"));

        using (var provider = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("checkout-api").AddAttributes([new("team", "checkout")]))
            .AddSource(source.Name)
            .AddOtlpExporter(exporter =>
            {
                exporter.Endpoint = new Uri(endpoint.BaseUri, "v1/traces");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            })
            .Build())
        {
            using (var activity = source.StartActivity("chat claude-sonnet-4-5", ActivityKind.Client))
            {
                activity!.SetTag("gen_ai.operation.name", "chat");
                activity.SetTag("gen_ai.provider.name", "anthropic");
                activity.SetTag("gen_ai.request.model", "claude-sonnet-4-5");
                activity.SetTag("gen_ai.response.id", "msg_sdk");
                activity.SetTag("gen_ai.usage.input_tokens", 1000L);
                activity.SetTag("gen_ai.usage.cache_read.input_tokens", 900L);
                activity.SetTag("gen_ai.usage.output_tokens", 25L);
                activity.SetTag("gen_ai.input.messages", "[{\"role\":\"user\",\"content\":\"add a health endpoint\"}]");
            }

            provider.ForceFlush(10_000).ShouldBeTrue();
        }

        var record = (await db.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync()).ShouldHaveSingleItem();
        (record.Tokens.Input, record.Tokens.CacheRead, record.Tokens.Output).ShouldBe((100L, 900L, 25L));
        record.Tags["team"].ShouldBe("checkout");
        endpoint.Results.Sum(r => r.DroppedContentAttributes).ShouldBe(1);
    }

    private static void ApiRequest(ILogger logger, string requestId, long input, long output, long cacheRead, long cacheCreation, long micros)
    {
        List<KeyValuePair<string, object?>> state =
        [
            new("event.name", "api_request"), new("session.id", "sess-1"), new("user.email", "alice@example.com"),
            new("model", "claude-sonnet-4-5-20250929"), new("cost_usd", micros / 1e6), new("cost_usd_micros", micros),
            new("input_tokens", input), new("output_tokens", output), new("cache_read_tokens", cacheRead),
            new("cache_creation_tokens", cacheCreation), new("request_id", requestId), new("prompt", "add a health endpoint"),
            new("{OriginalFormat}", "claude_code.api_request"),
        ];
        logger.Log(LogLevel.Information, new EventId(1, "claude_code.api_request"), state, null, (_, _) => "claude_code.api_request");
    }
}
