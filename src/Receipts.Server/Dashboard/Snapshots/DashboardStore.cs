using Receipts.Domain.Attribution;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Storage;

namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>Any store that holds usage, outcomes, prices and corrections (today the embedded DuckDB file).</summary>
internal sealed class DashboardStore<TStore>(TStore store) : IDashboardStore
    where TStore : IUsageStore, IOutcomeStore, IPriceStore, ICorrectionStore
{
    public Task<CpvoService.Result> RunCpvoAsync(DirectoryView directory, CpvoService.Request request, CancellationToken cancellationToken) =>
        CpvoService.RunAsync(store, directory, request, cancellationToken);

    public Task WriteCorrectionAsync(Correction correction, CancellationToken cancellationToken) =>
        store.WriteCorrectionAsync(correction, cancellationToken);
}
