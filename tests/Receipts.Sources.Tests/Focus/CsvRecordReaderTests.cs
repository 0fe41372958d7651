using Receipts.Sources.Focus;

namespace Receipts.Sources.Tests.Focus;

public sealed class CsvRecordReaderTests
{
    private static List<string[]> ReadAll(string text)
    {
        using var reader = new CsvRecordReader(new StringReader(text));
        var rows = new List<string[]> { reader.Header.ToArray() };
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToArray());
        }

        return rows;
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndLineBreaks_Unescapes()
    {
        var rows = ReadAll("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n,,\n");

        rows.Count.ShouldBe(3);
        rows[1].ShouldBe(["x, y", "say \"hi\"", "two\nlines"]);
        rows[2].ShouldBe(["", "", ""]);
    }

    [Fact]
    public void Read_LastLineWithoutNewlineAndBlankLines_ReadsEveryRecord()
    {
        var rows = ReadAll("a,b\n\n1,2\n\n3,\"4\"");

        rows.Skip(1).ShouldBe([["1", "2"], ["3", "4"]]);
    }

    [Fact]
    public void Line_CountsLineBreaksInsideQuotes()
    {
        using var reader = new CsvRecordReader(new StringReader("a,b\n\"1\n2\n3\",x\ny,z\n"));
        reader.Read().ShouldBeTrue();
        reader.Line.ShouldBe(2);
        reader.Read().ShouldBeTrue();
        reader.Line.ShouldBe(5);
    }

    [Fact]
    public void Read_FieldsLongerThanTheBuffer_AreReadWhole()
    {
        var big = new string('x', 200_000);
        var rows = ReadAll($"a,b\n{big},\"{big}\"\"\"\n1,2\n");

        rows[1][0].Length.ShouldBe(200_000);
        rows[1][1].ShouldBe(big + "\"");
        rows[2].ShouldBe(["1", "2"]);
    }

    [Fact]
    public void Read_UnterminatedQuote_SaysWhichLine()
    {
        using var reader = new CsvRecordReader(new StringReader("a,b\n1,2\n\"3,4\n"));
        reader.Read().ShouldBeTrue();

        Should.Throw<CsvFormatException>(() => reader.Read()).Line.ShouldBe(3);
    }
}
