using System.CommandLine;

namespace Receipts.Cli.Commands.Attribute;

/// <summary><c>receipts attribute …</c>: correct where spend was attributed, and keep the results for BI tools.</summary>
internal static class AttributeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "attribute",
            """
            Attribution: correct where spend was placed, or run it and keep the results as SQL views.

            Examples:
              receipts attribute fix --session ID --project pay-api --reason "spike for PAY-12"
              receipts attribute run
            """);
        command.Subcommands.Add(AttributeFixCommand.Create(environment));
        command.Subcommands.Add(AttributeRunCommand.Create(environment));
        return command;
    }
}
