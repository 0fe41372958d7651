namespace Receipts.Domain.Storage;

/// <summary>What a price import wrote: model keys seen for the first time, and keys whose earlier import it replaced.</summary>
public sealed record PriceWriteResult(int Added, int Updated);
