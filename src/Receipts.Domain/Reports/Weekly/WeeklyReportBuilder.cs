using System.Globalization;
using Receipts.Domain.Alerts;
using Receipts.Domain.Anomalies;
using Receipts.Domain.Budgets;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;

namespace Receipts.Domain.Reports.Weekly;

/// <summary>
/// Folds what the pipeline derived into a <see cref="WeeklyReport"/>. Pure: the CPVO results, the usage report,
/// the budgets and the directory in, the report out. Nothing is recomputed differently from the reports it
/// summarises: team spend and outcomes are the CPVO rows, tokens and list cost the usage row of the week.
/// </summary>
public static class WeeklyReportBuilder
{
    private const int Top = 5;

    /// <param name="trend">CPVO by team over the eight weeks ending with the week, with the quarter trend.</param>
    /// <param name="week">CPVO by team over the week alone (its coverage and cordon).</param>
    /// <param name="usage">The usage report grouped by week over the week's days.</param>
    public static WeeklyReport Build(
        IsoWeek isoWeek,
        TimeZoneInfo zone,
        DateTimeOffset asOf,
        CpvoService.Result trend,
        CpvoService.Result week,
        UsageReport? usage,
        IReadOnlyList<Budget> budgets,
        DirectoryView directory)
    {
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(directory);
        var label = isoWeek.ToString();
        var previous = isoWeek.AddWeeks(-1);
        var previousLabel = previous.ToString();
        var rows = trend.Report.Rows;
        var teams = rows.Where(r => r.Week == label || r.Week == previousLabel)
            .GroupBy(r => r.Group, StringComparer.Ordinal)
            .Select(g => new TeamWeekSpend(g.Key, g.Where(r => r.Week == label).Sum(r => r.Spend), g.Where(r => r.Week == previousLabel).Sum(r => r.Spend)))
            .OrderByDescending(t => t.Spend)
            .ThenBy(t => t.Team, StringComparer.Ordinal)
            .ToList();

        var items = trend.Ledger.Items.Where(i => i.At <= asOf).ToList();
        var thisWeek = items.Where(i => IsoWeek.Of(i.At, zone) == isoWeek).ToList();
        var lastWeek = items.Where(i => IsoWeek.Of(i.At, zone) == previous).ToList();
        var allDollars = thisWeek.Sum(i => i.Amount ?? 0m);

        var alerts = directory.Config.Alerts;
        var options = alerts.Anomalies;
        var history = new SpendHistory(items, zone);
        var anomalies = new List<Anomaly>();
        for (var day = isoWeek.Monday; day <= isoWeek.Monday.AddDays(6); day = day.AddDays(1))
        {
            anomalies.AddRange(DailyDetector.Detect(history, day, options, alerts.ProductionKeys));
        }

        var start = SpendHistory.HourOf(isoWeek.StartIn(zone));
        for (var hour = start; hour <= asOf; hour = hour.AddHours(1))
        {
            anomalies.AddRange(RunawayDetector.Detect(history, hour, options));
        }

        var distinct = anomalies.DistinctBy(a => a.Key).ToList();
        return new WeeklyReport
        {
            Week = isoWeek,
            From = isoWeek.Monday,
            To = isoWeek.Monday.AddDays(6),
            TimeZone = zone.Id,
            AsOf = asOf,
            Currency = directory.Config.Currency,
            TotalSpend = teams.Sum(t => t.Spend),
            PreviousTotalSpend = teams.Sum(t => t.PreviousSpend),
            Teams = teams,
            TopProjects = TopBy(thisWeek, lastWeek, i => i.Project, allDollars, directory),
            TopWorkflows = TopBy(thisWeek, lastWeek, i => i.Workflow, allDollars, null),
            CostPerCallRises = CostPerCallTest.Find(history, isoWeek.Monday, options),
            ProductionMisuse = Misuse(distinct.Where(a => a.Kind == AnomalyKind.EnvMismatch), thisWeek, alerts),
            Anomalies = [.. distinct.Where(a => a.Kind != AnomalyKind.EnvMismatch).OrderBy(a => a.At).ThenBy(a => a.Subject, StringComparer.Ordinal)],
            Budgets = BudgetEvaluator.Evaluate(budgets, items, asOf, zone),
            TeamCpvo = [.. rows.Where(r => r.Week == label)],
            Trend = [.. trend.Report.Weeks.Select(w => Week(w, rows))],
            QuarterTrend = trend.Report.Trends,
            Coverage = week.Ledger.CoverageShare,
            Disagreements = week.Ledger.Disagreements.Count,
            CordonSpend = week.Report.CordonSpend,
            CordonShare = week.Report.CordonShare,
            Usage = usage?.Rows.FirstOrDefault(r => r.Key == label),
            UnpricedModels = trend.Ledger.UnpricedModels,
        };
    }

