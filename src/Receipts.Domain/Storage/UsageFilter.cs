namespace Receipts.Domain.Storage;

/// <summary>Which usage records to read back. Bounds are UTC instants; <c>Until</c> is exclusive.</summary>
public sealed record UsageFilter
{
    public static UsageFilter All { get; } = new();

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Only these source kinds; empty means all.</summary>
    public IReadOnlyList<string> SourceKinds { get; init; } = [];
}
