using System.Globalization;

namespace Receipts.Cli.Output;

/// <summary>
/// One value of a tabular report, kept typed so the table can format it for people (thousands
/// separators, <c>$1,234.56</c>, <c>?</c> for an unknown cost) and CSV can print it raw and invariant.
/// </summary>
internal readonly record struct Cell
{
    private Cell(string? text, long? count, decimal? money, bool unknown, string? csvText = null)
    {
        Text = text;
        CsvText = csvText;
        Count = count;
        Money = money;
        Unknown = unknown;
    }

    public string? Text { get; }

    /// <summary>What CSV prints instead of <see cref="Text"/>, when they differ (a raw number behind a formatted one).</summary>
    public string? CsvText { get; }

    public long? Count { get; }

    public decimal? Money { get; }

    /// <summary>For money: part of the amount is not known (an unpriced model).</summary>
    public bool Unknown { get; }

    public bool IsNumeric => Count.HasValue || Money.HasValue;

    public static Cell Of(string? text) => new(text ?? string.Empty, null, null, false);

    /// <summary>Text shown one way to people and another to scripts: <c>$0.075</c> in the table, <c>0.075</c> in CSV.</summary>
    public static Cell Of(string text, string csvText) => new(text, null, null, false, csvText);

    public static Cell Of(long count) => new(null, count, null, false);

    public static Cell Dollars(decimal amount, bool unknown = false) => new(null, null, amount, unknown);

    /// <summary>For people: <c>12,345</c>, <c>$1,234.56</c>, <c>?</c> when nothing is known, <c>$1.20 + ?</c> when part is.</summary>
    public string ForTable()
    {
        if (Count is { } count)
        {
            return count.ToString("N0", CultureInfo.InvariantCulture);
        }

        if (Money is { } money)
        {
            var dollars = Formats.Dollars(money);
            return !Unknown ? dollars : money == 0 ? "?" : dollars + " + ?";
        }

        return Text ?? string.Empty;
    }

    /// <summary>For scripts: invariant digits, no separators or currency sign.</summary>
    public string ForCsv() => Count is { } count
        ? count.ToString(CultureInfo.InvariantCulture)
        : Money is { } money ? Formats.Exact(money) : CsvText ?? Text ?? string.Empty;
}
