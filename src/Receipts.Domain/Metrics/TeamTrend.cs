namespace Receipts.Domain.Metrics;

/// <summary>One group's CPVO and verified share, this quarter against the last, and what that says.</summary>
public sealed record TeamTrend(
    string Group,
    string? Band,
    string Quarter,
    decimal? Cpvo,
    decimal? VerifiedShare,
    int Verified,
    string PreviousQuarter,
    decimal? PreviousCpvo,
    decimal? PreviousVerifiedShare,
    int PreviousVerified,
    TrendVerdict Verdict);
