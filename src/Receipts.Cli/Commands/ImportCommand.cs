using System.CommandLine;

namespace Receipts.Cli.Commands;

/// <summary><c>receipts import &lt;source&gt;</c>: one subcommand per source, each in its own file.</summary>
internal static class ImportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("import", "Read usage, billing or outcomes from a source into the store");
        _ = environment;
        command.Subcommands.Add(Import.ImportFocusCommand.Create(environment));
        command.Subcommands.Add(Import.ImportAnthropicCommand.Create(environment));
        command.Subcommands.Add(Import.ImportOpenAiCommand.Create(environment));
        command.Subcommands.Add(Import.ImportSeatsCommand.Create(environment));
        command.Subcommands.Add(Import.ImportBedrockLogsCommand.Create(environment));
        return command;
    }
}
