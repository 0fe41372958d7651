using System.IO.Compression;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Bedrock;
using Receipts.Sources.Tests.Billing;

namespace Receipts.Sources.Tests.Bedrock;

public sealed class BedrockLogImporterTests
{
    private const string Secret = "TOP-SECRET-PROMPT-TEXT";

    // Shaped like reference §4.2, with the content fields present (they must never reach the store).
    private static string Log(string requestId, int input, int output, string model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0", string metadata = """{"team":"payments","project":"checkout"}""") => """
        {"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"2026-03-02T10:15:04Z","accountId":"123456789012","region":"us-east-1","requestId":"@REQUESTID@","operation":"Converse","modelId":"@MODEL@","identity":{"arn":"arn:aws:sts::123456789012:assumed-role/checkout-svc/i-0abc"},"input":{"inputContentType":"application/json","inputBodyJson":{"messages":[{"role":"user","content":[{"text":"@SECRET@"}]}]},"inputTokenCount":@INPUT@,"cacheReadInputTokenCount":12000,"cacheWriteInputTokenCount":0},"output":{"outputContentType":"application/json","outputBodyJson":{"output":{"message":{"content":[{"text":"@SECRET@ answer"}]}}},"outputTokenCount":@OUTPUT@},"requestMetadata":@METADATA@,"inferenceRegion":"us-west-2"}
        """
        .Replace("@REQUESTID@", requestId, StringComparison.Ordinal)
        .Replace("@MODEL@", model, StringComparison.Ordinal)
        .Replace("@SECRET@", Secret, StringComparison.Ordinal)
        .Replace("@INPUT@", input.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("@OUTPUT@", output.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("@METADATA@", metadata, StringComparison.Ordinal);

    private static async Task<string> WriteGzAsync(string directory, string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(directory, name);
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var writer = new StreamWriter(gzip);
        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line);
        }

        return path;
    }

    [Fact]
    public async Task Import_GzippedLogs_StoresTokensIdentityAndMetadataButNoContent()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var logs = Path.Combine(temp.Directory, "AWSLogs");
        Directory.CreateDirectory(Path.Combine(logs, "2026", "03", "02"));
        await WriteGzAsync(Path.Combine(logs, "2026", "03", "02"), "a.json.gz",
        [
            Log("req-1", 1830, 412),
            "{not json",
            Log("req-2", 100, 10, model: "anthropic.claude-haiku-4-5-20251001-v1:0", metadata: "{}"),
            """{"schemaType":"ModelInvocationLog","timestamp":"2026-03-02T10:16:00Z","requestId":"req-3","modelId":"x","errorCode":"ThrottlingException","input":{"inputTokenCount":0},"output":{"outputTokenCount":0}}""",
            "",
        ]);

        var summary = await new BedrockLogImporter(temp.Store).ImportAsync([logs], CancellationToken.None);

        (summary.Records, summary.Inserted, summary.WithoutTokens, summary.Skipped.Count).ShouldBe((2L, 2, 1L, 1));
        summary.Skipped[0].ToString().ShouldStartWith("a.json.gz:2: not JSON");
        var records = await temp.Store.ReadUsageAsync(UsageFilter.All, CancellationToken.None).ToListAsync();
        var first = records.Single(r => r.RequestId == "req-1");
        first.Tokens.ShouldBe(new TokenCounts(1830, 412, 12000, 0, 0));
        (first.Provider, first.Model, first.Workspace, first.Account).ShouldBe(("aws", "anthropic.claude-sonnet-4-5-20250929-v1:0", "123456789012", "arn:aws:sts::123456789012:assumed-role/checkout-svc/i-0abc"));
        first.Tags["team"].ShouldBe("payments");
        first.Tags["bedrock.model_id"].ShouldBe("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        first.Cost.ShouldBeNull();
        records.ShouldAllBe(r => !System.Text.Json.JsonSerializer.Serialize(r, (System.Text.Json.JsonSerializerOptions?)null).Contains(Secret, StringComparison.Ordinal));
        foreach (var stored in Directory.EnumerateFiles(temp.Directory, "r.duckdb*"))
        {
            System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(stored)).ShouldNotContain(Secret); // the file and its WAL
        }
    }

    [Fact]
    public async Task Import_Again_SkipsUnchangedFilesAndNeverDuplicates()
    {
        await using var temp = await TempBillingStore.CreateAsync();
        var file = await WriteGzAsync(temp.Directory, "a.json.gz", [Log("req-1", 10, 1), Log("req-2", 20, 2)]);
        var importer = new BedrockLogImporter(temp.Store);
        await importer.ImportAsync([file], CancellationToken.None);

        var again = await importer.ImportAsync([file], CancellationToken.None);
        again.UnchangedFiles.ShouldBe(1);

        var plain = Path.Combine(temp.Directory, "copy.jsonl");
        await File.WriteAllLinesAsync(plain, [Log("req-2", 20, 2), Log("req-9", 5, 5)]);
        var overlap = await importer.ImportAsync([plain], CancellationToken.None);

        (overlap.Inserted, overlap.Unchanged).ShouldBe((1, 1));
        (await temp.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(3);
    }
}
