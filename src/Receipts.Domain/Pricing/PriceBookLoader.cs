using Receipts.Domain.Storage;

namespace Receipts.Domain.Pricing;

/// <summary>The price book a command prices with: the built-in table, overridden by imported prices.</summary>
public static class PriceBookLoader
{
    public static async Task<PriceBook> LoadAsync(IPriceStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var imported = await store.ReadPricesAsync(cancellationToken);
        return new PriceBook([.. BuiltInPrices.All, .. imported.Select(p => p.Price)]);
    }
}
