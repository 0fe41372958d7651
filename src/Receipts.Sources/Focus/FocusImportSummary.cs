namespace Receipts.Sources.Focus;

/// <summary>What a FOCUS import read: rows, the charge periods covered, money per currency and charge category.</summary>
public sealed class FocusImportSummary
{
    private readonly Dictionary<string, decimal> _amounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _categories = new(StringComparer.Ordinal);
    private readonly List<(string File, string Version, long Rows)> _files = [];

    public long Rows { get; private set; }

    public DateTimeOffset? From { get; private set; }

    public DateTimeOffset? Until { get; private set; }

    /// <summary>Sum of <c>BilledCost</c> per currency.</summary>
    public IReadOnlyDictionary<string, decimal> Amounts => _amounts;

    /// <summary>Rows per <c>ChargeCategory</c>.</summary>
    public IReadOnlyDictionary<string, long> Categories => _categories;

    /// <summary>Each file with the FOCUS version its header looks like and its rows.</summary>
    public IReadOnlyList<(string File, string Version, long Rows)> Files => _files;

    /// <summary>Stored lines of the same billing periods that this import replaced.</summary>
    public long Replaced { get; internal set; }

    internal void AddFile(string file, string version, long rows) => _files.Add((file, version, rows));

    internal void Add(Receipts.Domain.Billing.BillingLine line)
    {
        Rows++;
        _amounts[line.Currency] = (_amounts.TryGetValue(line.Currency, out var sum) ? sum : 0m) + (line.Amount ?? 0m);
        _categories[line.ChargeCategory] = (_categories.TryGetValue(line.ChargeCategory, out var n) ? n : 0) + 1;
        if (From is null || line.PeriodStart < From)
        {
            From = line.PeriodStart;
        }

        if (Until is null || line.PeriodEnd > Until)
        {
            Until = line.PeriodEnd;
        }
    }
}
