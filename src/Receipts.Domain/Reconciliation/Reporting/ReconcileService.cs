using Receipts.Domain.Attribution;
using Receipts.Domain.Billing;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>
/// Runs the spend pipeline for a period and sums its reconciled cells into the reconcile report, adding the
/// records their source billed per request (the pipeline passes those through unreconciled) and naming each
/// identity by the alias the billing directory gives it.
/// </summary>
public static class ReconcileService
{
    public static async Task<ReconcileReport> RunAsync(
        IUsageStore usage,
        IBillingStore? billing,
        DirectoryView directory,
        PriceBook prices,
        IReadOnlyList<Correction> corrections,
        DateTimeOffset since,
        DateTimeOffset until,
        ReconcileGrouping grouping,
        decimal tolerance,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(prices);
        var ledger = await SpendPipeline.RunAsync(usage, billing, directory, prices, corrections, since, until, new SpendRun { EachRecord = true }, cancellationToken);

        // The pipeline's rule for a record billed by its own source: a cost with the billed basis.
        var pricer = new Pricer(prices);
        var perRequest = new List<(string RecordId, Cell Cell, decimal Amount)>();
        var estimates = grouping == ReconcileGrouping.Team ? new Dictionary<string, decimal?>(ledger.Items.Count, StringComparer.Ordinal) : null;
        await foreach (var r in usage.ReadUsageAsync(new UsageFilter { Since = since, Until = until }, cancellationToken))
        {
            estimates?.TryAdd(r.Id, pricer.Price(r).Cost);
            if (r.Cost is { } cost && r.CostBasis == CostBasis.Billed)
            {
                perRequest.Add((r.Id, SpendPipeline.CellOf(r, pricer), cost));
            }
        }

        var projects = new Dictionary<string, string?>(perRequest.Count, StringComparer.Ordinal);
        if (perRequest.Count > 0)
        {
            var wanted = perRequest.Select(p => p.RecordId).ToHashSet(StringComparer.Ordinal);
            foreach (var item in ledger.Items)
            {
                if (wanted.Contains(item.RecordId))
                {
                    projects[item.RecordId] = item.Project;
                }
            }
        }

        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        if (billing is not null)
        {
            foreach (var identity in await billing.ReadBillingIdentitiesAsync(null, cancellationToken))
            {
                if (identity.Name is { Length: > 0 } name)
                {
                    aliases.TryAdd(identity.Id, name);
                }
            }
        }

        return ReconcileReportBuilder.Build(
            ledger.Cells,
            perRequest.Select(p => new PerRequestBill(p.RecordId, p.Cell, p.Amount, projects.GetValueOrDefault(p.RecordId))),
            ledger.Items,
            ledger.IdleSeats.Count,
            ledger.UnpricedModels,
            cell => aliases.GetValueOrDefault(cell.IdentityId) ?? cell.IdentityId,
            grouping,
            tolerance,
            since,
            until,
            estimates);
    }
}
