using Receipts.Domain.Usage;

namespace Receipts.Domain.Reports;

/// <summary>
/// One model's share of a report row. <see cref="Cost"/> sums the records that could be priced;
/// <see cref="CostUnknown"/> says some could not (the model has no price).
/// </summary>
public sealed record ModelUsage(string Model, TokenCounts Tokens, long WebSearchRequests, long Records, decimal Cost, bool CostUnknown);
