using System.CommandLine;
using System.Globalization;
using Receipts.Cli.Output;
using Receipts.Domain.Budgets;

namespace Receipts.Cli.Commands.Budget;

/// <summary><c>receipts budget set --team T --monthly 500</c>.</summary>
internal static class BudgetSetCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var monthly = new Option<decimal?>("--monthly") { Description = "Dollars per calendar month" };
        var quarterly = new Option<decimal?>("--quarterly") { Description = "Dollars per calendar quarter (instead of --monthly)" };
        var thresholds = new Option<string?>("--thresholds") { Description = "Percentages that alert once per period (default 50,80,100)" };
        var command = new Command(
            "set",
            """
            Set (or replace) the budget of a team, project, API key or person.

            Examples:
              receipts budget set --team payments --monthly 5000
              receipts budget set --project search-api --quarterly 12000
              receipts budget set --key payments-prod --monthly 2000 --thresholds 80,100
              receipts budget set --person sarah --monthly 300
            """);
        var scope = BudgetScopeOptions.AddTo(command);
        command.Options.Add(monthly);
        command.Options.Add(quarterly);
        command.Options.Add(thresholds);
        command.SetAction(async (ParseResult parseResult, CancellationToken cancellationToken) =>
        {
            var context = new CommandContext(environment, parseResult);
            var (kind, name) = scope.Resolve(parseResult);
            var (m, q) = (context.Get(monthly), context.Get(quarterly));
            if (m.HasValue == q.HasValue)
            {
                throw new UserException("Give the amount as exactly one of --monthly or --quarterly.", "For example --monthly 500 (dollars).");
            }

            var amount = m ?? q!.Value;
            if (amount <= 0m)
            {
                throw new UserException($"A budget of {amount} makes no sense.", "Give a positive dollar amount; remove a budget with receipts budget remove.");
            }

            var budget = new Domain.Budgets.Budget
            {
                Scope = kind,
                Name = name,
                Amount = amount,
                Period = m.HasValue ? BudgetPeriod.Monthly : BudgetPeriod.Quarterly,
                Thresholds = ParseThresholds(context.Get(thresholds)),
                Origin = "cli",
            };
            await using var store = await context.OpenStoreAsync(cancellationToken);
            await store.SetBudgetAsync(budget, cancellationToken);
            var percents = string.Join(", ", budget.Thresholds.Select(t => (t * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%"));
            await environment.Out.WriteLineAsync(
                $"Budget for {budget.Label}: {Formats.Dollars(amount)} {budget.Period.ToString().ToLowerInvariant()}, alerts at {percents} and when forecast to exceed.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static IReadOnlyList<decimal> ParseThresholds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Domain.Budgets.Budget.DefaultThresholds;
        }

        var values = new List<decimal>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!decimal.TryParse(part.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var percent) || percent <= 0m || percent > 1000m)
            {
                throw new UserException($"--thresholds: '{part}' is not a percentage.", "Use percentages separated by commas, such as 50,80,100.");
            }

            values.Add(percent / 100m);
        }

        return [.. values.Distinct().Order()];
    }
}