    private static WeekCpvo Week(string week, IReadOnlyList<CpvoRow> rows)
    {
        var of = rows.Where(r => r.Week == week).ToList();
        return new WeekCpvo(week, of.Sum(r => r.Spend), of.Sum(r => r.Attempted), of.Sum(r => r.Verified), of.Sum(r => r.Pending), of.Sum(r => r.Disqualified));
    }

    private static List<CostLine> TopBy(List<SpendItem> now, List<SpendItem> before, Func<SpendItem, string?> key, decimal total, DirectoryView? directory)
    {
        var previous = before.Where(i => key(i) is not null).GroupBy(i => key(i)!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(i => i.Amount ?? 0m), StringComparer.Ordinal);
        return [.. now.Where(i => key(i) is not null)
            .GroupBy(i => key(i)!, StringComparer.Ordinal)
            .Select(g =>
            {
                var spend = g.Sum(i => i.Amount ?? 0m);
                var team = directory?.TeamOfProject.GetValueOrDefault(g.Key)
                    ?? g.Select(i => i.Team).FirstOrDefault(t => t is not null);
                return new CostLine(g.Key, team, spend, previous.GetValueOrDefault(g.Key), total == 0m ? null : spend / total, g.Sum(i => i.Requests), directory?.Cordoned.Contains(g.Key) == true);
            })
            .OrderByDescending(c => c.Spend)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(Top)];
    }

    private static List<ProductionMisuse> Misuse(IEnumerable<Anomaly> mismatches, List<SpendItem> thisWeek, AlertsConfig alerts)
    {
        var result = new List<ProductionMisuse>();
        foreach (var group in mismatches.GroupBy(a => a.Subject, StringComparer.Ordinal))
        {
            var key = group.Key["key ".Length..];
            var calls = thisWeek.Where(i => string.Equals(i.ApiKey, key, StringComparison.Ordinal) && i.Env is not null && !IsProd(i.Env)).ToList();
            var days = group.Select(a => a.At).Distinct().Count();
            var envs = calls.Select(i => i.Env!.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
            var top = calls.Where(i => i.Person is not null).GroupBy(i => i.Person!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Sum(i => i.Requests)).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
            var driver = top is null ? group.Select(a => a.Driver).FirstOrDefault(d => d is not null)
                : string.Create(CultureInfo.InvariantCulture, $"person {top.Key} ({top.Sum(i => i.Requests):#,0} calls)");
            result.Add(new ProductionMisuse(key, (long)group.Sum(a => a.Observed), calls.Sum(i => i.Amount ?? 0m), envs, days, group.Min(a => a.Since), driver));
        }

        _ = alerts;
        return [.. result.OrderByDescending(m => m.Requests).ThenBy(m => m.Key, StringComparer.Ordinal)];
    }

    private static bool IsProd(string env) => env.Equals("prod", StringComparison.OrdinalIgnoreCase) || env.Equals("production", StringComparison.OrdinalIgnoreCase);
}
