using Receipts.Domain.Usage;

namespace Receipts.Domain.Pricing;

/// <summary>
/// What one usage record costs: <see cref="Cost"/> is null exactly when <see cref="Basis"/> is
/// <see cref="CostBasis.Unknown"/> (the model has no price), never a silent zero.
/// </summary>
public readonly record struct PriceResult(decimal? Cost, CostBasis Basis, bool FromRecord, bool LongContext)
{
    public static PriceResult Unknown => new(null, CostBasis.Unknown, FromRecord: false, LongContext: false);

    public bool IsKnown => Cost.HasValue;
}
