using System.Globalization;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Reports.Board;

/// <summary>
/// A calendar quarter (<c>2026-Q4</c>) as the CPVO trend counts it: the ISO weeks whose Thursday falls in it.
/// </summary>
public readonly record struct Quarter(int Year, int Number)
{
    public static Quarter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToUpperInvariant().Split("-Q", StringSplitOptions.None);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < 1 or > 4 || year is < 2000 or > 9998)
        {
            throw new FormatException($"'{text}' is not a quarter like 2026-Q4.");
        }

        return new Quarter(year, number);
    }

    /// <summary>The quarter holding the Thursday of <paramref name="week"/>.</summary>
    public static Quarter Of(IsoWeek week)
    {
        var thursday = week.Monday.AddDays(3);
        return new Quarter(thursday.Year, ((thursday.Month - 1) / 3) + 1);
    }

    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);

    /// <summary>The first ISO week whose Thursday is in the quarter.</summary>
    public IsoWeek FirstWeek
    {
        get
        {
            var first = new DateOnly(Year, ((Number - 1) * 3) + 1, 1);
            var week = IsoWeek.Of(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimeZoneInfo.Utc);
            return Of(week) == this ? week : week.AddWeeks(1);
        }
    }

    /// <summary>The last ISO week whose Thursday is in the quarter.</summary>
    public IsoWeek LastWeek => Next.FirstWeek.AddWeeks(-1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}");
}
