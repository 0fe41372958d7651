using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Receipts.Domain.Directory;
using Receipts.Domain.Storage;
using Receipts.Server.Runaway;
using Receipts.Server.Storage;
using Receipts.Sources.Alerts;
using Receipts.Sources.Configuration;
using Receipts.Storage.DuckDb;
using Receipts.Storage.Postgres;

namespace Receipts.Server.Scheduling;

public static class ReportingServiceCollectionExtensions
{
    /// <summary>
    /// What <c>receipts serve</c> does with a directory file besides collecting: the budget and anomaly checks on
    /// <c>alerts: schedule:</c>, the reports of <c>alerts: reports:</c> on theirs, and the live runaway watch on the
    /// collector's stream. The scheduled jobs and the live watch run on
    /// either store. Register a <see cref="TimeProvider"/> or <see cref="AlertDeliveryOptions"/> first to override.
    /// </summary>
    public static IServiceCollection AddReceiptsReporting(this IServiceCollection services, ServerStore store, DirectoryConfig directory, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(getVariable);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new AlertDeliveryOptions());
        services.TryAddSingleton(provider => new ReportingContext(directory, getVariable, provider.GetRequiredService<AlertDeliveryOptions>()));
        services.TryAddSingleton(new ScheduleZone(directory.TimeZone is { } zone ? TimeZoneInfo.FindSystemTimeZoneById(zone) : TimeZoneInfo.Utc));
        services.TryAddSingleton(_ => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });
        if (directory.Alerts.LiveRunaway)
        {
            services.TryAddSingleton<RunawayTap>();
            services.AddSingleton<IUsageTap>(provider => provider.GetRequiredService<RunawayTap>());
            services.TryAddSingleton(provider => new LiveRunawayWatch(
                provider.GetRequiredService<RunawayTap>(),
                store.Usage,
                (IPriceStore)store.Usage,
                store.Usage as IAlertStore,
                provider.GetRequiredService<ReportingContext>(),
                provider.GetRequiredService<HttpClient>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<LiveRunawayWatch>>()));
            services.AddHostedService(provider => provider.GetRequiredService<LiveRunawayWatch>());
        }

        return store.Usage switch
        {
            DuckDbStore duck => AddScheduledJobs(services, duck, directory),
            PostgresStore postgres => AddScheduledJobs(services, postgres, directory),
            _ => services,
        };
    }

    private static IServiceCollection AddScheduledJobs<TStore>(IServiceCollection services, TStore store, DirectoryConfig directory)
        where TStore : class, IUsageStore, IOutcomeStore, IPriceStore, ICorrectionStore, IBudgetStore, IAlertStore
    {
        services.TryAddSingleton(store);
        services.TryAddSingleton<AlertCheckJob<TStore>>();
        services.TryAddSingleton<WeeklyReportJob<TStore>>();
        services.AddSingleton(provider => new CronJob("alerts-check", CronSchedule.Parse(directory.Alerts.CheckSchedule), provider.GetRequiredService<AlertCheckJob<TStore>>().RunAsync));
        foreach (var report in directory.Alerts.Reports.Where(r => r.Report == "weekly"))
        {
            services.AddSingleton(provider => new CronJob(
                "report-weekly",
                CronSchedule.Parse(report.Schedule),
                async (instant, token) => await provider.GetRequiredService<WeeklyReportJob<TStore>>().RunAsync(instant, report.Channels, token)));
        }

        services.TryAddSingleton<CronScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<CronScheduler>());
        return services;
    }
}
