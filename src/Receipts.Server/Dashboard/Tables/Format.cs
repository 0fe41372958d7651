using System.Globalization;

namespace Receipts.Server.Dashboard.Tables;

/// <summary>How the dashboard writes money, shares and token counts (invariant culture, like the CLI).</summary>
internal static class Format
{
    public static string Money(decimal value) => value.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    public static string Percent(decimal value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Tokens(long value) => value switch
    {
        >= 1_000_000_000 => (value / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + "B",
        >= 1_000_000 => (value / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1e3).ToString("0", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("N0", CultureInfo.InvariantCulture),
    };
}
