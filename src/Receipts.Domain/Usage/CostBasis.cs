namespace Receipts.Domain.Usage;

/// <summary>Where a dollar figure came from.</summary>
public enum CostBasis
{
    /// <summary>Computed from the price book's list prices.</summary>
    Estimated = 0,

    /// <summary>Invoiced by the provider (billing API, FOCUS): the ground truth.</summary>
    Billed = 1,

    /// <summary>The model has no price: tokens are counted, the cost is not known.</summary>
    Unknown = 2,
}
