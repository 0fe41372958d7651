using System.Text;

namespace Receipts.Server.Dashboard.Tables;

/// <summary>RFC 4180 CSV of a <see cref="TableView"/>: its headings, then each row's raw values.</summary>
internal static class CsvWriter
{
    public static string Write(TableView table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var b = new StringBuilder();
        b.AppendJoin(',', table.Columns.Select(c => Quote(c.Header))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            b.AppendJoin(',', row.Select(c => Quote(c.Csv))).Append("\r\n");
        }

        return b.ToString();
    }

    private static string Quote(string text)
    {
        // A leading = + - @ would run as a formula in a spreadsheet; a quote and a tick keep it text.
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) && !decimal.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
