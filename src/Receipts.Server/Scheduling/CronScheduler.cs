using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Receipts.Server.Scheduling;

/// <summary>
/// Runs each <see cref="CronJob"/> at the instants of its cron expression in the directory's time zone, one loop per
/// job, timed by the injected <see cref="TimeProvider"/> (tests move a fake clock across the instant). A job that
/// fails is logged and runs again at its next instant; it never stops the host or the other jobs. An instant
/// missed while the server was down is not caught up.
/// </summary>
public sealed partial class CronScheduler(IEnumerable<CronJob> jobs, ScheduleZone zone, TimeProvider time, ILogger<CronScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _next = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);

    /// <summary>Each job's next instant, once its loop waits for it.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> NextRuns => _next;

    /// <summary>Completed runs per job (failed ones included).</summary>
    public IReadOnlyDictionary<string, int> Runs => _runs;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => LoopAsync(job, stoppingToken)));

    private async Task LoopAsync(CronJob job, CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                if (job.Expression.GetNextOccurrence(now, zone.Zone) is not { } due)
                {
                    return;
                }

                // The delay exists before the next instant is published, so a clock moved after seeing it always fires it.
                var wait = Task.Delay(Shorter(due - now), time, cancellationToken);
                _next[job.Name] = due;
                LogWaiting(logger, job.Name, due);
                await wait;

                // Timers cannot wait past ~49 days, and a yearly schedule may: wait in steps until the instant.
                while (time.GetUtcNow() < due)
                {
                    await Task.Delay(Shorter(due - time.GetUtcNow()), time, cancellationToken);
                }

                await RunAsync(job, due, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunAsync(CronJob job, DateTimeOffset due, CancellationToken cancellationToken)
    {
        try
        {
            await job.RunAsync(due, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, job.Name, due, e);
        }
        finally
        {
            _runs.AddOrUpdate(job.Name, 1, (_, n) => n + 1);
        }
    }

    private static TimeSpan Shorter(TimeSpan wait) => wait < MaxWait ? (wait < TimeSpan.Zero ? TimeSpan.Zero : wait) : MaxWait;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scheduled {Job} next at {Due}")]
    private static partial void LogWaiting(ILogger logger, string job, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled {Job} due at {Due} failed; it runs again at its next instant")]
    private static partial void LogFailed(ILogger logger, string job, DateTimeOffset due, Exception exception);
}
