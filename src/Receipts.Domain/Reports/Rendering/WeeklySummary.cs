using System.Text;
using Receipts.Domain.Reports.Weekly;

namespace Receipts.Domain.Reports.Rendering;

/// <summary>
/// The weekly report as a short chat message (Slack mrkdwn: <c>*bold*</c>, bullets): the headline numbers, the
/// teams, what needs a look. Kept well under Slack's 3,000 characters per section.
/// </summary>
public static class WeeklySummary
{
    public static string Write(WeeklyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var b = new StringBuilder();
        var recent = report.LatestSettled;
        b.Append("*Receipts weekly ").Append(report.Week.ToString()).Append("* (").Append(report.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Append(" to ").Append(report.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append(")\n");
        b.Append("Spend *").Append(Show.Money(report.TotalSpend)).Append("* (").Append(Show.Change(report.TotalSpend, report.PreviousTotalSpend)).Append(" on last week)");
        if (recent is not null)
        {
            b.Append(" · CPVO ").Append(Show.Money(recent.Cpvo)).Append(" and verified share ").Append(Show.Percent(recent.VerifiedShare)).Append(" (").Append(recent.Week).Append(')');
        }

        b.Append(" · attributed ").Append(Show.Percent(report.Coverage)).Append('\n');
        foreach (var team in report.Teams.Take(8))
        {
            b.Append("• ").Append(Escape(team.Team)).Append(": ").Append(Show.Money(team.Spend)).Append(" (").Append(Show.Change(team.Spend, team.PreviousSpend)).Append(")\n");
        }

        var flags = new List<string>();
        flags.AddRange(report.CostPerCallRises.Select(r => $"cost per call of {Escape(r.Workflow)} {Show.PerCall(r.Before)} → {Show.PerCall(r.Now)}"));
        flags.AddRange(report.ProductionMisuse.Select(m => $"{Show.Count(m.Requests)} dev/test calls on production key {Escape(m.Key)}"));
        flags.AddRange(report.Budgets.Where(s => s.State != "ok").Select(s => $"{Escape(s.Budget.Label)} {s.State}: {Show.Money(s.Forecast.Spent)} of {Show.Money(s.Budget.Amount)}, forecast {Show.Money(s.Forecast.Expected)}"));
        flags.AddRange(report.Anomalies.Take(5).Select(a => $"{Show.Kind(a.Kind)}: {Escape(a.Subject)}"));
        if (report.Anomalies.Count > 5)
        {
            flags.Add($"and {report.Anomalies.Count - 5} more anomalies");
        }

        if (flags.Count > 0)
        {
            b.Append("*Needs a look*\n");
            foreach (var flag in flags.Take(15))
            {
                b.Append("• ").Append(flag).Append('\n');
            }
        }

        return b.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
