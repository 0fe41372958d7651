using Receipts.Sources.Sync;

namespace Receipts.Cli.Commands.Sync;

/// <summary>Reports sync steps synchronously (<see cref="Progress{T}"/> would post them to the thread pool, out of order).</summary>
internal sealed class SyncProgressReporter(Action<SyncProgress> report) : IProgress<SyncProgress>
{
    public void Report(SyncProgress value) => report(value);
}
