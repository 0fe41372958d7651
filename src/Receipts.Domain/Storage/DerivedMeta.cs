namespace Receipts.Domain.Storage;

/// <summary>When the derived tables were computed, for which period, in which reporting zone.</summary>
public sealed record DerivedMeta(DateTimeOffset ComputedAt, string Zone, DateTimeOffset AsOf, DateTimeOffset Since, long SpendRows, long ChangeRows);
