namespace Receipts.Domain.Alerts;

/// <summary>
/// A report <c>receipts serve</c> sends on a schedule: <c>alerts: reports: weekly: { schedule: "0 8 * * MON", channels: [slack, finops] }</c>.
/// </summary>
public sealed record ReportSchedule
{
    /// <summary>Which report: <c>weekly</c>.</summary>
    public required string Report { get; init; }

    /// <summary>A five-field cron expression read in the directory's time zone (minute hour day-of-month month day-of-week).</summary>
    public required string Schedule { get; init; }

    /// <summary>Names of channels of the <c>alerts:</c> section to send to; empty means all of them.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
}
