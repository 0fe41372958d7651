using System.Globalization;
using Receipts.Domain.Budgets;
using Receipts.Domain.Reports.Weekly;

namespace Receipts.Domain.Reports.Rendering;

/// <summary>Lays out a <see cref="WeeklyReport"/> for Markdown and HTML.</summary>
public static class WeeklyDocument
{
    public static string Render(WeeklyReport report, ReportFormat format) => format switch
    {
        ReportFormat.Markdown => MarkdownWriter.Write(Build(report)),
        ReportFormat.Html => HtmlWriter.Write(Build(report)),
        ReportFormat.Json => WeeklyJson.Write(report),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The email subject or chat title: <c>Receipts weekly 2026-W47: $12,340.00 (+8%)</c>.</summary>
    public static string Title(WeeklyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"Receipts weekly {report.Week}: {Show.Money(report.TotalSpend)} ({Show.Change(report.TotalSpend, report.PreviousTotalSpend)} on last week)";
    }

    public static ReportDocument Build(WeeklyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var recent = report.LatestSettled;
        var figures = new List<KeyFigure>
        {
            new("Spend", Show.Money(report.TotalSpend), $"{Show.Change(report.TotalSpend, report.PreviousTotalSpend)} on last week's {Show.Money(report.PreviousTotalSpend)}"),
            new("CPVO", Show.Money(recent?.Cpvo), recent is null ? "no verified outcome yet" : $"{recent.Week}, latest settled week, {recent.Verified} verified"),
            new("Verified share", Show.Percent(recent?.VerifiedShare), recent is null ? null : $"{recent.Week}, {recent.Verified} of {recent.Attempted}"),
            new("Attributed", Show.Percent(report.Coverage), "of this week's dollars"),
        };
        var sections = new List<ReportSection>
        {
            new("Spend by team", [TeamTable(report)]),
            new("Top projects", report.TopProjects.Count == 0 ? [new ReportBlock.Paragraph("No spend was placed in a project this week.")] : [CostTable("Project", report.TopProjects, withTeam: true)]),
            new("Top workflows", report.TopWorkflows.Count == 0 ? [new ReportBlock.Paragraph("No spend carried a workflow tag this week.")] : [CostTable("Workflow", report.TopWorkflows, withTeam: false)]),
            new("Cost per call rising", CostPerCall(report)),
            new("Dev/test traffic on production keys", Misuse(report)),
            new("Anomalies", report.Anomalies.Count == 0
                ? [new ReportBlock.Paragraph("None: no spike, drift, cost-per-call jump or runaway hour this week.")]
                : [new ReportBlock.Bullets([.. report.Anomalies.Select(a => $"{Show.Kind(a.Kind)}: {a.Subject}: {a.Description}" + (a.Driver is null ? "." : $"; likely driver: {a.Driver}."))])]),
            new("Budgets", Budgets(report)),
            new("CPVO and verified share", Trend(report)),
            new("Attribution and cordon", Attribution(report)),
        };
        if (report.Usage is { } usage)
        {
            sections.Add(new("Usage", [new ReportBlock.Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"{Show.Count(usage.Tokens.Total)} tokens ({Show.Count(usage.Tokens.Input)} input, {Show.Count(usage.Tokens.Output)} output, {Show.Count(usage.Tokens.CacheRead)} cache read, {Show.Count(usage.Tokens.CacheWrite)} cache write) over {Show.Count(usage.Requests)} requests; {Show.Money(usage.Cost)} at list prices{(usage.CostUnknown ? " plus unpriced models" : string.Empty)}. Spend above is billed where a bill covers it."))]));
        }

