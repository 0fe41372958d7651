using Receipts.Domain.Metrics;

namespace Receipts.Domain.Reconciliation.Reporting;

/// <summary>
/// Sums reconciled cells into the rows of the reconcile report. Pure: the cells come from the spend pipeline
/// (so the report and every other report agree on each dollar), per-request bills from the usage facts.
/// </summary>
public static class ReconcileReportBuilder
{
    /// <summary>How many unobserved and unbilled cells the report lists.</summary>
    public const int ListLimit = 20;

    /// <param name="cells">Reconciled cells (each once).</param>
    /// <param name="perRequest">Records billed per request by their source; they are in no reconciled cell.</param>
    /// <param name="items">The ledger's spend items; only seats (<c>seat:</c> ids) are read.</param>
    /// <param name="keyLabel">The label of a cell's identity (its alias when known).</param>
    /// <param name="tolerance">Drift share above which a row is flagged (0.05 is 5%).</param>
    /// <param name="estimates">Each record's list-price estimate; needed only for <see cref="ReconcileGrouping.Team"/>.</param>
    public static ReconcileReport Build(
        IEnumerable<CellSummary> cells,
        IEnumerable<PerRequestBill> perRequest,
        IEnumerable<SpendItem> items,
        int idleSeatMonths,
        IReadOnlyList<string> unpricedModels,
        Func<Cell, string> keyLabel,
        ReconcileGrouping grouping,
        decimal tolerance,
        DateTimeOffset since,
        DateTimeOffset until,
        IReadOnlyDictionary<string, decimal?>? estimates = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(perRequest);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(keyLabel);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);

        var byCell = new Dictionary<Cell, ReconcileFigures>();
        var unobserved = new List<ReconcileCell>();
        var unbilled = new List<ReconcileCell>();
        foreach (var c in cells)
        {
            ReconcileFigures f;
            if (c.Billed is { } billed && c.Observed > 0)
            {
                f = new ReconcileFigures { MatchedBilled = billed, MatchedObserved = c.Observed };
            }
            else if (c.Billed is { } alone)
            {
                f = new ReconcileFigures { UnobservedBilled = alone };
                unobserved.Add(new ReconcileCell(c.Cell, keyLabel(c.Cell), alone, c.Observed, c.Records));
            }
            else
            {
                f = new ReconcileFigures { UnbilledObserved = c.Observed };
                unbilled.Add(new ReconcileCell(c.Cell, keyLabel(c.Cell), null, c.Observed, c.Records));
            }

            Add(byCell, c.Cell, f with { Attributed = c.Attributed, Unattributed = c.Unattributed, Records = c.Records });
        }

