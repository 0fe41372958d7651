namespace Receipts.Domain.Billing;

/// <summary>
/// A set of billing lines that one fetch fully describes: every stored line of <see cref="Source"/> and
/// <see cref="Dataset"/> whose charge period starts in [<see cref="Start"/>, <see cref="End"/>) is replaced
/// by the lines of the write. Re-fetching an overlapping period therefore replaces, never adds.
/// Null bounds are open: the whole dataset is replaced.
/// </summary>
public sealed record BillingScope(string Source, string Dataset, DateTimeOffset? Start = null, DateTimeOffset? End = null)
{
    public bool Covers(BillingLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Source == Source && line.Dataset == Dataset
            && (Start is null || line.PeriodStart >= Start)
            && (End is null || line.PeriodStart < End);
    }
}
