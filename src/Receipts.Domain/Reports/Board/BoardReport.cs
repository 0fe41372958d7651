namespace Receipts.Domain.Reports.Board;

/// <summary>
/// The one-page answer to "what are we getting for this?": per team, spend, verified outcomes, verified share
/// and CPVO this quarter against the last, with the verdict; the cordon's share and attribution coverage.
/// </summary>
public sealed record BoardReport
{
    public required Quarter Quarter { get; init; }

    public required Quarter PreviousQuarter { get; init; }

    /// <summary>First and last ISO week of the quarter as counted (to date when it is not over).</summary>
    public required string FirstWeek { get; init; }

    public required string LastWeek { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    /// <summary>True when the quarter is not over: the numbers are to date.</summary>
    public required bool ToDate { get; init; }

    public required string TimeZone { get; init; }

    public required string Currency { get; init; }

    /// <summary>Teams (and <c>(unattributed)</c> spend), biggest spend first.</summary>
    public required IReadOnlyList<BoardTeamRow> Teams { get; init; }

    /// <summary>All teams together (cordon left out).</summary>
    public required BoardTeamRow Total { get; init; }

    public decimal CordonSpend { get; init; }

    public decimal? CordonShare { get; init; }

    public bool CordonWarning => CordonShare >= 1m / 3m;

    /// <summary>Attributed dollars / all dollars of the quarter's weeks.</summary>
    public decimal? Coverage { get; init; }
}
