namespace Receipts.Domain.Reconciliation;

/// <summary>A seat's month placed on a project (null project: the seat was idle, or its usage unattributed).</summary>
public sealed record SeatAllocation(SeatCost Seat, int Year, int Month, string? Project, decimal Amount, bool Idle);
