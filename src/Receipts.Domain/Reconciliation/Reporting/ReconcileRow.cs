namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>One group of the reconcile report (a provider, key, day or model) with its figures and status.</summary>
/// <param name="Group">The group's label (<c>anthropic</c>, <c>anthropic apikey:payments-prod</c>, <c>2026-11-03</c>…).</param>
public sealed record ReconcileRow(string Group, ReconcileFigures Figures, ReconcileStatus Status);
