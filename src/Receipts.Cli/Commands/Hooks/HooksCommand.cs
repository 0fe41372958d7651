using System.CommandLine;

namespace Receipts.Cli.Commands.Hooks;

/// <summary><c>receipts hooks</c>: set up the Claude Code hooks.</summary>
internal static class HooksCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("hooks", "Set up the Claude Code hooks that report usage to a Receipts server");
        command.Subcommands.Add(HooksInstallCommand.Create(environment));
        return command;
    }
}
