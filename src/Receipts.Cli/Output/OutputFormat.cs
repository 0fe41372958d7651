namespace Receipts.Cli.Output;

/// <summary>How a report is printed: a table for people, JSON or CSV for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Csv,
}
