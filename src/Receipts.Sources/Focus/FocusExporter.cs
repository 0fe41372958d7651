using System.Text;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Focus;

/// <summary>
/// Writes Receipts' costs as a FOCUS 1.2 CSV: usage records summed per (UTC day, provider, workspace, api key,
/// model, tier, tool, currency, attribution), one row each. With a <see cref="LedgerSpend"/> the dollars are the
/// pipeline's (billed shares where a bill covers the cell, else estimates), each row carries its team, project,
/// person, rule and confidence, and billed cells nobody observed and seats are rows of their own; without one, the
/// records' own costs are written, unattributed. RFC 4180 quoting, UTF-8, LF.
/// </summary>
public sealed class FocusExporter(IUsageStore store, FocusRowBuilder rows, LedgerSpend? ledger = null)
{
    public async Task<int> ExportAsync(UsageFilter filter, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var cells = new Dictionary<CellKey, Accumulator>();
        await foreach (var record in store.ReadUsageAsync(filter, cancellationToken))
        {
            var spend = ledger?.Of(record) ?? new FocusSpend(record.Cost, record.Cost is null ? CostBasis.Unknown : record.CostBasis, FocusAttribution.Unattributed);
            var key = new CellKey(DateOnly.FromDateTime(record.At.UtcDateTime), record.Provider, record.Model, record.ServiceTier, record.Tool, record.Workspace, record.ApiKeyId, record.Currency, spend.Attribution);
            if (!cells.TryGetValue(key, out var cell))
            {
                cells[key] = cell = new Accumulator();
            }

            cell.Add(record, spend);
        }

        await output.WriteAsync(string.Join(',', FocusRowBuilder.Columns) + "\n");
        var count = 0;
        foreach (var (key, cell) in cells.OrderBy(c => c.Key, CellKey.Order))
        {
            await output.WriteAsync(Line(rows.Build(new UsageCell
            {
                Day = key.Day,
                Provider = key.Provider,
                Model = key.Model,
                ServiceTier = key.Tier,
                Tool = key.Tool,
                Workspace = key.Workspace,
                ApiKeyId = key.ApiKeyId,
                ApiKeyAlias = cell.Records.Select(r => r.ApiKeyAlias).FirstOrDefault(a => a is not null),
                Tokens = cell.Tokens,
                Requests = cell.Requests,
                Cost = cell.Cost,
                Basis = cell.Basis,
                Currency = key.Currency,
                Attribution = key.Attribution,
                Records = cell.Records,
            })));
            count++;
        }

        foreach (var cell in ledger?.Unrecorded() ?? [])
        {
            if (InFilter(cell.Day, filter))
            {
                await output.WriteAsync(Line(rows.Build(cell)));
                count++;
            }
        }

        return count;
    }

    private static bool InFilter(DateOnly day, UsageFilter filter)
    {
        var at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (filter.Since is null || at >= filter.Since) && (filter.Until is null || at < filter.Until);
    }

    private static string Line(string?[] values)
    {
        var line = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var value = values[i];
            if (value is null)
            {
                continue;
            }

            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(value);
            }
        }

        return line.Append('\n').ToString();
    }

    private sealed record CellKey(DateOnly Day, string Provider, string Model, string? Tier, string? Tool, string? Workspace, string? ApiKeyId, string Currency, FocusAttribution Attribution)
    {
        public static IComparer<CellKey> Order { get; } = Comparer<CellKey>.Create((a, b) =>
        {
            var c = a.Day.CompareTo(b.Day);
            return c != 0 ? c : string.CompareOrdinal(a.SortText, b.SortText);
        });

        private string SortText => string.Join('\u001f', Provider, Model, Tier, Tool, Workspace, ApiKeyId, Currency, Attribution.Team, Attribution.Project, Attribution.Person, Attribution.Rule);
    }

    private sealed class Accumulator
    {
        private int _priced;
        private int _billed;

        public List<UsageRecord> Records { get; } = [];

        public TokenCounts Tokens { get; private set; } = TokenCounts.Zero;

        public long Requests { get; private set; }

        public decimal Cost { get; private set; }

        /// <summary>Billed when every priced record was billed, estimated when any was estimated, unknown when none was priced.</summary>
        public CostBasis Basis => _priced == 0 ? CostBasis.Unknown : _billed == _priced ? CostBasis.Billed : CostBasis.Estimated;

        public void Add(UsageRecord record, FocusSpend spend)
        {
            Records.Add(record);
            Tokens += record.Tokens;
            Requests += record.Requests;
            if (spend.Amount is { } amount)
            {
                Cost += amount;
                _priced++;
                _billed += spend.Basis == CostBasis.Billed ? 1 : 0;
            }
        }
    }
}
