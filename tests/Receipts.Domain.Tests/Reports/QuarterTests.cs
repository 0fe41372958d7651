using Receipts.Domain.Metrics;
using Receipts.Domain.Reports.Board;

namespace Receipts.Domain.Tests.Reports;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2026-Q4", "2026-W40", "2026-W53")]
    [InlineData("2026-Q3", "2026-W27", "2026-W39")]
    [InlineData("2027-Q1", "2027-W01", "2027-W12")]
    public void FirstAndLastWeek_AreTheIsoWeeksWhoseThursdayIsInTheQuarter(string quarter, string first, string last)
    {
        var q = Quarter.Parse(quarter);
        q.FirstWeek.ShouldBe(IsoWeek.Parse(first));
        q.LastWeek.ShouldBe(IsoWeek.Parse(last));
        Quarter.Of(q.FirstWeek).ShouldBe(q);
        Quarter.Of(q.LastWeek).ShouldBe(q);
        Quarter.Of(q.LastWeek.AddWeeks(1)).ShouldBe(q.Next);
        q.ToString().ShouldBe(quarter);
    }

    [Theory]
    [InlineData("2026Q4")]
    [InlineData("2026-Q5")]
    [InlineData("Q4")]
    public void Parse_NotAQuarter_Throws(string text) => Should.Throw<FormatException>(() => Quarter.Parse(text));
}
