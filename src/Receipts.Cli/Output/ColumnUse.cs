namespace Receipts.Cli.Output;

/// <summary>Where a column of a <see cref="TabularReport"/> appears.</summary>
internal enum ColumnUse
{
    Both,
    TableOnly,
    CsvOnly,
}
