using System.Text;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Sources.Focus;

/// <summary>
/// Writes Receipts' costs as a FOCUS 1.2 CSV: usage records summed per (UTC day, provider, workspace, api key,
/// model, tier, tool, currency), one row each, costs as the records carry them (billed where the source billed them,
/// else the price-book estimate; the basis is in <c>x_CostBasis</c>). RFC 4180 quoting, UTF-8, LF.
/// </summary>
public sealed class FocusExporter(IUsageStore store, FocusRowBuilder rows)
{
    public async Task<int> ExportAsync(UsageFilter filter, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var cells = new Dictionary<(DateOnly, string, string, string?, string?, string?, string?, string), List<UsageRecord>>();
        await foreach (var record in store.ReadUsageAsync(filter, cancellationToken))
        {
            var key = (DateOnly.FromDateTime(record.At.UtcDateTime), record.Provider, record.Model, record.ServiceTier, record.Tool, record.Workspace, record.ApiKeyId, record.Currency);
            if (!cells.TryGetValue(key, out var list))
            {
                cells[key] = list = [];
            }

            list.Add(record);
        }

        await output.WriteAsync(string.Join(',', FocusRowBuilder.Columns) + "\n");
        var count = 0;
        foreach (var (key, records) in cells.OrderBy(c => c.Key))
        {
            var priced = records.Where(r => r.Cost is not null).ToList();
            var cell = new UsageCell
            {
                Day = key.Item1,
                Provider = key.Item2,
                Model = key.Item3,
                ServiceTier = key.Item4,
                Tool = key.Item5,
                Workspace = key.Item6,
                ApiKeyId = key.Item7,
                ApiKeyAlias = records.Select(r => r.ApiKeyAlias).FirstOrDefault(a => a is not null),
                Tokens = records.Aggregate(TokenCounts.Zero, (t, r) => t + r.Tokens),
                Requests = records.Sum(r => r.Requests),
                Cost = priced.Sum(r => r.Cost!.Value),
                Basis = priced.Count == 0 ? CostBasis.Unknown : priced.All(r => r.CostBasis == CostBasis.Billed) ? CostBasis.Billed : CostBasis.Estimated,
                Currency = key.Item8,
                Records = records,
            };
            await output.WriteAsync(Line(rows.Build(cell)));
            count++;
        }

        return count;
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
}
