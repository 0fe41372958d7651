using Receipts.Domain.Billing;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Billing;

/// <summary>What one API billing import fetched and wrote.</summary>
public sealed class BillingImportSummary
{
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _billed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _estimated = new(StringComparer.Ordinal);

    public required string Source { get; init; }

    /// <summary>The window fetched: [From, Until), UTC days.</summary>
    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset Until { get; init; }

    /// <summary>Lines per dataset (<c>cost_report</c>, <c>usage_report</c>, …).</summary>
    public IReadOnlyDictionary<string, long> Rows => _rows;

    public long TotalRows => _rows.Values.Sum();

    /// <summary>Billed money per currency (cost reports).</summary>
    public IReadOnlyDictionary<string, decimal> Billed => _billed;

    /// <summary>The provider's own estimates per currency (Claude Code analytics).</summary>
    public IReadOnlyDictionary<string, decimal> Estimated => _estimated;

    public int Identities { get; internal set; }

    public long Replaced { get; internal set; }

    public int Requests { get; internal set; }

    /// <summary>Rows the API returned outside the window asked for; left out.</summary>
    public int OutsideWindow { get; internal set; }

    internal void Add(BillingLine line)
    {
        _rows[line.Dataset] = (_rows.TryGetValue(line.Dataset, out var n) ? n : 0) + 1;
        if (line.Amount is not { } amount)
        {
            return;
        }

        var sums = line.Basis == CostBasis.Billed ? _billed : _estimated;
        sums[line.Currency] = (sums.TryGetValue(line.Currency, out var sum) ? sum : 0m) + amount;
    }
}