        return new ReportDocument(
            $"Receipts weekly report {report.Week}",
            $"{report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd} ({report.TimeZone}), amounts in {report.Currency}",
            figures,
            sections);
    }

    private static ReportBlock.Table TeamTable(WeeklyReport report)
    {
        var cpvo = report.TeamCpvo.ToDictionary(r => r.Group, StringComparer.Ordinal);
        var rows = report.Teams.Select(t =>
        {
            var row = cpvo.GetValueOrDefault(t.Team);
            return (IReadOnlyList<string>)[t.Team, Show.Money(t.Spend), Show.Money(t.PreviousSpend), Show.Change(t.Spend, t.PreviousSpend),
                (row?.Verified ?? 0).ToString(CultureInfo.InvariantCulture), (row?.Pending ?? 0).ToString(CultureInfo.InvariantCulture), Show.Money(row?.Cpvo)];
        }).ToList();
        rows.Add(["Total", Show.Money(report.TotalSpend), Show.Money(report.PreviousTotalSpend), Show.Change(report.TotalSpend, report.PreviousTotalSpend),
            report.TeamCpvo.Sum(r => r.Verified).ToString(CultureInfo.InvariantCulture), report.TeamCpvo.Sum(r => r.Pending).ToString(CultureInfo.InvariantCulture), string.Empty]);
        return new ReportBlock.Table(["Team", "This week", "Last week", "Change", "Verified", "Pending", "CPVO"], [false, true, true, true, true, true, true], rows);
    }

    private static ReportBlock.Table CostTable(string what, IReadOnlyList<CostLine> lines, bool withTeam)
    {
        var rows = lines.Select(l => (IReadOnlyList<string>)(withTeam
            ? [l.Name + (l.Cordoned ? " (cordoned)" : string.Empty), l.Team ?? "–", Show.Money(l.Spend), Show.Percent(l.Share), Show.Change(l.Spend, l.PreviousSpend)]
            : [l.Name, Show.Money(l.Spend), Show.Percent(l.Share), Show.Count(l.Requests), Show.Change(l.Spend, l.PreviousSpend)])).ToList();
        return withTeam
            ? new ReportBlock.Table([what, "Team", "Spend", "Share", "vs last week"], [false, false, true, true, true], rows)
            : new ReportBlock.Table([what, "Spend", "Share", "Calls", "vs last week"], [false, true, true, true, true], rows);
    }

    private static List<ReportBlock> CostPerCall(WeeklyReport report)
    {
        var blocks = new List<ReportBlock>
        {
            new ReportBlock.Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"Test: one-sided Mann–Whitney U on daily cost per call (days with enough calls), this week against the {28} days before; listed when p < {CostPerCallTest.Alpha} and the week's cost per call is at least {(CostPerCallTest.MinRise - 1m) * 100m:0}% higher.")),
        };
        blocks.Add(report.CostPerCallRises.Count == 0
            ? new ReportBlock.Paragraph("No workflow's cost per call rose significantly.")
            : new ReportBlock.Table(
                ["Workflow", "Before", "This week", "Change", "Calls", "p", "Likely driver"],
                [false, true, true, true, true, true, false],
                [.. report.CostPerCallRises.Select(r => (IReadOnlyList<string>)[r.Workflow, Show.PerCall(r.Before), Show.PerCall(r.Now), Show.Change(r.Now, r.Before), Show.Count(r.Calls), Show.P(r.PValue), r.Driver ?? "–"])]));
        return blocks;
    }

    private static List<ReportBlock> Misuse(WeeklyReport report) => report.ProductionMisuse.Count == 0
        ? [new ReportBlock.Paragraph("None seen.")]
        : [new ReportBlock.Table(
            ["Key", "Calls", "Spend", "Env", "Days", "First", "Driver"],
            [false, true, true, false, true, false, false],
            [.. report.ProductionMisuse.Select(m => (IReadOnlyList<string>)[m.Key, Show.Count(m.Requests), Show.Money(m.Spend), string.Join(", ", m.Envs), m.Days.ToString(CultureInfo.InvariantCulture), m.First.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture), m.Driver ?? "–"])])];

    private static List<ReportBlock> Budgets(WeeklyReport report) => report.Budgets.Count == 0
        ? [new ReportBlock.Paragraph("No budgets set (receipts.yaml budgets:, or `receipts budget set`).")]
        : [new ReportBlock.Table(
            ["Budget", "Period", "Spent", "Budget", "Used", "Forecast", "80% range", "State"],
            [false, false, true, true, true, true, true, false],
            [.. report.Budgets.Select(b => (IReadOnlyList<string>)[b.Budget.Label, Period(b), Show.Money(b.Forecast.Spent), Show.Money(b.Budget.Amount), Show.Percent(b.Used), Show.Money(b.Forecast.Expected), $"{Show.Money(b.Forecast.Low)}–{Show.Money(b.Forecast.High)}", b.State])])];

    private static string Period(BudgetStatus status) => string.Create(CultureInfo.InvariantCulture, $"{status.PeriodLabel} (day {status.Forecast.DaysElapsed}/{status.Forecast.DaysInPeriod})");

    private static List<ReportBlock> Trend(WeeklyReport report)
    {
        var blocks = new List<ReportBlock>
        {
            new ReportBlock.Paragraph("All teams, cordon left out. A change counts in the week it merged once its window has elapsed; recent weeks are mostly pending."),
            new ReportBlock.Table(
                ["Week", "Spend", "Attempted", "Verified", "Pending", "Verified share", "CPVO"],
                [false, true, true, true, true, true, true],
                [.. report.Trend.Select(t => (IReadOnlyList<string>)[t.Week, Show.Money(t.Spend), Show.Count(t.Attempted), Show.Count(t.Verified), Show.Count(t.Pending), Show.Percent(t.VerifiedShare), Show.Money(t.Cpvo)])]),
        };
        if (report.QuarterTrend.Count > 0)
        {
            blocks.Add(new ReportBlock.Bullets([.. report.QuarterTrend.Select(t =>
                $"{t.Group}: {t.PreviousQuarter} → {t.Quarter} to date: CPVO {Show.Money(t.PreviousCpvo)} → {Show.Money(t.Cpvo)}, verified share {Show.Percent(t.PreviousVerifiedShare)} → {Show.Percent(t.VerifiedShare)}: {Show.Verdict(t.Verdict)}")]));
        }

        return blocks;
    }

    private static List<ReportBlock> Attribution(WeeklyReport report)
    {
        var blocks = new List<ReportBlock>
        {
            new ReportBlock.Paragraph($"Attribution coverage: {Show.Percent1(report.Coverage)} of this week's dollars placed in a project; {report.Disagreements} open disagreements (`receipts report attribution`)."),
            new ReportBlock.Paragraph($"Cordoned (research/prototype) spend left out of CPVO: {Show.Money(report.CordonSpend)} ({Show.Percent(report.CordonShare)} of the week)."),
        };
        if (report.CordonWarning)
        {
            blocks.Add(new ReportBlock.Warning("the cordon holds a third or more of the spend."));
        }

        if (report.UnpricedModels.Count > 0)
        {
            blocks.Add(new ReportBlock.Warning($"no price for {string.Join(", ", report.UnpricedModels)}: their tokens count, their cost is unknown."));
        }

        return blocks;
    }
}
