namespace Receipts.Domain.Metrics;

/// <summary>The weekly CPVO table, the cordon's share, and (when asked) the quarter-over-quarter trend.</summary>
public sealed record CpvoReport
{
    public required IReadOnlyList<string> Weeks { get; init; }

    public required IReadOnlyList<CpvoRow> Rows { get; init; }

    /// <summary>Dollars of cordoned projects in the period (left out of the rows).</summary>
    public decimal CordonSpend { get; init; }

    /// <summary>Cordon dollars / all dollars of the period; null with no spend.</summary>
    public decimal? CordonShare { get; init; }

    /// <summary>True at one third or more: the cordon is hiding a large part of the bill.</summary>
    public bool CordonWarning => CordonShare >= 1m / 3m;

    public IReadOnlyList<TeamTrend> Trends { get; init; } = [];
}