        var perRequestIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in perRequest)
        {
            perRequestIds.Add(p.RecordId);
            Add(byCell, p.Cell, new ReconcileFigures
            {
                MatchedBilled = p.Amount,
                MatchedObserved = p.Amount,
                Attributed = p.Project is null ? 0 : p.Amount,
                Unattributed = p.Project is null ? p.Amount : 0,
                Records = 1,
            });
        }

        var groups = new Dictionary<string, ReconcileFigures>(StringComparer.Ordinal);
        var total = ReconcileFigures.Zero;
        foreach (var (cell, figures) in byCell)
        {
            var counted = figures with { Cells = 1 };
            if (grouping != ReconcileGrouping.Team)
            {
                var label = Label(cell, grouping, keyLabel);
                groups[label] = groups.TryGetValue(label, out var sum) ? sum.Plus(counted) : counted;
            }

            total = total.Plus(counted);
        }

        if (grouping == ReconcileGrouping.Team)
        {
            groups = ByTeam(items, perRequestIds, estimates ?? throw new ArgumentNullException(nameof(estimates), "Team rows need the records' estimates."));
        }

        IEnumerable<KeyValuePair<string, ReconcileFigures>> ordered = grouping == ReconcileGrouping.Day
            ? groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            : groups.OrderByDescending(g => Math.Abs(g.Value.Billed) + g.Value.UnbilledObserved).ThenBy(g => g.Key, StringComparer.Ordinal);

        decimal seatBilled = 0, seatAttributed = 0;
        foreach (var item in items)
        {
            if (item.RecordId.StartsWith("seat:", StringComparison.Ordinal) && item.Amount is { } amount)
            {
                seatBilled += amount;
                seatAttributed += item.Project is null ? 0 : amount;
            }
        }

        return new ReconcileReport
        {
            Since = since,
            Until = until,
            Grouping = grouping,
            Tolerance = tolerance,
            Rows = ordered.Select(g => new ReconcileRow(g.Key, g.Value, g.Value.StatusAt(tolerance))).ToList(),
            Total = new ReconcileRow("total", total, total.StatusAt(tolerance)),
            Unobserved = Biggest(unobserved, c => Math.Abs(c.Billed ?? 0)),
            Unbilled = Biggest(unbilled, c => c.Observed),
            Seats = new SeatFigures(seatBilled, seatAttributed, idleSeatMonths),
            UnpricedModels = unpricedModels,
        };
    }

    /// <summary>The label of a cell's group.</summary>
    public static string Label(Cell cell, ReconcileGrouping grouping, Func<Cell, string> keyLabel)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(keyLabel);
        return grouping switch
        {
            ReconcileGrouping.Provider => cell.Provider,
            ReconcileGrouping.Key => $"{cell.Provider} {KindName(cell.IdentityKind)}:{keyLabel(cell)}",
            ReconcileGrouping.Day => cell.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ReconcileGrouping.Model => $"{cell.Provider} {cell.Model}",
            ReconcileGrouping.Team => throw new ArgumentException("Team rows come from records, not cells.", nameof(grouping)),
            _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, null),
        };
    }

    /// <summary>The short name of an identity kind in labels: <c>apikey</c>, <c>workspace</c>, <c>seat</c>, <c>org</c>.</summary>
    public static string KindName(IdentityKind kind) => kind switch
    {
        IdentityKind.ApiKey => "apikey",
        IdentityKind.Workspace => "workspace",
        IdentityKind.Seat => "seat",
        _ => "org",
    };

    /// <summary>
    /// Team rows from the ledger's items: a billed remainder (a cell nobody observed) is billed-not-observed, a
    /// record's billed share is matched with its estimate, an estimate standing alone is observed-not-billed.
    /// </summary>
    private static Dictionary<string, ReconcileFigures> ByTeam(IEnumerable<SpendItem> items, HashSet<string> perRequest, IReadOnlyDictionary<string, decimal?> estimates)
    {
        var groups = new Dictionary<string, ReconcileFigures>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.RecordId.StartsWith("seat:", StringComparison.Ordinal))
            {
                continue;
            }

            var amount = item.Amount ?? 0;
            ReconcileFigures f;
            if (item.RecordId.StartsWith("billing:", StringComparison.Ordinal))
            {
                f = new ReconcileFigures { UnobservedBilled = amount };
            }
            else if (perRequest.Contains(item.RecordId))
            {
                f = new ReconcileFigures { MatchedBilled = amount, MatchedObserved = amount, Records = 1 };
            }
            else if (item.Billed)
            {
                f = new ReconcileFigures { MatchedBilled = amount, MatchedObserved = estimates.GetValueOrDefault(item.RecordId) ?? 0, Records = 1 };
            }
            else
            {
                f = new ReconcileFigures { UnbilledObserved = amount, Records = 1 };
            }

            f = item.Project is null ? f with { Unattributed = amount } : f with { Attributed = amount };
            var label = item.Team ?? "(unattributed)";
            groups[label] = groups.TryGetValue(label, out var sum) ? sum.Plus(f) : f;
        }

        return groups;
    }

    private static void Add(Dictionary<Cell, ReconcileFigures> byCell, Cell cell, ReconcileFigures figures) =>
        byCell[cell] = byCell.TryGetValue(cell, out var existing) ? existing.Plus(figures) : figures;

    private static List<ReconcileCell> Biggest(List<ReconcileCell> cells, Func<ReconcileCell, decimal> size) =>
        cells.OrderByDescending(size).ThenBy(c => c.Cell.ToString(), StringComparer.Ordinal).Take(ListLimit).ToList();
}
