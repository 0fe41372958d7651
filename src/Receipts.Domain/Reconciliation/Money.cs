namespace Receipts.Domain.Reconciliation;

/// <summary>Cent arithmetic for reconciliation.</summary>
public static class Money
{
    /// <summary>
    /// Whole cents of a dollar amount. Billing sources report fractions of a cent (Anthropic's cost
    /// report is in decimal cents); the invoice is settled in cents, so a cell is rounded once,
    /// half away from zero, before it is split.
    /// </summary>
    public static long ToCents(decimal dollars) => (long)decimal.Round(dollars * 100m, 0, MidpointRounding.AwayFromZero);
}
