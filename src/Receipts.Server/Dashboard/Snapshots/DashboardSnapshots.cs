using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;

namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>
/// Computes the dashboard's snapshot in the background — on start, every <see cref="DashboardOptions.RefreshInterval"/>,
/// and when asked (a correction, the refresh button) — and keeps the latest in memory. Pages never wait for it:
/// they show the latest snapshot and when it was computed. A failed run keeps the previous snapshot and says why.
/// </summary>
internal sealed partial class DashboardSnapshots(
    IDashboardStore? store,
    DashboardOptions options,
    TimeProvider time,
    ILogger<DashboardSnapshots> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private long _version;
    private volatile DashboardSnapshot? _current;
    private volatile string? _lastError;
    private volatile bool _computing;

    /// <summary>The latest snapshot; null until the first one is computed.</summary>
    public DashboardSnapshot? Current => _current;

    /// <summary>Why the last run failed; null when it succeeded.</summary>
    public string? LastError => _lastError;

    public bool Computing => _computing;

    /// <summary>False when the store cannot serve the dashboard (see <see cref="DashboardStoreFactory"/>).</summary>
    public bool Available => store is not null && options.Enabled;

    /// <summary>Records a correction in the store (the caller then asks for a new snapshot).</summary>
    public Task WriteCorrectionAsync(Receipts.Domain.Attribution.Correction correction, CancellationToken cancellationToken) =>
        (store ?? throw new InvalidOperationException("This store cannot record corrections.")).WriteCorrectionAsync(correction, cancellationToken);

    /// <summary>Asks for a new snapshot as soon as the current run (if any) ends.</summary>
    public void RequestRefresh()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is null || !options.Enabled)
        {
            return;
        }

        // Let the host finish starting before the first (possibly long) run.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            await ComputeAsync(store, stoppingToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(Task.Delay(options.RefreshInterval, time, wait.Token), _wake.WaitAsync(wait.Token));
            await wait.CancelAsync();
        }
    }

    private async Task ComputeAsync(IDashboardStore dashboardStore, CancellationToken cancellationToken)
    {
        _computing = true;
        var watch = Stopwatch.StartNew();
        try
        {
            var directory = new DirectoryView(await options.LoadDirectory(cancellationToken));
            var zone = options.Zone ?? directory.Zone ?? TimeZoneInfo.Utc;
            var request = new CpvoService.Request(CpvoGrouping.Team, options.Weeks, time.GetUtcNow(), zone, Trend: true);
            var result = await dashboardStore.RunCpvoAsync(directory, request, cancellationToken);
            var version = Interlocked.Increment(ref _version);
            var snapshot = await Task.Run(() => SnapshotBuilder.Build(version, result, request, directory, time.GetUtcNow(), watch.Elapsed), cancellationToken);
            _current = snapshot with { Took = watch.Elapsed };
            _lastError = null;
            LogComputed(logger, version, watch.ElapsedMilliseconds, result.Ledger.Items.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // A bad directory file or a store hiccup must not take the server down: keep the last snapshot.
            _lastError = e.Message;
            LogFailed(logger, e);
        }
        finally
        {
            _computing = false;
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard snapshot {Version} computed in {Milliseconds} ms over {Items} spend items")]
    private static partial void LogComputed(ILogger logger, long version, long milliseconds, int items);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dashboard snapshot failed; the previous one stays")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
