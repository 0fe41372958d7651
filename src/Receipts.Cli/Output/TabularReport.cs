using System.Text;
using Spectre.Console;

namespace Receipts.Cli.Output;

/// <summary>
/// A report as columns and rows of <see cref="Cell"/>s, printed either as a Spectre table (with an
/// optional totals row) or as RFC 4180 CSV (header and rows; no totals, scripts sum for themselves).
/// Columns marked table-only or CSV-only appear in one form only.
/// </summary>
internal sealed class TabularReport
{
    private readonly List<ColumnSpec> _columns = [];
    private readonly List<Cell[]> _rows = [];
    private Cell[]? _totals;

    public TabularReport Column(string header, string csvHeader, ColumnUse use = ColumnUse.Both)
    {
        _columns.Add(new ColumnSpec(header, csvHeader, use));
        return this;
    }

    public void Row(params Cell[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"A row has {cells.Length} cells for {_columns.Count} columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void Totals(params Cell[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns.Count)
        {
            throw new ArgumentException($"The totals row has {cells.Length} cells for {_columns.Count} columns.", nameof(cells));
        }

        _totals = cells;
    }

    public void WriteTable(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var table = new Table().Border(TableBorder.Rounded);
        var shown = Enumerable.Range(0, _columns.Count).Where(i => _columns[i].Use != ColumnUse.CsvOnly).ToArray();
        var numeric = shown.Select(i => _rows.Count > 0 ? _rows[0][i].IsNumeric : _totals?[i].IsNumeric ?? false).ToArray();
        for (var c = 0; c < shown.Length; c++)
        {
            var column = new TableColumn(Markup.Escape(_columns[shown[c]].Header));
            if (_totals is not null)
            {
                column.Footer(new Markup("[bold]" + Markup.Escape(_totals[shown[c]].ForTable()) + "[/]"));
            }

            table.AddColumn(numeric[c] ? column.RightAligned() : column);
        }

        table.ShowFooters = _totals is not null;
        foreach (var row in _rows)
        {
            table.AddRow(shown.Select(i => (Spectre.Console.Rendering.IRenderable)new Text(row[i].ForTable())).ToArray());
        }

        console.Write(table);
    }

    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var shown = Enumerable.Range(0, _columns.Count).Where(i => _columns[i].Use != ColumnUse.TableOnly).ToArray();
        writer.Write(string.Join(',', shown.Select(i => Quote(_columns[i].CsvHeader))));
        writer.Write('\n');
        foreach (var row in _rows)
        {
            writer.Write(string.Join(',', shown.Select(i => Quote(row[i].ForCsv()))));
            writer.Write('\n');
        }
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break (RFC 4180), doubling inner quotes.</summary>
    internal static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return field;
        }

        var builder = new StringBuilder(field.Length + 2).Append('"');
        builder.Append(field.Replace("\"", "\"\"", StringComparison.Ordinal));
        return builder.Append('"').ToString();
    }

    private sealed record ColumnSpec(string Header, string CsvHeader, ColumnUse Use);
}
