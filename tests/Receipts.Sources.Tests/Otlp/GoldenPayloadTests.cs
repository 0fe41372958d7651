using Receipts.Sources.Otlp;

namespace Receipts.Sources.Tests.Otlp;

/// <summary>Payloads written in the shapes of the Claude Code monitoring docs (reference §5.3, §5.4).</summary>
public sealed class GoldenPayloadTests
{
    private static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Otlp", name));

    [Fact]
    public async Task ClaudeCodeLogs_GiveTheApiRequestAndIgnoreThePromptEvent()
    {
        var record = (await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Json, Golden("claude-code-logs.json"))).ShouldHaveSingleItem();

        record.Id.ShouldBe("anthropic:req:req_011CExampleReq456");
        record.Cost.ShouldBe(0.0421m);
        (record.Tokens.Input, record.Tokens.Output, record.Tokens.CacheRead, record.Tokens.CacheWrite5m).ShouldBe((3L, 212L, 48211L, 1520L));
        record.Tags["team.id"].ShouldBe("platform");
        record.Tags["cost_center"].ShouldBe("eng-123");
        record.ToolVersion.ShouldBe("2.1.50");
    }

    [Fact]
    public async Task ClaudeCodeMetrics_InMetricsMode_GiveOneRecordPerSeriesAndInterval()
    {
        var options = new OtlpIngestOptions { ClaudeCodeCostSource = ClaudeCodeCostSource.Metrics };

        var record = (await ClaudeCodeEventsTests.IngestAndReadAsync(OtlpEncoding.Json, Golden("claude-code-metrics.json"), OtlpSignal.Metrics, options)).ShouldHaveSingleItem();

        record.Cost.ShouldBe(0.0421m);
        record.Tokens.CacheWrite5m.ShouldBe(1520);
        record.Tokens.Output.ShouldBe(212);
        record.Account.ShouldBe("b7c1");
        record.Tags["organization.id"].ShouldBe("4f2e");
        record.Tags["team.id"].ShouldBe("platform");
    }
}
