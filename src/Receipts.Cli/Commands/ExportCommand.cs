using System.CommandLine;

namespace Receipts.Cli.Commands;

/// <summary><c>receipts export &lt;format&gt;</c>: one subcommand per format, each in its own file.</summary>
internal static class ExportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("export", "Write Receipts' data in a standard format for other tools");
        command.Subcommands.Add(Export.ExportFocusCommand.Create(environment));
        return command;
    }
}
