namespace Receipts.Domain.Reports.Weekly;

/// <summary>
/// A workflow whose cost per call rose significantly this week: its daily costs per call this week are
/// higher than those of the four weeks before by a one-sided Mann–Whitney U test (see <see cref="CostPerCallTest"/>).
/// </summary>
/// <param name="Workflow">The <c>workflow</c> tag.</param>
/// <param name="Before">Dollars per call over the baseline days (all their dollars over all their calls).</param>
/// <param name="Now">Dollars per call this week.</param>
/// <param name="Calls">Calls this week.</param>
/// <param name="Days">Days of this week with enough calls to count.</param>
/// <param name="BaselineDays">Baseline days with enough calls.</param>
/// <param name="PValue">One-sided p-value of the test (normal approximation with tie and continuity correction).</param>
/// <param name="Driver">The model whose share of the spend grew, or the growth of tokens per call; null when neither stands out.</param>
public sealed record CostPerCallRise(string Workflow, decimal Before, decimal Now, long Calls, int Days, int BaselineDays, double PValue, string? Driver)
{
    public decimal Ratio => Before == 0m ? 0m : Now / Before;
}
