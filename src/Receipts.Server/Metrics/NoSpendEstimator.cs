using Receipts.Domain.Usage;

namespace Receipts.Server.Metrics;

/// <summary>The default until a price book is wired in: no estimates.</summary>
internal sealed class NoSpendEstimator : ISpendEstimator
{
    public decimal? EstimateCost(UsageRecord record) => null;
}
