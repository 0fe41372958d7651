namespace Receipts.Domain.Reports.Weekly;

/// <summary>One team's spend this week against the week before.</summary>
public sealed record TeamWeekSpend(string Team, decimal Spend, decimal PreviousSpend)
{
    /// <summary>(this − last) / last; null when last week had no spend.</summary>
    public decimal? Change => PreviousSpend == 0m ? null : (Spend - PreviousSpend) / PreviousSpend;
}
