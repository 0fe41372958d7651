using System.Text;
using Receipts.Sources.Context;

namespace Receipts.Sources.Tests.Context;

public sealed class JsonlLineReaderTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    private sealed class Collect : ILineSink
    {
        public List<(long Line, string Text, bool Compacted)> Lines { get; } = [];

        public List<long> Oversized { get; } = [];

        public void OnLine(ReadOnlySpan<byte> line, long lineNumber, bool compacted) => Lines.Add((lineNumber, Encoding.UTF8.GetString(line), compacted));

        public void OnOversizedLine(long lineNumber) => Oversized.Add(lineNumber);
    }

    private (LineReadResult Result, Collect Sink) Read(string content, int bufferSize, long start = 0, long firstLine = 0)
    {
        File.WriteAllText(_file, content);
        using var handle = File.OpenHandle(_file);
        using var reader = new JsonlLineReader(bufferSize);
        var sink = new Collect();
        var result = reader.Read(handle, start, RandomAccess.GetLength(handle), firstLine, sink, null, CancellationToken.None);
        return (result, sink);
    }

    [Fact]
    public void Read_LinesAcrossBufferBoundaries_YieldsEachLineWhole()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $"{{\"n\":{i},\"pad\":\"{new string('x', i * 7 % 90)}\"}}").ToList();

        var (result, sink) = Read(string.Join("\r\n", lines) + "\r\n", bufferSize: 256);

        sink.Lines.Select(l => l.Text).ShouldBe(lines);
        sink.Lines.Select(l => l.Line).ShouldBe(Enumerable.Range(1, 50).Select(i => (long)i));
        result.Offset.ShouldBe(new FileInfo(_file).Length);
        result.IncompleteTail.ShouldBeFalse();
    }

    [Fact]
    public void Read_UnfinishedLastLine_StopsBeforeIt()
    {
        var (result, sink) = Read("{\"a\":1}\n{\"b\":", bufferSize: 64);

        sink.Lines.Count.ShouldBe(1);
        result.Offset.ShouldBe(8);
        result.Line.ShouldBe(1);
        result.IncompleteTail.ShouldBeTrue();
    }

    [Fact]
    public void Read_FromAnOffset_NumbersLinesOnFromTheCursor()
    {
        var (_, sink) = Read("{\"a\":1}\n{\"b\":2}\n", bufferSize: 64, start: 8, firstLine: 1);

        sink.Lines.ShouldBe([(2L, "{\"b\":2}", false)]);
    }

    [Fact]
    public void Read_LineLongerThanTheBuffer_DropsItsLongStringsAndKeepsItsShape()
    {
        var big = new string('q', 10_000) + "\\\"" + new string('z', 5000);
        var (result, sink) = Read($"{{\"content\":\"{big}\",\"id\":\"msg_1\",\"n\":[1,2]}}\n{{\"next\":true}}\n", bufferSize: 1024);

        sink.Lines.ShouldBe([(1L, "{\"content\":\"\",\"id\":\"msg_1\",\"n\":[1,2]}", true), (2L, "{\"next\":true}", false)]);
        result.Line.ShouldBe(2);
        result.IncompleteTail.ShouldBeFalse();
    }

    [Fact]
    public void Read_LineTooLargeEvenCompacted_IsReportedAndSkipped()
    {
        var numbers = string.Join(",", Enumerable.Range(0, 3000));
        var (_, sink) = Read($"[{numbers}]\n{{\"ok\":1}}\n", bufferSize: 1024);

        sink.Oversized.ShouldBe([1L]);
        sink.Lines.ShouldBe([(2L, "{\"ok\":1}", false)]);
    }

    public void Dispose() => File.Delete(_file);
}
