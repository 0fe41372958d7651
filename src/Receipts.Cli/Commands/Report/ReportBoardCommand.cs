using System.CommandLine;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Reports.Board;
using Receipts.Domain.Reports.Rendering;

namespace Receipts.Cli.Commands.Report;

/// <summary><c>receipts report board</c>: the one-page quarter summary.</summary>
internal static class ReportBoardCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var quarter = new Option<string?>("--quarter") { Description = "The quarter, e.g. 2026-Q4 (default: the current one, to date)" };
        var tz = new Option<string?>("--tz") { Description = "IANA zone for weeks (default: timezone: in receipts.yaml, else the machine's)" };
        var config = ConfigLocation.CreateOption();
        var command = new Command(
            "board",
            """
            The board summary, one page: per team, spend, verified outcomes, verified share and CPVO this
            quarter against the last, and the verdict (paying off: CPVO falling with the verified share
            holding); the cordon's share and attribution coverage. Quarters are counted in ISO weeks
            (a week belongs to the quarter of its Thursday), as `report cpvo --trend` counts them.

            Examples:
              receipts report board --quarter 2026-Q4
              receipts report board --quarter 2026-Q3 --format html --out board.html
              receipts report board --format json
            """)
        {
            quarter, tz, config,
        };
        var format = ReportFormatOption.AddTo(command);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var directory = new DirectoryView(await ConfigLocation.LoadAsync(context.Get(config), environment, cancellationToken));
            var zone = ReportZone.Resolve(context.Get(tz), directory, environment);
            var now = environment.Time.GetUtcNow();
            Quarter chosen;
            try
            {
                chosen = context.Get(quarter) is { Length: > 0 } text ? Quarter.Parse(text) : Quarter.Of(IsoWeek.Of(now, zone));
            }
            catch (FormatException e)
            {
                throw new UserException($"--quarter '{context.Get(quarter)}' is not a quarter.", "Write it like 2026-Q4.", e);
            }

            if (chosen.FirstWeek.StartIn(zone) > now)
            {
                throw new UserException($"{chosen} has not started yet.", "Pick the current or a past quarter.");
            }

            await using var store = await context.OpenStoreAsync(cancellationToken);
            var report = await BoardReportService.RunAsync(store, directory, new BoardReportService.Request(chosen, zone, now), cancellationToken);
            await format.WriteAsync(parseResult, environment, BoardDocument.Render(report, format.Resolve(parseResult)), cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
