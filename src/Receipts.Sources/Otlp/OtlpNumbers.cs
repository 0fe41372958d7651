namespace Receipts.Sources.Otlp;

/// <summary>Conversions at the edge where OTLP doubles become our decimals and instants.</summary>
internal static class OtlpNumbers
{
    /// <summary>
    /// A double as decimal, rounded to the 15 significant digits a double holds, so a cost sent as
    /// <c>0.0421</c> is stored as exactly <c>0.0421</c>. Null for NaN, infinities and out-of-range values.
    /// </summary>
    public static decimal? ToDecimal(double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > 7.9e27)
        {
            return null;
        }

        return (decimal)value;
    }

    /// <summary>Unix nanoseconds as a UTC instant; null for 0 (unset) and for values out of range.</summary>
    public static DateTimeOffset? ToInstant(ulong unixNanos)
    {
        if (unixNanos == 0 || unixNanos / 100 > (ulong)(DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks))
        {
            return null;
        }

        return DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));
    }
}
