using Receipts.Domain.Attribution;
using Receipts.Domain.Pipeline;
using Receipts.Storage.DuckDb;

namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>
/// The dashboard on the embedded store: each snapshot reads through a sibling connection of its own, so the
/// collector's batches, which write through the server's connection, never queue behind a long snapshot read.
/// Corrections are written through the server's connection like every other write.
/// </summary>
internal sealed class DuckDbDashboardStore(DuckDbStore store) : IDashboardStore
{
    public async Task<CpvoService.Result> RunCpvoAsync(DirectoryView directory, CpvoService.Request request, CancellationToken cancellationToken)
    {
        await using var reader = await store.OpenSiblingAsync(cancellationToken);
        return await CpvoService.RunAsync(reader, directory, request, cancellationToken);
    }

    public Task WriteCorrectionAsync(Correction correction, CancellationToken cancellationToken) =>
        store.WriteCorrectionAsync(correction, cancellationToken);
}
