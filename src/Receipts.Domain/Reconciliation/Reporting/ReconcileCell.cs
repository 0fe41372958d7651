namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>One reconciliation cell as the report lists it: unobserved bills and unbilled observations, biggest first.</summary>
/// <param name="Key">The identity's label: its alias when the billing directory names it, else its id.</param>
public sealed record ReconcileCell(Cell Cell, string Key, decimal? Billed, decimal Observed, int Records);
