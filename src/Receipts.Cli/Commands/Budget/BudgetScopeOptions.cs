using System.CommandLine;
using Receipts.Domain.Budgets;

namespace Receipts.Cli.Commands.Budget;

/// <summary><c>--team</c>, <c>--project</c>, <c>--key</c>, <c>--person</c>: exactly one names what a budget covers.</summary>
internal sealed class BudgetScopeOptions
{
    private readonly Option<string?> _team = new("--team") { Description = "A team of receipts.yaml" };
    private readonly Option<string?> _project = new("--project") { Description = "A project of receipts.yaml" };
    private readonly Option<string?> _key = new("--key") { Description = "An API key alias (or id)" };
    private readonly Option<string?> _person = new("--person") { Description = "A person of receipts.yaml" };

    public static BudgetScopeOptions AddTo(Command command)
    {
        var options = new BudgetScopeOptions();
        command.Options.Add(options._team);
        command.Options.Add(options._project);
        command.Options.Add(options._key);
        command.Options.Add(options._person);
        return options;
    }

    public (BudgetScope Scope, string Name) Resolve(ParseResult parseResult)
    {
        var given = new (BudgetScope Scope, string? Name)[]
            {
                (BudgetScope.Team, parseResult.GetValue(_team)),
                (BudgetScope.Project, parseResult.GetValue(_project)),
                (BudgetScope.Key, parseResult.GetValue(_key)),
                (BudgetScope.Person, parseResult.GetValue(_person)),
            }
            .Where(g => !string.IsNullOrWhiteSpace(g.Name))
            .ToList();
        return given.Count == 1
            ? (given[0].Scope, given[0].Name!.Trim())
            : throw new UserException("Name exactly one of --team, --project, --key or --person.", "For example: receipts budget set --team payments --monthly 5000");
    }
}
