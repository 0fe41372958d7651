using Receipts.Domain.Anomalies;
using Receipts.Domain.Budgets;
using Receipts.Domain.Metrics;

namespace Receipts.Domain.Reports.Weekly;

/// <summary>
/// The Monday summary of one ISO week: spend by team against the week before, the biggest projects and
/// workflows, cost-per-call rises, dev/test traffic on production keys, anomalies, budgets with their
/// forecasts, the CPVO and verified-share trend and attribution coverage. Every number comes from the same
/// domain code as <c>report cpvo</c>, <c>report usage</c> and <c>budget list</c> (see docs/reports.md).
/// </summary>
public sealed record WeeklyReport
{
    public required IsoWeek Week { get; init; }

    /// <summary>Monday of the week (local date).</summary>
    public required DateOnly From { get; init; }

    /// <summary>Sunday of the week (local date).</summary>
    public required DateOnly To { get; init; }

    public required string TimeZone { get; init; }

    /// <summary>The instant the report is taken at: the last tick of the week.</summary>
    public required DateTimeOffset AsOf { get; init; }

    public required string Currency { get; init; }

    /// <summary>Spend of the week without cordoned projects (the sum of <see cref="Teams"/>).</summary>
    public required decimal TotalSpend { get; init; }

    public required decimal PreviousTotalSpend { get; init; }

    /// <summary>Per team (and <c>(unattributed)</c>), this week and last, biggest first.</summary>
    public required IReadOnlyList<TeamWeekSpend> Teams { get; init; }

    /// <summary>The five projects that cost the most this week (cordoned ones included and marked).</summary>
    public required IReadOnlyList<CostLine> TopProjects { get; init; }

    /// <summary>The five workflows (the <c>workflow</c> tag) that cost the most this week.</summary>
    public required IReadOnlyList<CostLine> TopWorkflows { get; init; }

    public required IReadOnlyList<CostPerCallRise> CostPerCallRises { get; init; }

    public required IReadOnlyList<ProductionMisuse> ProductionMisuse { get; init; }

    /// <summary>Spikes, drifts, daily cost-per-call jumps and runaway hours found on the days and hours of the week.</summary>
    public required IReadOnlyList<Anomaly> Anomalies { get; init; }

    /// <summary>Each budget's period as of the week's end, with its forecast.</summary>
    public required IReadOnlyList<BudgetStatus> Budgets { get; init; }

    /// <summary>This week's CPVO rows per team (as <c>report cpvo</c>).</summary>
    public required IReadOnlyList<CpvoRow> TeamCpvo { get; init; }

    /// <summary>All teams together, week by week, the last eight weeks (oldest first).</summary>
    public required IReadOnlyList<WeekCpvo> Trend { get; init; }

    /// <summary>Quarter to date against the last quarter, per team, with a verdict.</summary>
    public required IReadOnlyList<TeamTrend> QuarterTrend { get; init; }

    /// <summary>Attributed dollars / all dollars of the week; null with no dollars.</summary>
    public decimal? Coverage { get; init; }

    /// <summary>Open disagreements among the week's records.</summary>
    public int Disagreements { get; init; }

    public decimal CordonSpend { get; init; }

    public decimal? CordonShare { get; init; }

    public bool CordonWarning => CordonShare >= 1m / 3m;

    /// <summary>The week's tokens and list-price cost (as <c>report usage --by week</c>); null with no usage.</summary>
    public UsageRow? Usage { get; init; }

    public IReadOnlyList<string> UnpricedModels { get; init; } = [];

    /// <summary>
    /// The latest week of the trend whose outcomes are settled (nothing pending, something attempted): its CPVO and
    /// verified share are final. Else the latest with a verified outcome; null with none.
    /// </summary>
    public WeekCpvo? LatestSettled =>
        Trend.LastOrDefault(t => t.Pending == 0 && t.Attempted > 0) ?? Trend.LastOrDefault(t => t.Verified > 0);
}
