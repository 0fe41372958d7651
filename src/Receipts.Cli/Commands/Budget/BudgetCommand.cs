using System.CommandLine;

namespace Receipts.Cli.Commands.Budget;

/// <summary><c>receipts budget set|list|remove</c>.</summary>
internal static class BudgetCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "budget",
            """
            Monthly or quarterly spend budgets per team, project, API key or person. Budgets are soft: they alert
            at 50%, 80% and 100% and when the period is forecast to exceed them, once each per period; they never
            block anything. Set them in receipts.yaml (budgets:) or here; a budget set here replaces the file's
            budget for the same team, project, key or person.
            """);
        command.Subcommands.Add(BudgetSetCommand.Create(environment));
        command.Subcommands.Add(BudgetListCommand.Create(environment));
        command.Subcommands.Add(BudgetRemoveCommand.Create(environment));
        return command;
    }
}
