using Receipts.Domain.Storage;

namespace Receipts.Domain.Tests.Storage;

public sealed class UsageGroupFilterZoneOffsetsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // The zone's offsets found by trying every quarter hour of the period: what ZoneOffsets must give.
    private static List<(DateTimeOffset, TimeSpan)> EveryQuarterHour(TimeZoneInfo zone, DateTimeOffset since, DateTimeOffset until)
    {
        var start = new DateTimeOffset(since.AddDays(-1).UtcDateTime.Date, TimeSpan.Zero);
        var offsets = new List<(DateTimeOffset, TimeSpan)> { (DateTimeOffset.MinValue, zone.GetUtcOffset(start)) };
        for (var t = start; t < until.AddDays(1); t += TimeSpan.FromMinutes(15))
        {
            if (zone.GetUtcOffset(t) != offsets[^1].Item2)
            {
                offsets.Add((t, zone.GetUtcOffset(t)));
            }
        }

        return offsets;
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Lord_Howe")]   // half-hour daylight saving
    [InlineData("Asia/Kolkata")]
    public void ABoundedPeriod_GivesTheOffsetsOfEveryQuarterHour(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var since = new DateTimeOffset(2024, 2, 10, 0, 0, 0, TimeSpan.Zero);
        var until = new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero);

        new UsageGroupFilter { Zone = zone, Since = since, Until = until }.ZoneOffsets()
            .ShouldBe(EveryQuarterHour(zone, since, until));
    }

    [Fact]
    public void WithoutAPeriod_TodaysTransitionsAreThere()
    {
        var offsets = new UsageGroupFilter { Zone = Berlin }.ZoneOffsets();

        offsets.ShouldContain((new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2)));
        offsets.ShouldContain((new DateTimeOffset(2026, 10, 25, 1, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1)));
        offsets.ShouldContain((new DateTimeOffset(2150, 10, 25, 1, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AZoneWithoutTransitions_HasOneOffset()
    {
        new UsageGroupFilter { Zone = TimeZoneInfo.Utc }.ZoneOffsets().ShouldBe([(DateTimeOffset.MinValue, TimeSpan.Zero)]);
        new UsageGroupFilter().ZoneOffsets().ShouldBeEmpty();
    }
}
