namespace Receipts.Sources.Sync;

/// <summary>What one source of a sync run did: rows, the period they cover, money, traffic — or the error that stopped it.</summary>
public sealed record SyncSourceResult
{
    public required string Name { get; init; }

    public required string Kind { get; init; }

    public long Rows { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Money per "<c>USD billed</c>" / "<c>USD estimated</c>".</summary>
    public IReadOnlyDictionary<string, decimal> Amounts { get; init; } = new Dictionary<string, decimal>();

    /// <summary>HTTP requests (or queries) made, when the source counts them.</summary>
    public int? Requests { get; init; }

    /// <summary>Why the source failed; null when it succeeded. Nothing of a failed source was written.</summary>
    public string? Error { get; init; }

    public string? Hint { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    public TimeSpan Elapsed { get; init; }

    public bool Succeeded => Error is null;
}
