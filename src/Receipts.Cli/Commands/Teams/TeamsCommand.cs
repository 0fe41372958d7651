using System.CommandLine;

namespace Receipts.Cli.Commands.Teams;

/// <summary><c>receipts teams …</c>: the teams of the directory and their settings.</summary>
internal static class TeamsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "teams",
            """
            Teams and their settings. Teams and projects are defined in receipts.yaml:
              teams:
                payments: { window_days: 14 }
              projects:
                payments-api: { team: payments, repos: [github.com/acme/payments] }
            """);
        command.Subcommands.Add(TeamsWindowCommand.Create(environment));
        return command;
    }
}
