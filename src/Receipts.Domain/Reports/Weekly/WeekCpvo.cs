namespace Receipts.Domain.Reports.Weekly;

/// <summary>All teams of one week together (cordon left out): spend, outcomes, verified share and CPVO.</summary>
public sealed record WeekCpvo(string Week, decimal Spend, int Attempted, int Verified, int Pending, int Disqualified)
{
    public decimal? VerifiedShare => Attempted == 0 ? null : (decimal)Verified / Attempted;

    public decimal? Cpvo => Verified == 0 ? null : Spend / Verified;
}
