namespace Receipts.Cli.Commands.Import;

/// <summary>The end-of-import summary every billing importer prints: rows, period covered, money, errors.</summary>
internal sealed record BillingSummary
{
    public required string Source { get; init; }

    public long Rows { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Billed or estimated money per currency.</summary>
    public IReadOnlyDictionary<string, decimal> Amounts { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Stored lines of the same periods that were replaced.</summary>
    public long Replaced { get; init; }

    public int Identities { get; init; }

    public int Errors { get; init; }

    public IReadOnlyList<string> Details { get; init; } = [];
}
