namespace Receipts.Domain.Reconciliation;

/// <summary>What the provider invoiced for one cell, summed over its billing lines.</summary>
public sealed record BilledAmount(Cell Cell, decimal Amount);
