using System.Runtime.CompilerServices;
using Receipts.Domain.Budgets;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Cli.Commands.Alerts;

/// <summary>
/// Temporary <see cref="ISpendItemSource"/>: raw usage records priced by the price book, with no attribution
/// (Project and Team null) and no reconciliation (Billed only when the source carried a billed cost).
/// The attributed, reconciled pipeline replaces it; until then team and project budgets see nothing and
/// key, person and workflow checks work.
/// </summary>
internal sealed class PricedUsageSpendSource(IUsageStore store, PriceBook prices) : ISpendItemSource
{
    public async IAsyncEnumerable<SpendItem> ReadAsync(DateTimeOffset since, DateTimeOffset until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pricer = new Pricer(prices);
        await foreach (var record in store.ReadUsageAsync(new UsageFilter { Since = since, Until = until }, cancellationToken))
        {
            var price = pricer.Price(record);
            yield return new SpendItem
            {
                RecordId = record.Id,
                At = record.At,
                Model = record.Model,
                Tool = record.Tool,
                Person = record.Person,
                Repo = record.Repo,
                Branch = record.Branch,
                Tickets = record.TicketIds,
                ApiKey = record.ApiKeyAlias ?? record.ApiKeyId,
                Workflow = record.Tags.GetValueOrDefault("workflow"),
                Env = record.Tags.GetValueOrDefault("env"),
                SessionId = record.SessionId,
                Provider = record.Provider,
                Requests = record.Requests,
                Tokens = record.Tokens,
                Amount = price.Cost,
                Billed = price.Basis == CostBasis.Billed,
            };
        }
    }
}
