using Microsoft.Extensions.Hosting;

namespace Receipts.Server.Ingest;

/// <summary>
/// On a graceful stop, after the last request has been answered, waits until the store holds every batch the
/// collector answered — including those answered from the journal and still being applied.
/// </summary>
internal sealed class CommitterDrain(GroupCommitter committer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => committer.DrainAsync(cancellationToken);
}
