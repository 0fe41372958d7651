namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>How a row of the reconcile report stands against the drift tolerance.</summary>
public enum ReconcileStatus
{
    /// <summary>Billed and observed agree within the tolerance.</summary>
    Ok = 0,

    /// <summary>Billed and observed differ by more than the tolerance: unobserved usage or a stale price book.</summary>
    Drift = 1,

    /// <summary>Billed dollars with no observed usage at all: a source is missing (a key no importer sees).</summary>
    Unobserved = 2,

    /// <summary>Observed usage with no bill: billing not imported yet for it, or a provider with no billing source.</summary>
    Unbilled = 3,

    /// <summary>Nothing billed and nothing priced.</summary>
    Empty = 4,
}
