using Receipts.Domain.Metrics;

namespace Receipts.Domain.Tests.Metrics;

public sealed class IsoWeekTests
{
    [Fact]
    public void Of_UsesTheReportingZone()
    {
        // Sunday 23:30 in New York is Monday 04:30 UTC: a different ISO week.
        var instant = new DateTimeOffset(2026, 11, 23, 4, 30, 0, TimeSpan.Zero);

        IsoWeek.Of(instant, TimeZoneInfo.Utc).ToString().ShouldBe("2026-W48");
        IsoWeek.Of(instant, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).ToString().ShouldBe("2026-W47");
    }

    [Fact]
    public void Parse_RoundTrips_AndRejectsNonsense()
    {
        IsoWeek.Parse("2026-W47").ShouldBe(new IsoWeek(2026, 47));
        IsoWeek.Parse("2026-W47").AddWeeks(6).ToString().ShouldBe("2026-W53"); // 2026 starts on a Thursday: 53 weeks
        IsoWeek.Parse("2026-W47").AddWeeks(7).ToString().ShouldBe("2027-W01");
        Should.Throw<FormatException>(() => IsoWeek.Parse("2026-W54"));
        Should.Throw<FormatException>(() => IsoWeek.Parse("47"));
    }

    [Fact]
    public void Quarter_FollowsTheWeeksThursday()
    {
        new IsoWeek(2026, 40).Quarter.ShouldBe("2026-Q4");
        new IsoWeek(2026, 39).Quarter.ShouldBe("2026-Q3");
    }
}
