namespace Receipts.Domain.Forecasts;

/// <summary>The few operations on <see cref="decimal"/> the statistics need and the BCL lacks.</summary>
public static class DecimalMath
{
    /// <summary>Square root by Newton's method, to decimal precision; 0 for 0. Throws for a negative value.</summary>
    public static decimal Sqrt(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value == 0m)
        {
            return 0m;
        }

        // A double start gets within 1e-15 relative; two or three Newton steps finish the job.
        var x = (decimal)Math.Sqrt((double)value);
        for (var i = 0; i < 8; i++)
        {
            var next = (x + (value / x)) / 2m;
            if (next == x)
            {
                break;
            }

            x = next;
        }

        return x;
    }

    /// <summary>The local calendar day of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }
}
