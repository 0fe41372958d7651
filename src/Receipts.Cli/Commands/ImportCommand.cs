using System.CommandLine;
using Receipts.Cli.Commands.Import;

namespace Receipts.Cli.Commands;

/// <summary><c>receipts import &lt;source&gt;</c>: one subcommand per source, each in its own file.</summary>
internal static class ImportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("import", "Read usage, billing or outcomes from a source into the store");
        command.Subcommands.Add(ImportClaudeCodeCommand.Create(environment));
        command.Subcommands.Add(ImportCodexCommand.Create(environment));
        command.Subcommands.Add(ImportGitHubCommand.Create(environment));
        command.Subcommands.Add(ImportGitLabCommand.Create(environment));
        command.Subcommands.Add(ImportJiraCommand.Create(environment));
        command.Subcommands.Add(ImportLinearCommand.Create(environment));
        command.Subcommands.Add(ImportAsanaCommand.Create(environment));
        command.Subcommands.Add(ImportGitCommand.Create(environment));
        command.Subcommands.Add(ImportFocusCommand.Create(environment));
        command.Subcommands.Add(ImportAnthropicCommand.Create(environment));
        command.Subcommands.Add(ImportOpenAiCommand.Create(environment));
        command.Subcommands.Add(ImportSeatsCommand.Create(environment));
        command.Subcommands.Add(ImportBedrockLogsCommand.Create(environment));
        command.Subcommands.Add(ImportCursorCommand.Create(environment));
        command.Subcommands.Add(ImportCopilotCommand.Create(environment));
        command.Subcommands.Add(ImportLiteLlmCommand.Create(environment));
        command.Subcommands.Add(ImportHeliconeCommand.Create(environment));
        command.Subcommands.Add(ImportPortkeyCommand.Create(environment));
        command.Subcommands.Add(ImportOpenRouterCommand.Create(environment));
        command.Subcommands.Add(ImportLangSmithCommand.Create(environment));
        command.Subcommands.Add(ImportCloudflareCommand.Create(environment));
        return command;
    }
}
