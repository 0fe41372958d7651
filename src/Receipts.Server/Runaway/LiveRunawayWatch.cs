using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Receipts.Domain.Alerts;
using Receipts.Domain.Anomalies;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;
using Receipts.Server.Scheduling;
using Receipts.Sources.Alerts;

namespace Receipts.Server.Runaway;

/// <summary>
/// Watches the collector's live stream for runaway burn: seeds a <see cref="LiveRunawayDetector"/> with the last
/// weeks of usage from the store, then feeds it each committed batch from the <see cref="RunawayTap"/>. A runaway is
/// kept in the alert store when there is one (so it is raised once, by this watch or the scheduled check) and sent
/// to every channel. Failures are logged; the watch goes on.
/// </summary>
public sealed partial class LiveRunawayWatch(
    RunawayTap tap,
    IUsageStore usage,
    IPriceStore prices,
    IAlertStore? alerts,
    ReportingContext context,
    HttpClient http,
    TimeProvider time,
    ILogger<LiveRunawayWatch> logger) : BackgroundService
{
    private int _raised;

    /// <summary>True once the baseline is read and live batches are being checked.</summary>
    public bool Ready { get; private set; }

    /// <summary>Runaway alerts raised so far.</summary>
    public int Raised => Volatile.Read(ref _raised);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = context.Directory.Alerts.Anomalies;
        var detector = new LiveRunawayDetector(options);
        Pricer pricer;
        try
        {
            pricer = new Pricer(await PriceBookLoader.LoadAsync(prices, stoppingToken));
            var now = time.GetUtcNow();
            await foreach (var record in usage.ReadUsageAsync(new UsageFilter { Since = now.AddDays(-options.BaselineDays - 1), Until = now.AddHours(1) }, stoppingToken))
            {
                detector.Seed(LiveSpend.Of(record, pricer, context.View));
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception e)
        {
            LogBaselineFailed(logger, e);
            pricer = new Pricer(PriceBook.Empty);
        }

        LogReady(logger, detector.Identities);
        var (channels, problems) = AlertChannels.Create(context.Directory.Alerts, context.GetVariable, http, context.Delivery);
        foreach (var problem in problems)
        {
            LogChannelProblem(logger, problem);
        }

        var dispatcher = new AlertDispatcher(channels, time);
        Ready = true;
        try
        {
            await foreach (var batch in tap.Reader.ReadAllAsync(stoppingToken))
            {
                var found = new List<Anomaly>();
                try
                {
                    foreach (var record in batch)
                    {
                        found.AddRange(detector.Add(LiveSpend.Of(record, pricer, context.View)));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A batch the watch cannot read (an overflowing sum, a bug) is skipped; the collector goes on.
                    LogBatchFailed(logger, batch.Count, e);
                }

                if (found.Count > 0)
                {
                    await RaiseAsync(dispatcher, found, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RaiseAsync(AlertDispatcher dispatcher, List<Anomaly> found, CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            IReadOnlyList<Alert> raised = [.. found.Select(a => AnomalyScanner.ToAlert(a, now))];
            if (alerts is not null)
            {
                raised = await alerts.AddAlertsAsync(raised, cancellationToken);
            }

            var deliveries = await dispatcher.DispatchAsync(raised, cancellationToken);
            if (alerts is not null)
            {
                foreach (var delivery in deliveries)
                {
                    await alerts.RecordDeliveryAsync(delivery, cancellationToken);
                }
            }

            Interlocked.Add(ref _raised, raised.Count);
            foreach (var alert in raised)
            {
                LogRaised(logger, alert.Key);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRaiseFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runaway watch ready: baseline of {Identities} identities")]
    private static partial void LogReady(ILogger logger, int identities);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runaway watch could not read its baseline; it starts empty")]
    private static partial void LogBaselineFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert channel left out: {Problem}")]
    private static partial void LogChannelProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runaway alert raised: {Key}")]
    private static partial void LogRaised(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runaway watch skipped a batch of {Count} records it could not check")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runaway watch could not store or send an alert")]
    private static partial void LogRaiseFailed(ILogger logger, Exception exception);
}
