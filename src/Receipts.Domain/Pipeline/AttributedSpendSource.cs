using System.Runtime.CompilerServices;
using Receipts.Domain.Budgets;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;

namespace Receipts.Domain.Pipeline;

/// <summary>
/// Budgets and anomaly checks read the same attributed, reconciled spend as the CPVO report: every item
/// carries its project and team (so team and project budgets see their dollars), billed where a bill covers it.
/// </summary>
public sealed class AttributedSpendSource<TStore>(TStore store, DirectoryView directory, PriceBook prices) : ISpendItemSource
    where TStore : IUsageStore, ICorrectionStore
{
    public async IAsyncEnumerable<SpendItem> ReadAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var corrections = await store.ReadCorrectionsAsync(cancellationToken);
        var ledger = await SpendPipeline.RunAsync(store, store as IBillingStore, directory, prices, corrections, since, until, cancellationToken);
        foreach (var item in ledger.Items)
        {
            if (item.At >= since && item.At < until)
            {
                yield return item;
            }
        }
    }
}
