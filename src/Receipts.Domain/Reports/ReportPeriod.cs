namespace Receipts.Domain.Reports;

/// <summary>Turns calendar dates of a report's time zone into the UTC instants a store filters by.</summary>
public static class ReportPeriod
{
    /// <summary>
    /// The first instant of <paramref name="date"/> in <paramref name="zone"/>, in UTC. Where a DST change
    /// skips local midnight, the day starts at the first local time that exists.
    /// </summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var step = 0;
        while (zone.IsInvalidTime(local) && step < 4 * 24)
        {
            local = local.AddMinutes(15);
            step++;
        }

        var utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return new DateTimeOffset(utc, TimeSpan.Zero);
    }

    /// <summary>The UTC range [since's midnight, the midnight after until) for inclusive local dates; null ends stay open.</summary>
    public static (DateTimeOffset? Since, DateTimeOffset? Until) ToUtcRange(DateOnly? since, DateOnly? until, TimeZoneInfo zone) =>
        (since is { } s ? StartOfDayUtc(s, zone) : null, until is { } u ? StartOfDayUtc(u.AddDays(1), zone) : null);
}
