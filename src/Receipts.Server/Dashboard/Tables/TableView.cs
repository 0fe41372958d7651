namespace Receipts.Server.Dashboard.Tables;

/// <summary>
/// A table as data: the page renders it, and the same object becomes the CSV (<c>?format=csv&amp;table=ID</c>),
/// so every table on the dashboard exports exactly what it shows.
/// </summary>
public sealed record TableView(string Id, string Title, IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<TableCell>> Rows)
{
    /// <summary>A line under the title saying what the table counts.</summary>
    public string? Note { get; init; }

    /// <summary>Text shown when there are no rows.</summary>
    public string Empty { get; init; } = "Nothing in this period.";

    /// <summary>Rows that start a group (e.g. a cadence band): index → heading.</summary>
    public IReadOnlyDictionary<int, string> Groups { get; init; } = new Dictionary<int, string>();
}
