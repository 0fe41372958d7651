using Receipts.Domain.Reports.Board;

namespace Receipts.Domain.Reports.Rendering;

/// <summary>Lays out a <see cref="BoardReport"/> on one page, for Markdown and HTML.</summary>
public static class BoardDocument
{
    public static string Render(BoardReport report, ReportFormat format) => format switch
    {
        ReportFormat.Markdown => MarkdownWriter.Write(Build(report)),
        ReportFormat.Html => HtmlWriter.Write(Build(report)),
        ReportFormat.Json => BoardJson.Write(report),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static ReportDocument Build(BoardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = report.Total;
        var figures = new List<KeyFigure>
        {
            new("Spend", Show.Money(t.Spend), $"{Show.Change(t.Spend, t.PreviousSpend)} on {report.PreviousQuarter}"),
            new("Verified outcomes", t.Verified.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{t.PreviousVerified} in {report.PreviousQuarter}"),
            new("CPVO", Show.Money(t.Cpvo), $"{Show.Money(t.PreviousCpvo)} in {report.PreviousQuarter}"),
            new("Verified share", Show.Percent(t.VerifiedShare), $"{Show.Percent(t.PreviousVerifiedShare)} in {report.PreviousQuarter}"),
        };
        var rows = report.Teams.Append(t).Select(r => (IReadOnlyList<string>)[
            r.Team + (r.Band is null ? string.Empty : $" ({r.Band})"),
            Show.Money(r.Spend), Show.Change(r.Spend, r.PreviousSpend),
            $"{r.Verified} ({r.PreviousVerified})",
            $"{Show.Percent(r.VerifiedShare)} ({Show.Percent(r.PreviousVerifiedShare)})",
            $"{Show.Money(r.Cpvo)} ({Show.Money(r.PreviousCpvo)})",
            Show.Verdict(r.Verdict)]).ToList();
        var blocks = new List<ReportBlock>
        {
            new ReportBlock.Table(
                ["Team", "Spend", "vs last quarter", "Verified (last)", "Verified share (last)", "CPVO (last)", "Verdict"],
                [false, true, true, true, true, true, false],
                rows),
            new ReportBlock.Paragraph("Paying off: CPVO down more than 2% with the verified share holding (within 2 points). Not paying off: CPVO flat or up and the share sliding. Mixed: the two disagree. Not enough data: fewer than 3 verified outcomes in a quarter. Teams compare only inside their release-cadence band."),
            new ReportBlock.Paragraph($"Attribution coverage: {Show.Percent1(report.Coverage)} of the quarter's dollars placed in a project. Cordoned (research/prototype) spend left out of both sides: {Show.Money(report.CordonSpend)} ({Show.Percent(report.CordonShare)} of the quarter)."),
        };
        if (report.CordonWarning)
        {
            blocks.Add(new ReportBlock.Warning("the cordon holds a third or more of the spend."));
        }

        if (report.ToDate)
        {
            var done = BoardReportService.WeeksBetween(report.Quarter.FirstWeek, Metrics.IsoWeek.Parse(report.LastWeek));
            var all = BoardReportService.WeeksBetween(report.Quarter.FirstWeek, report.Quarter.LastWeek);
            blocks.Insert(0, new ReportBlock.Paragraph($"{report.Quarter} is running: {done} of its {all} weeks so far, against all of {report.PreviousQuarter}. Compare CPVO and verified share, not spend."));
        }

        return new ReportDocument(
            $"What AI spend bought: {report.Quarter}{(report.ToDate ? " to date" : string.Empty)}",
            $"ISO weeks {report.FirstWeek} to {report.LastWeek} against {report.PreviousQuarter} ({report.TimeZone}), amounts in {report.Currency}; a verified outcome is a merged change whose window elapsed with no revert, hotfix or reopened ticket",
            figures,
            [new ReportSection("By team", blocks)]);
    }
}
