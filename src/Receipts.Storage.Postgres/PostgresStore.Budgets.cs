using System.Globalization;
using NpgsqlTypes;
using Receipts.Domain.Budgets;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore : IBudgetStore
{
    public async Task SetBudgetAsync(Budget budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budget);
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO budgets (scope, name, amount, period, thresholds) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (scope, name) DO UPDATE SET amount = excluded.amount, period = excluded.period, thresholds = excluded.thresholds
            """);
        command.Parameters.Add(Param(Budget.ScopeName(budget.Scope), NpgsqlDbType.Text));
        command.Parameters.Add(Param(budget.Name, NpgsqlDbType.Text));
        command.Parameters.Add(Param(budget.Amount, NpgsqlDbType.Numeric));
        command.Parameters.Add(Param(budget.Period.ToString().ToLowerInvariant(), NpgsqlDbType.Text));
        command.Parameters.Add(Param(string.Join(',', budget.Thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture))), NpgsqlDbType.Text));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveBudgetAsync(BudgetScope scope, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var command = _dataSource.CreateCommand("DELETE FROM budgets WHERE scope = $1 AND name = $2");
        command.Parameters.Add(Param(Budget.ScopeName(scope), NpgsqlDbType.Text));
        command.Parameters.Add(Param(name, NpgsqlDbType.Text));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<Budget>> ListBudgetsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT scope, name, amount, period, thresholds FROM budgets ORDER BY scope COLLATE \"C\", name COLLATE \"C\"");
        var budgets = new List<Budget>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            budgets.Add(new Budget
            {
                Scope = Enum.Parse<BudgetScope>(reader.GetString(0), ignoreCase: true),
                Name = reader.GetString(1),
                Amount = reader.GetDecimal(2),
                Period = Enum.Parse<BudgetPeriod>(reader.GetString(3), ignoreCase: true),
                Thresholds = [.. reader.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => decimal.Parse(t, CultureInfo.InvariantCulture))],
                Origin = "cli",
            });
        }

        return budgets;
    }
}
