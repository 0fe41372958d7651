using System.CommandLine;

namespace Receipts.Cli.Commands.Attribute;

/// <summary><c>receipts attribute …</c>: fix where spend was attributed.</summary>
internal static class AttributeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command("attribute", "Correct or recompute where spend is attributed");
        command.Subcommands.Add(AttributeFixCommand.Create(environment));
        return command;
    }
}
