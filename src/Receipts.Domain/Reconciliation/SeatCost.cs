namespace Receipts.Domain.Reconciliation;

/// <summary>A subscription seat (Claude Max, Copilot, Cursor…) as reconciliation spreads it.</summary>
/// <param name="Person">The person the seat belongs to (directory name).</param>
/// <param name="MonthlyCost">Dollars per month.</param>
/// <param name="From">First day the seat is paid for.</param>
/// <param name="To">Last day the seat is paid for; null: still active.</param>
public sealed record SeatCost(string Tool, string Person, decimal MonthlyCost, DateOnly From, DateOnly? To);
