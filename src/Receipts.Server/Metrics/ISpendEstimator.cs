using Receipts.Domain.Usage;

namespace Receipts.Server.Metrics;

/// <summary>
/// Prices a record that arrived without a cost, for the spend counters on /metrics. The seam for the price
/// book (src/Receipts.Domain/Pricing): register an implementation with DI before <c>AddReceiptsServer()</c>
/// and estimated cost appears beside the token counters. Until then tokens are counted and cost only when
/// the sender gave one.
/// </summary>
public interface ISpendEstimator
{
    /// <summary>The list-price cost of <paramref name="record"/>, or null when its model has no price.</summary>
    decimal? EstimateCost(UsageRecord record);
}
