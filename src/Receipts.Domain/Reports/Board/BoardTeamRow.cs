using Receipts.Domain.Metrics;

namespace Receipts.Domain.Reports.Board;

/// <summary>One team, this quarter against the last: spend, verified outcomes, verified share, CPVO and the verdict.</summary>
public sealed record BoardTeamRow
{
    public required string Team { get; init; }

    public string? Band { get; init; }

    public decimal Spend { get; init; }

    public decimal PreviousSpend { get; init; }

    public int Verified { get; init; }

    public int PreviousVerified { get; init; }

    public int Attempted { get; init; }

    public int PreviousAttempted { get; init; }

    public decimal? VerifiedShare { get; init; }

    public decimal? PreviousVerifiedShare { get; init; }

    public decimal? Cpvo { get; init; }

    public decimal? PreviousCpvo { get; init; }

    public TrendVerdict Verdict { get; init; }
}
