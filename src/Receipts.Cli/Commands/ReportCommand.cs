using System.CommandLine;

namespace Receipts.Cli.Commands;

/// <summary><c>receipts report &lt;kind&gt;</c>: one subcommand per report, each in its own file.</summary>
internal static class ReportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("report", "Print a report: a table on a terminal, --json or --csv for scripts");
        _ = environment;
        command.Subcommands.Add(Report.ReportUsageCommand.Create(environment));
        command.Subcommands.Add(Report.ReportChangesCommand.Create(environment));
        command.Subcommands.Add(Report.ReportCpvoCommand.Create(environment));
        command.Subcommands.Add(Report.ReportAttributionCommand.Create(environment));
        command.Subcommands.Add(Report.ReportCostPerCommand.Create(environment));
        command.Subcommands.Add(Report.ReportWeeklyCommand.Create(environment));
        command.Subcommands.Add(Report.ReportBoardCommand.Create(environment));
        command.Subcommands.Add(Report.ReportReconcileCommand.Create(environment));
        return command;
    }
}
