using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Reports.Weekly;
using Receipts.Domain.Storage;

namespace Receipts.Domain.Reports.Board;

/// <summary>
/// The board summary from the store: the CPVO service with the quarter trend over the weeks of this quarter and
/// the last (as <c>report cpvo --trend</c>), and over this quarter's weeks alone (coverage and cordon). A quarter
/// still running is reported to date.
/// </summary>
public static class BoardReportService
{
    public sealed record Request(Quarter Quarter, TimeZoneInfo Zone, DateTimeOffset Now);

    /// <summary>The instant the report is taken at: the quarter's last tick, or now while it runs.</summary>
    public static DateTimeOffset AsOf(Quarter quarter, TimeZoneInfo zone, DateTimeOffset now)
    {
        var end = WeeklyReportService.EndOf(quarter.LastWeek, zone);
        return now < end ? now : end;
    }

    public static int WeeksBetween(IsoWeek first, IsoWeek last) => ((last.Monday.DayNumber - first.Monday.DayNumber) / 7) + 1;

    public static async Task<BoardReport> RunAsync<TStore>(TStore store, DirectoryView directory, Request request, CancellationToken cancellationToken)
        where TStore : IUsageStore, IOutcomeStore, IPriceStore, ICorrectionStore
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(request);
        var quarter = request.Quarter;
        var zone = request.Zone;
        var asOf = AsOf(quarter, zone, request.Now);
        if (asOf < quarter.FirstWeek.StartIn(zone))
        {
            throw new ArgumentException($"{quarter} has not started yet.", nameof(request));
        }

        var lastWeek = IsoWeek.Of(asOf, zone);
        var trend = await CpvoService.RunAsync(
            store, directory, new CpvoService.Request(CpvoGrouping.Team, WeeksBetween(quarter.Previous.FirstWeek, lastWeek), asOf, zone, Trend: true), cancellationToken);
        var current = await CpvoService.RunAsync(
            store, directory, new CpvoService.Request(CpvoGrouping.Team, WeeksBetween(quarter.FirstWeek, lastWeek), asOf, zone, Trend: false), cancellationToken);
        return Build(quarter, zone, asOf, lastWeek, trend, current, directory);
    }

    internal static BoardReport Build(Quarter quarter, TimeZoneInfo zone, DateTimeOffset asOf, IsoWeek lastWeek, CpvoService.Result trend, CpvoService.Result current, DirectoryView directory)
    {
        var previous = quarter.Previous;
        var trends = trend.Report.Trends.ToDictionary(t => t.Group, StringComparer.Ordinal);
        var rows = trend.Report.Rows.Select(r => (Row: r, Quarter: Quarter.Of(IsoWeek.Parse(r.Week)))).ToList();
        var teams = rows.GroupBy(r => r.Row.Group, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g.First().Row.Band, [.. g.Where(r => r.Quarter == quarter).Select(r => r.Row)], [.. g.Where(r => r.Quarter == previous).Select(r => r.Row)], trends.GetValueOrDefault(g.Key)))
            .Where(t => t.Spend != 0m || t.PreviousSpend != 0m || t.Attempted + t.PreviousAttempted > 0)
            .OrderByDescending(t => t.Spend)
            .ThenBy(t => t.Team, StringComparer.Ordinal)
            .ToList();
        var total = Row("all teams", null, [.. rows.Where(r => r.Quarter == quarter).Select(r => r.Row)], [.. rows.Where(r => r.Quarter == previous).Select(r => r.Row)], null);
        return new BoardReport
        {
            Quarter = quarter,
            PreviousQuarter = previous,
            FirstWeek = quarter.FirstWeek.ToString(),
            LastWeek = lastWeek.ToString(),
            AsOf = asOf,
            ToDate = asOf < WeeklyReportService.EndOf(quarter.LastWeek, zone),
            TimeZone = zone.Id,
            Currency = directory.Config.Currency,
            Teams = teams,
            Total = total,
            CordonSpend = current.Report.CordonSpend,
            CordonShare = current.Report.CordonShare,
            Coverage = current.Ledger.CoverageShare,
        };
    }

    private static BoardTeamRow Row(string team, string? band, List<CpvoRow> now, List<CpvoRow> before, TeamTrend? trend)
    {
        int verified = now.Sum(r => r.Verified), prevVerified = before.Sum(r => r.Verified);
        int attempted = now.Sum(r => r.Attempted), prevAttempted = before.Sum(r => r.Attempted);
        decimal spend = now.Sum(r => r.Spend), prevSpend = before.Sum(r => r.Spend);
        decimal? cpvo = verified == 0 ? null : spend / verified;
        decimal? prevCpvo = prevVerified == 0 ? null : prevSpend / prevVerified;
        decimal? share = attempted == 0 ? null : (decimal)verified / attempted;
        decimal? prevShare = prevAttempted == 0 ? null : (decimal)prevVerified / prevAttempted;
        return new BoardTeamRow
        {
            Team = team,
            Band = band,
            Spend = spend,
            PreviousSpend = prevSpend,
            Verified = verified,
            PreviousVerified = prevVerified,
            Attempted = attempted,
            PreviousAttempted = prevAttempted,
            VerifiedShare = share,
            PreviousVerifiedShare = prevShare,
            Cpvo = cpvo,
            PreviousCpvo = prevCpvo,
            Verdict = trend?.Verdict ?? CpvoCalculator.Verdict(verified, prevVerified, cpvo, prevCpvo, share, prevShare, new CpvoOptions { LastWeek = default }.MinimumVerifiedForTrend),
        };
    }
}
