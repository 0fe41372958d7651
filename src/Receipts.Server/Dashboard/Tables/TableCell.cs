using System.Globalization;

namespace Receipts.Server.Dashboard.Tables;

/// <summary>What a cell shows, what the CSV gets (the raw value, not the formatted text), and where it links.</summary>
public sealed record TableCell(string Text, string Csv, string? Href = null)
{
    internal static TableCell Of(string? text, string? href = null) => new(text ?? string.Empty, text ?? string.Empty, href);

    internal static TableCell Money(decimal? value) => value is { } v
        ? new(Format.Money(v), decimal.Round(v, 6).ToString(CultureInfo.InvariantCulture))
        : new("–", string.Empty);

    internal static TableCell Count(long value) => new(value.ToString("N0", CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));

    internal static TableCell Share(decimal? value) => value is { } v
        ? new(Format.Percent(v), decimal.Round(v, 6).ToString(CultureInfo.InvariantCulture))
        : new("–", string.Empty);

    internal static TableCell Tokens(long value) => new(Format.Tokens(value), value.ToString(CultureInfo.InvariantCulture));

    internal static TableCell Instant(DateTimeOffset value, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTime(value, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), value.ToString("O", CultureInfo.InvariantCulture));
}
