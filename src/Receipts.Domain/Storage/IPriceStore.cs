using Receipts.Domain.Pricing;

namespace Receipts.Domain.Storage;

/// <summary>
/// Imported model prices. They override the built-in table for the same model key; the built-ins
/// themselves are code, never stored.
/// </summary>
public interface IPriceStore
{
    /// <summary>
    /// Adds or replaces prices by model key in one transaction: all or nothing.
    /// Returns how many keys were new and how many replaced an earlier import.
    /// </summary>
    Task<PriceWriteResult> WritePricesAsync(IReadOnlyCollection<ModelPrice> prices, CancellationToken cancellationToken);

    /// <summary>Every imported price, by model key.</summary>
    Task<IReadOnlyList<ImportedPrice>> ReadPricesAsync(CancellationToken cancellationToken);
}
