using System.CommandLine;

namespace Receipts.Cli.Commands.Budget;

/// <summary><c>receipts budget remove --team T</c>: removes a budget set with <c>budget set</c>.</summary>
internal static class BudgetRemoveCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var command = new Command(
            "remove",
            """
            Remove a budget set with `receipts budget set` (a budget of receipts.yaml is removed by editing the file).

            Examples:
              receipts budget remove --team payments
            """);
        var scope = BudgetScopeOptions.AddTo(command);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var (kind, name) = scope.Resolve(parseResult);
            await using var store = await context.OpenStoreAsync(cancellationToken);
            var label = $"{Domain.Budgets.Budget.ScopeName(kind)} {name}";
            if (!await store.RemoveBudgetAsync(kind, name, cancellationToken))
            {
                throw new UserException($"No budget for {label} was set with receipts budget set.", "See the budgets with: receipts budget list");
            }

            await environment.Out.WriteLineAsync($"Removed the budget for {label}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
