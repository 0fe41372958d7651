using Receipts.Domain.Alerts;
using Receipts.Domain.Budgets;

namespace Receipts.Cli.Commands.Alerts;

/// <summary>What a check found (<see cref="Found"/>), what was new (<see cref="Raised"/>) and how delivery went.</summary>
internal sealed record AlertCheckResult(
    int Items,
    IReadOnlyList<BudgetStatus> Budgets,
    IReadOnlyList<Alert> Found,
    IReadOnlyList<Alert> Raised,
    IReadOnlyList<AlertDelivery> Deliveries);
