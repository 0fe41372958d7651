using Receipts.Domain.Metrics;

namespace Receipts.Domain.Budgets;

/// <summary>
/// Where budgets and anomaly checks get their spend: attributed, reconciled items in a time range.
/// </summary>
public interface ISpendItemSource
{
    /// <summary>Items with <c>since &lt;= At &lt; until</c> (UTC instants).</summary>
    IAsyncEnumerable<SpendItem> ReadAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}
