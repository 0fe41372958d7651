using System.Text;
using Receipts.Domain.Storage;
using Receipts.Sources.Otlp;
using static Receipts.Sources.Tests.Otlp.TestPayload;

namespace Receipts.Sources.Tests.Otlp;

/// <summary>Invariant 4: a prompt sent in any attribute or body appears nowhere in the store.</summary>
public sealed class NoContentTests
{
    private const string Secret = "SECRET-PROMPT-7f3a please refactor the billing module";

    [Theory]
    [InlineData(OtlpEncoding.Json)]
    [InlineData(OtlpEncoding.Protobuf)]
    public async Task PromptInAttributesAndBodies_AppearsNowhereInTheStore(OtlpEncoding encoding)
    {
        Kv[] resource = [.. ClaudeCodeEventsTests.Resource, A("prompt", Secret), A("team", "payments")];
        var request = ClaudeCodeEventsTests.ApiRequest("req_secret", 1, 2, 3, 4, 5);
        var withContent = request with
        {
            Attributes =
            [
                .. request.Attributes, A("prompt", Secret), A("user_prompt", Secret), A("tool_input", Secret), A("gen_ai.prompt", Secret),
                A("gen_ai.completion", Secret), A("gen_ai.input.messages", Secret), A("gen_ai.output.messages", Secret),
                A("gen_ai.system_instructions", Secret), A("message.content", Secret), A("response", Secret),
            ],
        };
        var promptEvent = new Log(1_760_000_010_000_000_000, Secret, null, [A("event.name", "user_prompt"), A("prompt", Secret)]);
        var span = new Span("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "chat", 1_760_000_000_000_000_000, 1_760_000_001_000_000_000,
        [
            A("gen_ai.operation.name", "chat"), A("gen_ai.provider.name", "openai"), A("gen_ai.request.model", "gpt-4.1"),
            A("gen_ai.usage.input_tokens", 10L), A("gen_ai.usage.output_tokens", 2L), A("gen_ai.prompt.0.content", Secret),
            A("gen_ai.input.messages", Secret), A("gen_ai.completion.0.content", Secret), A("llm.prompts", Secret),
        ]);

        await using var db = await TempDuckDb.CreateAsync();
        using (var receiver = new OtlpReceiver(db.Store, new OtlpIngestOptions()))
        {
            var logs = encoding == OtlpEncoding.Json ? LogsJson(resource, withContent, promptEvent) : LogsProtobuf(resource, withContent, promptEvent);
            var traces = encoding == OtlpEncoding.Json ? TracesJson(resource, span) : TracesProtobuf(resource, span);
            var logResult = await receiver.IngestAsync(OtlpSignal.Logs, logs, encoding, CancellationToken.None);
            var traceResult = await receiver.IngestAsync(OtlpSignal.Traces, traces, encoding, CancellationToken.None);
            logResult.DroppedContentAttributes.ShouldBeGreaterThan(10);
            traceResult.DroppedContentAttributes.ShouldBeGreaterThan(3);
        }

        var records = await db.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        records.Count.ShouldBe(2);
        Describe(records).ShouldNotContain("SECRET-PROMPT");
        await db.CloseAsync();
        foreach (var file in Directory.EnumerateFiles(db.Directory, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Encoding.UTF8.GetString(bytes).ShouldNotContain("SECRET-PROMPT", customMessage: file);
        }
    }

    [Theory]
    [InlineData("prompt", true)]
    [InlineData("user_prompt", true)]
    [InlineData("gen_ai.prompt", true)]
    [InlineData("gen_ai.prompt.0.content", true)]
    [InlineData("gen_ai.completion.0.content", true)]
    [InlineData("gen_ai.input.messages", true)]
    [InlineData("gen_ai.output.messages", true)]
    [InlineData("gen_ai.system_instructions", true)]
    [InlineData("tool_input", true)]
    [InlineData("tool_parameters", true)]
    [InlineData("response", true)]
    [InlineData("prompt.id", false)]
    [InlineData("prompt_length", false)]
    [InlineData("message.uuid", false)]
    [InlineData("gen_ai.response.id", false)]
    [InlineData("gen_ai.response.model", false)]
    [InlineData("gen_ai.usage.prompt_tokens", false)]
    [InlineData("input_tokens", false)]
    [InlineData("team", false)]
    public void ContentFilter_DropsContentKeys_AndKeepsCountsAndIds(string key, bool isContent)
    {
        ContentAttributeFilter.IsContent(key).ShouldBe(isContent);
    }
}
