using Receipts.Domain.Attribution;

namespace Receipts.Domain.Pipeline;

/// <summary>Dollars and records placed by one rule.</summary>
public sealed record CoverageRow(AttributionMethod Method, decimal Confidence, decimal Amount, long Records);
