using Receipts.Domain.Usage;

namespace Receipts.Sources.Focus;

/// <summary>What one usage record contributes to the export: its reconciled dollars, their basis and where they went.</summary>
/// <param name="Amount">Dollars (a billed share or the estimate); null when unknown.</param>
public sealed record FocusSpend(decimal? Amount, CostBasis Basis, FocusAttribution Attribution);
