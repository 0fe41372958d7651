using Receipts.Domain.Billing;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Gateways;

/// <summary>
/// What one import of a gateway or tool API fetched and wrote: rows by kind, the period the rows cover,
/// money per currency and basis, and the traffic it took. The same shape for every source, so
/// <c>receipts sync</c> can add them up.
/// </summary>
public sealed class SourceImportSummary
{
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _amounts = new(StringComparer.Ordinal);

    public required string Source { get; init; }

    /// <summary>Earliest instant of the rows written (or the window asked for when there were none).</summary>
    public DateTimeOffset? From { get; private set; }

    /// <summary>Latest instant of the rows written.</summary>
    public DateTimeOffset? Until { get; private set; }

    /// <summary>Rows per kind (<c>usage</c>, <c>spend</c>, <c>seats</c>, …).</summary>
    public IReadOnlyDictionary<string, long> Rows => _rows;

    public long TotalRows => _rows.Values.Sum();

    /// <summary>Money per "<c>USD billed</c>" / "<c>USD estimated</c>".</summary>
    public IReadOnlyDictionary<string, decimal> Amounts => _amounts;

    /// <summary>HTTP requests made (each once, however many retries it took), or queries run.</summary>
    public int Requests { get; set; }

    public int Identities { get; set; }

    /// <summary>Rows read but not stored, and why (one entry per reason with its count).</summary>
    public List<string> Notes { get; } = [];

    public void Add(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Count("usage", record.At, record.At);
        if (record.Cost is { } cost)
        {
            AddMoney(record.Currency, record.CostBasis, cost);
        }
    }

    public void Add(BillingLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Count(line.Dataset, line.PeriodStart, line.PeriodEnd);
        if (line.Amount is { } amount)
        {
            AddMoney(line.Currency, line.Basis, amount);
        }
    }

    public void AddSeat(Seat seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        _rows["seats"] = _rows.GetValueOrDefault("seats") + 1;
    }

    /// <summary>Widens the covered period to at least the window asked for.</summary>
    public void Cover(DateTimeOffset from, DateTimeOffset until)
    {
        From = From is { } f && f < from ? f : from;
        Until = Until is { } u && u > until ? u : until;
    }

    private void Count(string kind, DateTimeOffset from, DateTimeOffset until)
    {
        _rows[kind] = _rows.GetValueOrDefault(kind) + 1;
        Cover(from, until);
    }

    private void AddMoney(string currency, CostBasis basis, decimal amount)
    {
        var key = $"{currency} {(basis == CostBasis.Billed ? "billed" : "estimated")}";
        _amounts[key] = _amounts.GetValueOrDefault(key) + amount;
    }
}
