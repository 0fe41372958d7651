namespace Receipts.Domain.Attribution;

/// <summary>A project one rule points at, with that rule's confidence.</summary>
public sealed record AttributionCandidate(string Project, AttributionMethod Method, decimal Confidence);
