namespace Receipts.Domain.Reports;

/// <summary>A usage report: its rows in display order, the totals, and the models that have no price.</summary>
public sealed record UsageReport(
    UsageGrouping Grouping,
    TimeZoneInfo Zone,
    IReadOnlyList<UsageRow> Rows,
    UsageRow Totals,
    IReadOnlyList<string> UnpricedModels)
{
    public bool IsEmpty => Totals.Records == 0;
}
