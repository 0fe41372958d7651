using System.IO.Compression;
using Receipts.Sources.Otlp;
using static Receipts.Sources.Tests.Otlp.TestPayload;

namespace Receipts.Sources.Tests.Otlp;

public sealed class MalformedPayloadTests
{
    private static async Task<OtlpIngestResult> SendAsync(OtlpSignal signal, byte[] body, string? contentType, string? encoding = null, OtlpIngestOptions? options = null)
    {
        await using var db = await TempDuckDb.CreateAsync();
        using var receiver = new OtlpReceiver(db.Store, options ?? new OtlpIngestOptions());
        var result = await receiver.IngestAsync(signal, new MemoryStream(body), contentType, encoding, CancellationToken.None);
        if (result.StatusCode != 200)
        {
            (await db.Store.CountUsageAsync(CancellationToken.None)).ShouldBe(0);
        }

        return result;
    }

    [Fact]
    public async Task InvalidJson_Is400_WithLineAndByte()
    {
        var result = await SendAsync(OtlpSignal.Logs, "{\"resourceLogs\": [ {,"u8.ToArray(), "application/json");

        result.StatusCode.ShouldBe(400);
        result.ContentType.ShouldBe("application/json");
        result.Diagnostics.ShouldHaveSingleItem().Where.ShouldContain("line 1");
        Utf8(result.Body).ShouldContain("\"code\":3");
    }

    [Fact]
    public async Task JsonWithAWrongType_SaysWhichField()
    {
        var result = await SendAsync(OtlpSignal.Logs, """{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"soon"}]}]}]}"""u8.ToArray(), "application/json; charset=utf-8");

        result.StatusCode.ShouldBe(400);
        result.Diagnostics.ShouldHaveSingleItem().Where.ShouldBe("resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano");
    }

    [Theory]
    [InlineData("""{"resourceLogs":[{},{"scopeLogs":[{},{"logRecords":[{},{},{"attributes":[{"key":"a","value":{"intValue":"1"}},{"key":"b","value":{"intValue":"x"}}]}]}]}]}""", "resourceLogs[1].scopeLogs[1].logRecords[2].attributes[1].value.intValue")]
    [InlineData("""{"resourceLogs":[{"resource":{"attributes":[{"key":"k","value":{"stringValue":7}}]}}]}""", "resourceLogs[0].resource.attributes[0].value.stringValue")]
    [InlineData("""{"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"m","sum":{"dataPoints":[{},{"asInt":"many"}]}}]}]}]}""", "resourceMetrics[0].scopeMetrics[0].metrics[0].sum.dataPoints[1].asInt")]
    public async Task DeepWrongType_NamesTheWholePath(string json, string where)
    {
        var signal = json.Contains("resourceMetrics", StringComparison.Ordinal) ? OtlpSignal.Metrics : OtlpSignal.Logs;

        var result = await SendAsync(signal, System.Text.Encoding.UTF8.GetBytes(json), "application/json");

        result.StatusCode.ShouldBe(400);
        result.Diagnostics.ShouldHaveSingleItem().Where.ShouldBe(where);
    }

    [Fact]
    public async Task TruncatedProtobuf_Is400_WithThePathAndByteOffset()
    {
        var whole = LogsProtobuf(ClaudeCodeEventsTests.Resource, ClaudeCodeEventsTests.ApiRequest("req_x", 1, 2, 3, 4, 5));

        var result = await SendAsync(OtlpSignal.Logs, whole[..(whole.Length - 7)], "application/x-protobuf");

        result.StatusCode.ShouldBe(400);
        result.ContentType.ShouldBe("application/x-protobuf");
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Where.ShouldStartWith("$ (byte ");
        diagnostic.What.ShouldContain("truncated");
    }

    [Fact]
    public async Task ProtobufFieldWithTheWrongWireType_SaysWhichMessageAndByte()
    {
        using var writer = new Writer();
        writer.Message(1, resourceLogs => resourceLogs.Message(2, scopeLogs => scopeLogs.Message(2, log => log.Varint(1, 12345))));

        var result = await SendAsync(OtlpSignal.Logs, writer.ToArray(), "application/x-protobuf");

        result.StatusCode.ShouldBe(400);
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Where.ShouldStartWith("resourceLogs[0].scopeLogs[0].logRecords[0] (byte ");
        diagnostic.What.ShouldBe("field 1 has wire type Varint, expected Fixed64");
    }

    [Fact]
    public async Task RandomBytes_AsProtobuf_Are400_NeverAnException()
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);
            var result = await SendAsync((OtlpSignal)(i % 3), bytes, "application/x-protobuf");
            result.StatusCode.ShouldBeOneOf(200, 400);
        }
    }

    [Fact]
    public async Task GzipBody_IsAccepted()
    {
        var json = LogsJson(ClaudeCodeEventsTests.Resource, ClaudeCodeEventsTests.ApiRequest("req_gz", 1, 2, 3, 4, 5));
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(json);
        }

        var result = await SendAsync(OtlpSignal.Logs, compressed.ToArray(), "application/json", "gzip");

        result.StatusCode.ShouldBe(200);
        result.Records.ShouldBe(1);
    }

    [Fact]
    public async Task NotGzip_UnderAGzipHeader_Is400()
    {
        var result = await SendAsync(OtlpSignal.Logs, "{}"u8.ToArray(), "application/json", "gzip");

        result.StatusCode.ShouldBe(400);
        result.Diagnostics.ShouldHaveSingleItem().What.ShouldContain("gzip");
    }

    [Fact]
    public async Task GzipBomb_Is413()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(new byte[2 * 1024 * 1024]);
        }

        var result = await SendAsync(OtlpSignal.Logs, compressed.ToArray(), "application/json", "gzip", new OtlpIngestOptions { MaxDecompressedBytes = 1024 * 1024 });

        result.StatusCode.ShouldBe(413);
    }

    [Fact]
    public async Task UnknownContentType_Is415()
    {
        var result = await SendAsync(OtlpSignal.Logs, "x"u8.ToArray(), "text/plain");

        result.StatusCode.ShouldBe(415);
    }

    [Fact]
    public async Task EmptyProtobufBody_IsAnEmptyExport_200()
    {
        var result = await SendAsync(OtlpSignal.Metrics, [], "application/x-protobuf");

        result.StatusCode.ShouldBe(200);
        result.Body.ShouldBeEmpty();
    }
}
