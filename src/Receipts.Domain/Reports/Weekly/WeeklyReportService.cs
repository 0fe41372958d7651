using Receipts.Domain.Budgets;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;

namespace Receipts.Domain.Reports.Weekly;

/// <summary>
/// The weekly report end to end, from the store: the CPVO service over the eight weeks ending with the week
/// (with the quarter trend, which also reads the months budgets and anomaly baselines need) and over the week
/// alone (coverage, cordon), the usage aggregator over the week's days, and the budgets in force.
/// </summary>
public static class WeeklyReportService
{
    /// <summary>Weeks of CPVO trend shown.</summary>
    public const int TrendWeeks = 8;

    public sealed record Request(IsoWeek Week, TimeZoneInfo Zone, IReadOnlyList<Budget> Budgets);

    /// <summary>The last tick of <paramref name="week"/> in <paramref name="zone"/>: the instant the report is taken at.</summary>
    public static DateTimeOffset EndOf(IsoWeek week, TimeZoneInfo zone) => week.AddWeeks(1).StartIn(zone).AddTicks(-1);

    /// <summary>The last complete ISO week before <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static IsoWeek LastComplete(DateTimeOffset now, TimeZoneInfo zone) => IsoWeek.Of(now, zone).AddWeeks(-1);

    public static async Task<WeeklyReport> RunAsync<TStore>(TStore store, DirectoryView directory, Request request, CancellationToken cancellationToken)
        where TStore : IUsageStore, IOutcomeStore, IPriceStore, ICorrectionStore
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        var zone = request.Zone;
        var asOf = EndOf(request.Week, zone);
        var trend = await CpvoService.RunAsync(store, directory, new CpvoService.Request(CpvoGrouping.Team, TrendWeeks, asOf, zone, Trend: true), cancellationToken);
        var week = await CpvoService.RunAsync(store, directory, new CpvoService.Request(CpvoGrouping.Team, 1, asOf, zone, Trend: false), cancellationToken);
        var (since, until) = ReportPeriod.ToUtcRange(request.Week.Monday, request.Week.Monday.AddDays(6), zone);
        var aggregator = new UsageAggregator(UsageGrouping.Week, zone, new Pricer(await PriceBookLoader.LoadAsync(store, cancellationToken)));
        var usage = await aggregator.AddAllAsync(store.ReadUsageForReportAsync(new UsageFilter { Since = since, Until = until }, cancellationToken), cancellationToken);
        return WeeklyReportBuilder.Build(request.Week, zone, asOf, trend, week, usage, request.Budgets, directory);
    }
}
