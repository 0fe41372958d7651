using Receipts.Sources.Hooks;

namespace Receipts.Sources.Tests.Hooks;

public sealed class TranscriptTailTests
{
    private const string Line = """{"type":"assistant","sessionId":"s","timestamp":"2026-11-20T10:00:01Z","requestId":"req_N","message":{"id":"msg_N","model":"claude-sonnet-4-5","usage":{"input_tokens":1,"output_tokens":2}}}""";

    [Fact]
    public void HalfWrittenLastLine_IsLeftForNextTime_AndOnlyNewBytesAreRead()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Line.Replace("N", "1", StringComparison.Ordinal) + "\n" + Line.Replace("N", "2", StringComparison.Ordinal)[..30]);

            var first = TranscriptTail.Read(path, 0);
            File.AppendAllText(path, Line.Replace("N", "2", StringComparison.Ordinal)[30..] + "\n");
            var second = TranscriptTail.Read(path, first.EndOffset);
            var third = TranscriptTail.Read(path, second.EndOffset);

            first.Records.ShouldHaveSingleItem().RequestId.ShouldBe("req_1");
            second.Records.ShouldHaveSingleItem().RequestId.ShouldBe("req_2");
            third.Records.ShouldBeEmpty();
            third.Advanced.ShouldBeFalse();
            second.EndOffset.ShouldBe(new FileInfo(path).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FileShorterThanItsCursor_IsReadAgainFromTheStart()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Line.Replace("N", "1", StringComparison.Ordinal) + "\n");

            var chunk = TranscriptTail.Read(path, 100_000);

            chunk.Records.ShouldHaveSingleItem();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
