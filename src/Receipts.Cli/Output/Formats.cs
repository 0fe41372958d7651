using System.Globalization;

namespace Receipts.Cli.Output;

/// <summary>How numbers look in output. Invariant culture everywhere, so output does not depend on the machine.</summary>
internal static class Formats
{
    /// <summary><c>$1,234.56</c>: two decimals, rounded half away from zero.</summary>
    public static string Dollars(decimal amount) =>
        "$" + Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>The exact value without trailing zeros: <c>0.1005</c>, <c>3</c>.</summary>
    public static string Exact(decimal value) => Normalize(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>Drops trailing zeros of the scale (0.100500 → 0.1005) without changing the value.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
