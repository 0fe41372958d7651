using System.Globalization;

namespace Receipts.Domain.Metrics;

/// <summary>An ISO week (<c>2026-W47</c>) of the reporting time zone.</summary>
public readonly record struct IsoWeek(int Year, int Week) : IComparable<IsoWeek>
{
    public static IsoWeek Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        return new IsoWeek(ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local));
    }

    public static IsoWeek Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split("-W", StringSplitOptions.None);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            throw new FormatException($"'{text}' is not an ISO week like 2026-W47.");
        }

        return new IsoWeek(year, week);
    }

    /// <summary>Monday of the week.</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The week's start instant in <paramref name="zone"/>.</summary>
    public DateTimeOffset StartIn(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = Monday.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public IsoWeek AddWeeks(int weeks)
    {
        var monday = Monday.AddDays(7 * weeks).ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(monday), ISOWeek.GetWeekOfYear(monday));
    }

    /// <summary>Calendar quarter of the week's Thursday (the day ISO uses to place a week in a year).</summary>
    public string Quarter
    {
        get
        {
            var thursday = Monday.AddDays(3);
            return $"{thursday.Year}-Q{((thursday.Month - 1) / 3) + 1}";
        }
    }

    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-W{Week:00}");

    public static bool operator <(IsoWeek a, IsoWeek b) => a.CompareTo(b) < 0;

    public static bool operator >(IsoWeek a, IsoWeek b) => a.CompareTo(b) > 0;

    public static bool operator <=(IsoWeek a, IsoWeek b) => a.CompareTo(b) <= 0;

    public static bool operator >=(IsoWeek a, IsoWeek b) => a.CompareTo(b) >= 0;
}
