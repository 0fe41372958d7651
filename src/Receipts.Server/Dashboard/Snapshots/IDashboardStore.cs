using Receipts.Domain.Attribution;
using Receipts.Domain.Pipeline;

namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>What the dashboard needs from the store: the CPVO pipeline (the same code as the CLI) and writing corrections.</summary>
internal interface IDashboardStore
{
    Task<CpvoService.Result> RunCpvoAsync(DirectoryView directory, CpvoService.Request request, CancellationToken cancellationToken);

    Task WriteCorrectionAsync(Correction correction, CancellationToken cancellationToken);
}
