namespace Receipts.Domain.Reconciliation;

public enum AllocationBasis
{
    /// <summary>A share of a billed cell: real dollars.</summary>
    Billed = 0,

    /// <summary>No billing covers the cell: the list-price estimate stands.</summary>
    Estimated = 1,
}
