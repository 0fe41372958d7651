using Receipts.Domain.Pricing;

namespace Receipts.Domain.Storage;

/// <summary>A stored, imported price and when it was imported (UTC).</summary>
public sealed record ImportedPrice(ModelPrice Price, DateTimeOffset ImportedAt);
