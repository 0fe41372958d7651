using System.CommandLine;

namespace Receipts.Cli.Commands.Attribute;

/// <summary><c>receipts attribute …</c>: run attribution and keep its results for BI tools.</summary>
internal static class AttributeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "attribute",
            """
            Attribution: place spend in projects and teams, and keep the results.

            Examples:
              receipts attribute run
            """);
        command.Subcommands.Add(AttributeRunCommand.Create(environment));
        return command;
    }
}
