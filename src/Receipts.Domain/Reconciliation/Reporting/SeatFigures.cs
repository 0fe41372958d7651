namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>
/// Subscription seats charged in the period: their cost (billed: a seat is paid whatever its use), the part
/// spread over projects by their person's list-priced usage, and how many seat-months had no usage.
/// </summary>
public sealed record SeatFigures(decimal Billed, decimal Attributed, int IdleSeatMonths)
{
    public decimal Unattributed => Billed - Attributed;
}
