using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Server.Storage;
using Receipts.Sources.Hooks;
using Receipts.Sources.Otlp;
using Receipts.Storage.Contract.Tests;

namespace Receipts.Server.Tests;

/// <summary>
/// A real OpenTelemetry client against the real server: the OpenTelemetry .NET SDK's OTLP exporter
/// (HTTP/protobuf, <c>Authorization: Bearer</c> from its headers option) sends what Claude Code sends, to
/// Kestrel on 127.0.0.1 over each store; and the hook (<see cref="HookRunner"/>, <c>/v1/hooks/usage</c>)
/// reports the same request, which must count once.
/// </summary>
public abstract class OtlpSdkContract : IAsyncLifetime
{
    private const string ClaudeModel = "claude-sonnet-4-5-20250929";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));
    private RunningServer? _server;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));

    protected string Directory => _directory;

    private RunningServer Server => _server!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }

    protected abstract Task<ServerStore> OpenStoreAsync();

    [StoreFact]
    public async Task SdkLogs_ApiRequestEvents_ArriveOncePerRequest_WithTotalsAndResourceTags()
    {
        await StartAsync();

        using (var factory = Logs(Server.IngestToken, ("team", "platform")))
        {
            var logger = factory.CreateLogger("com.anthropic.claude_code");
            ApiRequest(logger, "req_sdk_1", input: 3, output: 212, cacheRead: 48211, cacheCreation: 1520, micros: 42100);
            ApiRequest(logger, "req_sdk_2", input: 10, output: 20, cacheRead: 0, cacheCreation: 0, micros: 1500);
            ApiRequest(logger, "req_sdk_1", input: 3, output: 212, cacheRead: 48211, cacheCreation: 1520, micros: 42100);
        }

        var records = await StoredAsync();
        records.Select(r => r.Id).Order().ShouldBe(["anthropic:req:req_sdk_1", "anthropic:req:req_sdk_2"]);
        records.Sum(r => r.Cost).ShouldBe(0.0436m);
        records.Sum(r => r.Tokens.Output).ShouldBe(232);
        records.Sum(r => r.Tokens.CacheRead).ShouldBe(48211);
        records.Sum(r => r.Tokens.CacheWrite5m).ShouldBe(1520);
        records.ShouldAllBe(r => r.Model == ClaudeModel && r.Person == "alice@example.com" && r.SessionId == "sess-1");
        records.ShouldAllBe(r => r.Tags["team"] == "platform" && r.Tags["project"] == "refunds" && !r.Tags.ContainsKey("os.type"));
        records.ShouldAllBe(r => !r.Tags.Values.Any(v => v.Contains("health endpoint", StringComparison.Ordinal)));
    }

    [StoreFact]
    public async Task SdkLogs_WithATeamBoundToken_AreTaggedWithTheTokensTeam()
    {
        await StartAsync();

        using (var factory = Logs(Server.TeamToken, ("team", "platform")))
        {
            ApiRequest(factory.CreateLogger("com.anthropic.claude_code"), "req_team", input: 1, output: 2, cacheRead: 3, cacheCreation: 4, micros: 100);
        }

        (await StoredAsync()).ShouldHaveSingleItem().Tags["team"].ShouldBe("payments");
    }

    [StoreFact]
    public async Task SdkMetrics_InMetricsMode_ArriveWithTheRightTotalsAndTags()
    {
        await StartAsync(services => services.AddSingleton(new OtlpIngestOptions { ClaudeCodeCostSource = ClaudeCodeCostSource.Metrics }));
        using var meter = new Meter("com.anthropic.claude_code." + Guid.NewGuid().ToString("n"));
        var cost = meter.CreateCounter<double>("claude_code.cost.usage", "USD");
        var tokens = meter.CreateCounter<long>("claude_code.token.usage", "tokens");

        using (var provider = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ClaudeCodeResource(("team", "search")))
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                Point(exporter, "v1/metrics", Server.IngestToken);
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Delta;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 600_000;
            })
            .Build())
        {
            KeyValuePair<string, object?>[] Tags(string? type) =>
            [
                .. type is null ? Array.Empty<KeyValuePair<string, object?>>() : [new("type", type)],
                new("session.id", "sess-1"), new("user.email", "alice@example.com"), new("model", ClaudeModel),
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

        var record = (await StoredAsync()).ShouldHaveSingleItem();
        record.Cost.ShouldBe(0.05m);
        (record.Tokens.Input, record.Tokens.Output, record.Tokens.CacheRead, record.Tokens.CacheWrite).ShouldBe((3L, 312L, 48211L, 1520L));
        (record.Person, record.SessionId, record.Tags["team"], record.Tags["project"]).ShouldBe(("alice@example.com", "sess-1", "search", "refunds"));
    }

    [StoreFact]
    public async Task SameRequest_SeenByTheHookAndByAnOtelEvent_CountsOnce()
    {
        await StartAsync();
        var transcript = Path.Combine(_directory, "projects", "acme", "sess-1.jsonl");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(transcript)!);
        await File.WriteAllTextAsync(transcript, Assistant("req_both", "msg_both", input: 3, output: 212, cacheRead: 48211, cacheCreation: 1520) + "\n");
        var hookOptions = new HookOptions
        {
            ServerUrl = Server.Address.ToString(),
            Token = Server.IngestToken,
            StateDirectory = Path.Combine(_directory, "state"),
            Budget = TimeSpan.FromSeconds(20),
            HttpTimeout = TimeSpan.FromSeconds(15),
        };

        HookOutcome outcome;
        using (var hook = new HookRunner(hookOptions, TimeProvider.System))
        {
            outcome = await hook.SessionEndAsync(new HookInput("sess-1", transcript, _directory, "SessionEnd", "exit", null), CancellationToken.None);
        }

        using (var factory = Logs(Server.IngestToken))
        {
            ApiRequest(factory.CreateLogger("com.anthropic.claude_code"), "req_both", input: 3, output: 212, cacheRead: 48211, cacheCreation: 1520, micros: 42100);
        }

        outcome.RecordsSent.ShouldBe(1, outcome.ToString());
        var record = (await StoredAsync()).ShouldHaveSingleItem();
        record.Id.ShouldBe("anthropic:req:req_both");
        record.Tokens.ShouldBe(new TokenCounts(3, 212, 48211, 1520, 0));
        record.RequestId.ShouldBe("req_both");
    }

    [StoreFact]
    public async Task OtlpRoutes_WithoutTokenAre401_WithAReadTokenAre403_AndStoreNothing()
    {
        await StartAsync();

        foreach (var path in new[] { "/v1/metrics", "/v1/logs", "/v1/traces" })
        {
            using var anonymous = await Server.Client.SendAsync(Protobuf(path, [], token: null));
            using var readOnly = await Server.Client.SendAsync(Protobuf(path, [], Server.ReadToken));
            using var unknown = await Server.Client.SendAsync(Protobuf(path, [], "rcpt_not-a-real-token"));

            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
            readOnly.StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
            unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
        }

        // The SDK with a read token: its export is refused, so nothing arrives.
        using (var factory = Logs(Server.ReadToken))
        {
            ApiRequest(factory.CreateLogger("com.anthropic.claude_code"), "req_refused", input: 1, output: 1, cacheRead: 0, cacheCreation: 0, micros: 1);
        }

        (await Server.Store.Usage.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
    }

    [StoreFact]
    public async Task OtlpRoutes_GarbageBody_Is400_AndTheServerKeepsServing()
    {
        await StartAsync();
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);

        foreach (var path in new[] { "/v1/metrics", "/v1/logs", "/v1/traces" })
        {
            using var response = await Server.Client.SendAsync(Protobuf(path, garbage, Server.IngestToken));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-protobuf");
        }

        using var json = new HttpRequestMessage(HttpMethod.Post, "/v1/logs") { Content = new StringContent("{\"resourceLogs\":[{", System.Text.Encoding.UTF8, "application/json") };
        json.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Server.IngestToken);
        using var badJson = await Server.Client.SendAsync(json);
        badJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using (var factory = Logs(Server.IngestToken))
        {
            ApiRequest(factory.CreateLogger("com.anthropic.claude_code"), "req_after", input: 1, output: 2, cacheRead: 0, cacheCreation: 0, micros: 10);
        }

        using var health = await Server.Client.GetAsync(new Uri("/healthz", UriKind.Relative));
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StoredAsync()).ShouldHaveSingleItem().Id.ShouldBe("anthropic:req:req_after");
    }

    private async Task StartAsync(Action<IServiceCollection>? services = null) =>
        _server = await RunningServer.StartAsync(await OpenStoreAsync(), Time, services: services);

    private Task<List<UsageRecord>> StoredAsync() =>
        Server.Store.Usage.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync().AsTask();

    private static ResourceBuilder ClaudeCodeResource(params (string Key, object Value)[] extra) => ResourceBuilder.CreateEmpty()
        .AddService("claude-code", serviceVersion: "2.1.50")
        .AddAttributes([new("project", "refunds"), new("os.type", "linux"), .. extra.Select(e => new KeyValuePair<string, object>(e.Key, e.Value))]);

    /// <summary>Points an exporter at the server the way Claude Code's OTEL_EXPORTER_OTLP_* variables do.</summary>
    private void Point(OtlpExporterOptions exporter, string path, string token)
    {
        exporter.Endpoint = new Uri(Server.Address, path);
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Headers = "Authorization=Bearer " + token;
    }

    /// <summary>A logger factory whose disposal flushes the export.</summary>
    private ILoggerFactory Logs(string token, params (string Key, object Value)[] resource) =>
        LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(ClaudeCodeResource(resource));
            options.AddOtlpExporter(exporter => Point(exporter, "v1/logs", token));
        }));

    private static HttpRequestMessage Protobuf(string path, byte[] body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>A Claude Code <c>claude_code.api_request</c> event as the SDK logs it (with a prompt the server must drop).</summary>
    private static void ApiRequest(ILogger logger, string requestId, long input, long output, long cacheRead, long cacheCreation, long micros)
    {
        List<KeyValuePair<string, object?>> state =
        [
            new("event.name", "api_request"), new("session.id", "sess-1"), new("user.email", "alice@example.com"),
            new("model", ClaudeModel), new("cost_usd", micros / 1e6), new("cost_usd_micros", micros),
            new("input_tokens", input), new("output_tokens", output), new("cache_read_tokens", cacheRead),
            new("cache_creation_tokens", cacheCreation), new("request_id", requestId), new("prompt", "add a health endpoint"),
            new("{OriginalFormat}", "claude_code.api_request"),
        ];
        logger.Log(LogLevel.Information, new EventId(1, "claude_code.api_request"), state, null, (_, _) => "claude_code.api_request");
    }

    /// <summary>A Claude Code transcript line for one API response, in the real shape.</summary>
    private static string Assistant(string requestId, string messageId, long input, long output, long cacheRead, long cacheCreation) =>
        $$$"""
        {"parentUuid":"4b2f8e61","isSidechain":false,"userType":"external","cwd":"/home/alice/src/acme","sessionId":"sess-1","version":"2.1.50","gitBranch":"main","message":{"id":"{{{messageId}}}","type":"message","role":"assistant","model":"{{{ClaudeModel}}}","content":[{"type":"text","text":"done"}],"stop_reason":"end_turn","usage":{"input_tokens":{{{input}}},"cache_creation_input_tokens":{{{cacheCreation}}},"cache_read_input_tokens":{{{cacheRead}}},"output_tokens":{{{output}}},"service_tier":"standard"}},"requestId":"{{{requestId}}}","type":"assistant","uuid":"7d1e9c2a","timestamp":"2026-11-22T22:40:37.397Z"}
        """.Replace("\n", string.Empty, StringComparison.Ordinal);
}
