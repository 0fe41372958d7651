using Receipts.Domain.Storage;

namespace Receipts.Domain.Billing;

/// <summary>
/// One atomic billing write: the scopes it fully describes, the lines inside them, the identity directory
/// entries seen and the cursors reached. Lines may be streamed; if enumerating them throws, nothing is written.
/// </summary>
public sealed record BillingWrite
{
    /// <summary>Sets replaced by this write. Every line must fall in one of them.</summary>
    public IReadOnlyCollection<BillingScope> Scopes { get; init; } = [];

    /// <summary>
    /// When true, every (source, dataset) pair found among the lines is replaced whole, as if it were listed
    /// in <see cref="Scopes"/> without bounds (FOCUS files, whose datasets are discovered while reading).
    /// </summary>
    public bool ReplaceDatasetsSeen { get; init; }

    public IAsyncEnumerable<BillingLine> Lines { get; init; } = AsyncEnumerable.Empty<BillingLine>();

    /// <summary>Upserted by (source, kind, id).</summary>
    public IReadOnlyCollection<BillingIdentity> Identities { get; init; } = [];

    public IReadOnlyCollection<SourceCursor> Cursors { get; init; } = [];
}
