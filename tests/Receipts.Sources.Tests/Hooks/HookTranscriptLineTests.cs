using System.Text;
using Receipts.Sources.Hooks;

namespace Receipts.Sources.Tests.Hooks;

public sealed class HookTranscriptLineTests
{
    // The assistant line of reference §1.4, as one line.
    private const string Assistant = """{"parentUuid":"4b2f8e61-3c7d-4a90-b1e5-2d8f6a0c9e34","isSidechain":false,"userType":"external","cwd":"/home/alice/src/acme-api","sessionId":"3f6c1d2e-8b4a-4e7f-9c21-5a0b7d9e1f42","version":"2.0.31","gitBranch":"main","message":{"id":"msg_01XyZExampleAbc123","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[{"type":"tool_use","id":"toolu_01ExampleTool789","name":"Bash","input":{"command":"dotnet test"}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":161,"cache_read_input_tokens":89356,"cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":61},"output_tokens":97,"service_tier":"standard","server_tool_use":{"web_search_requests":2}}},"requestId":"req_011CExampleReq456","type":"assistant","uuid":"7d1e9c2a-0b5f-4c3e-a8d2-61f0e4b9c7a1","timestamp":"2025-06-02T22:40:37.397Z"}""";

    [Fact]
    public void AssistantLine_GivesCountsIdsAndContext_NeverContent()
    {
        var record = HookTranscriptLine.TryParse(Encoding.UTF8.GetBytes(Assistant)).ShouldNotBeNull();

        record.Id.ShouldBe("anthropic:req:req_011CExampleReq456");
        record.MessageId.ShouldBe("msg_01XyZExampleAbc123");
        (record.Tokens.Input, record.Tokens.Output, record.Tokens.CacheRead, record.Tokens.CacheWrite5m, record.Tokens.CacheWrite1h).ShouldBe((3L, 97L, 89356L, 100L, 61L));
        record.WebSearchRequests.ShouldBe(2);
        record.ServiceTier.ShouldBe("standard");
        record.At.ShouldBe(new DateTimeOffset(2025, 6, 2, 22, 40, 37, 397, TimeSpan.Zero));
        record.Cwd.ShouldBe("/home/alice/src/acme-api");
        record.Branch.ShouldBe("main");
        record.ToolVersion.ShouldBe("2.0.31");
        System.Text.Json.JsonSerializer.Serialize(record).ShouldNotContain("dotnet test");
    }

    [Fact]
    public void WithoutRequestId_TheMessageIdKeysTheRecord()
    {
        var line = Assistant.Replace("\"requestId\":\"req_011CExampleReq456\",", "", StringComparison.Ordinal);

        HookTranscriptLine.TryParse(Encoding.UTF8.GetBytes(line))!.Id.ShouldBe("anthropic:msg:msg_01XyZExampleAbc123");
    }

    [Theory]
    [InlineData("""{"type":"user","message":{"role":"user","content":"usage"},"timestamp":"2025-06-02T22:40:37.397Z"}""")]
    [InlineData("""{"type":"assistant","message":{"id":"msg_1","model":"<synthetic>","usage":{"input_tokens":0}},"timestamp":"2025-06-02T22:40:37.397Z"}""")]
    [InlineData("""{"type":"assistant","isApiErrorMessage":true,"message":{"id":"msg_1","model":"claude","usage":{"input_tokens":1}},"timestamp":"2025-06-02T22:40:37.397Z"}""")]
    [InlineData("""{"type":"assistant","message":{"id":"msg_1","model":"claude","usage":{"input_tokens":1}}}""")]
    [InlineData("""{"type":"assistant", "usage" truncated""")]
    [InlineData("")]
    public void LinesWithoutRealUsage_AreSkipped(string line)
    {
        HookTranscriptLine.TryParse(Encoding.UTF8.GetBytes(line)).ShouldBeNull();
    }

    [Fact]
    public void NullFields_AreTreatedAsAbsent()
    {
        var line = Assistant.Replace("\"cache_read_input_tokens\":89356", "\"cache_read_input_tokens\":null", StringComparison.Ordinal)
            .Replace("\"gitBranch\":\"main\"", "\"gitBranch\":null", StringComparison.Ordinal);

        var record = HookTranscriptLine.TryParse(Encoding.UTF8.GetBytes(line)).ShouldNotBeNull();

        record.Tokens.CacheRead.ShouldBe(0);
        record.Branch.ShouldBeNull();
    }
}
