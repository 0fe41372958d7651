using System.CommandLine;
using Receipts.Domain.Budgets;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Reports.Rendering;
using Receipts.Domain.Reports.Weekly;

namespace Receipts.Cli.Commands.Report;

/// <summary><c>receipts report weekly</c>: the Monday summary of one ISO week.</summary>
internal static class ReportWeeklyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var week = new Option<string?>("--week") { Description = "The ISO week, e.g. 2026-W47 (default: the last complete week in the directory's zone)" };
        var tz = new Option<string?>("--tz") { Description = "IANA zone for weeks and days (default: timezone: in receipts.yaml, else the machine's)" };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "weekly",
            """
            The weekly report: spend by team against the prior week, the top five projects and workflows,
            workflows whose cost per call rose significantly (one-sided Mann–Whitney U on daily cost per
            call against the 28 days before), dev/test traffic on production keys, anomalies, budgets with
            their forecasts, CPVO and verified share over eight weeks, attribution coverage and the cordon.
            Taken as of the end of the week; its numbers are those of `report cpvo --trend` and
            `report usage --by week` for the same week. `receipts serve` can send it on a schedule
            (docs/alerts.md).

            Examples:
              receipts report weekly
              receipts report weekly --week 2026-W47 --format html --out weekly.html
              receipts report weekly --format json | jq .teams
            """)
        {
            week, tz, config,
        };
        var format = ReportFormatOption.AddTo(command);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var file = await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken);
            var directory = new DirectoryView(file);
            var zone = ReportZone.Resolve(context.Get(tz), directory, environment);
            var isoWeek = ParseWeek(context.Get(week), environment.Time.GetUtcNow(), zone);
            if (isoWeek.StartIn(zone) > environment.Time.GetUtcNow())
            {
                throw new UserException($"{isoWeek} has not started yet.", "Pick a past week, or leave --week out for the last complete one.");
            }

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var budgets = await BudgetsInForce.LoadAsync(file.Budgets, store, cancellationToken);
            var report = await WeeklyReportService.RunAsync(store, directory, new WeeklyReportService.Request(isoWeek, zone, budgets), cancellationToken);
            await format.WriteAsync(parseResult, environment, WeeklyDocument.Render(report, format.Resolve(parseResult)), cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static IsoWeek ParseWeek(string? text, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return WeeklyReportService.LastComplete(now, zone);
        }

        try
        {
            return IsoWeek.Parse(text.Trim().ToUpperInvariant());
        }
        catch (FormatException e)
        {
            throw new UserException($"--week '{text}' is not an ISO week.", "Write it like 2026-W47.", e);
        }
    }
}
