using Receipts.Domain.Attribution;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Focus;

/// <summary>
/// The export's view of the spend pipeline: each record's reconciled dollars (its billed share where a bill covers
/// its cell, else its estimate) and its attribution (rule and confidence from the same rules and corrections the
/// pipeline ran), plus the dollars no record carries — billed cells nobody observed and seats — as cells of their own.
/// So the exported file sums to what the reports show, rule by rule.
/// </summary>
public sealed class LedgerSpend
{
    private readonly Dictionary<string, SpendItem> _items;
    private readonly SpendLedger _ledger;
    private readonly Attributor _attributor;

    public LedgerSpend(SpendLedger ledger, Attributor attributor)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(attributor);
        _ledger = ledger;
        _attributor = attributor;
        _items = new Dictionary<string, SpendItem>(ledger.Items.Count, StringComparer.Ordinal);
        foreach (var item in ledger.Items)
        {
            _items.TryAdd(item.RecordId, item);
        }
    }

    /// <summary>The rule's name as the reports print it.</summary>
    public static string RuleName(AttributionMethod method) => method switch
    {
        AttributionMethod.KeyAlias => "key-alias",
        AttributionMethod.PersonDefault => "person-default",
        _ => method.ToString().ToLowerInvariant(),
    };

    public FocusSpend Of(UsageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var placed = _attributor.Attribute(record);
        var attribution = new FocusAttribution(placed.Team, placed.Project, placed.Confidence) { Rule = RuleName(placed.Method) };
        if (!_items.TryGetValue(record.Id, out var item))
        {
            // Not in the period the pipeline ran for: the record's own cost, as the plain export writes it.
            return new FocusSpend(record.Cost, record.Cost is null ? CostBasis.Unknown : record.CostBasis, attribution with { Person = record.Person });
        }

        var basis = item.Amount is null ? CostBasis.Unknown : item.Billed ? CostBasis.Billed : CostBasis.Estimated;
        return new FocusSpend(item.Amount, basis, attribution with { Team = item.Team, Project = item.Project, Person = item.Person });
    }

    /// <summary>Billed cells with no observed record (to the identity's project or unattributed) and seats, one cell per item.</summary>
    public IEnumerable<UsageCell> Unrecorded()
    {
        foreach (var item in _ledger.Items)
        {
            var seat = item.RecordId.StartsWith("seat:", StringComparison.Ordinal);
            if (!seat && !item.RecordId.StartsWith("billing:", StringComparison.Ordinal))
            {
                continue;
            }

            var method = item.Project is null ? AttributionMethod.None : seat ? AttributionMethod.Seat : AttributionMethod.KeyAlias;
            yield return new UsageCell
            {
                Day = DateOnly.FromDateTime(item.At.UtcDateTime),
                Provider = item.Provider ?? item.Tool ?? "unknown",
                Model = item.Model,
                Tool = item.Tool,
                ApiKeyId = item.ApiKey,
                Cost = item.Amount ?? 0,
                Basis = CostBasis.Billed,
                Seat = seat,
                Attribution = new FocusAttribution(item.Team, item.Project, Attributor.ConfidenceOf(method)) { Person = item.Person, Rule = RuleName(method) },
            };
        }
    }
}
