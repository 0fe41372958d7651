using System.Data.Common;
using DuckDB.NET.Data;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;

namespace Receipts.Storage.DuckDb;

public sealed partial class DuckDbStore : IPriceStore
{
    public async Task<PriceWriteResult> WritePricesAsync(IReadOnlyCollection<ModelPrice> prices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prices);

        // One row per key; the last copy of a key in the batch wins, as in the file it came from.
        var byKey = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var price in prices)
        {
            byKey[price.Model] = price;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var transaction = (DuckDBTransaction)await _connection.BeginTransactionAsync(cancellationToken);
            await Execute("DELETE FROM model_prices_staging", transaction, cancellationToken);
            StagePrices(byKey.Values, _time.GetUtcNow().UtcDateTime);

            long updated;
            await using (var count = Command(
                "SELECT count(*) FROM model_prices_staging s JOIN model_prices p ON p.model = s.model",
                transaction))
            {
                updated = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            await Execute("DELETE FROM model_prices p USING model_prices_staging s WHERE p.model = s.model", transaction, cancellationToken);
            await Execute("INSERT INTO model_prices SELECT * FROM model_prices_staging", transaction, cancellationToken);
            await Execute("DELETE FROM model_prices_staging", transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new PriceWriteResult(byKey.Count - checked((int)updated), checked((int)updated));
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<ImportedPrice>> ReadPricesAsync(CancellationToken cancellationToken)
    {
        var result = new List<ImportedPrice>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = Command("SELECT * FROM model_prices ORDER BY model");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add(ReadPrice(reader));
            }
        }
        finally
        {
            _gate.Release();
        }

        return result;
    }

    private void StagePrices(IEnumerable<ModelPrice> prices, DateTime importedAt)
    {
        using var appender = _connection.CreateAppender("model_prices_staging");
        foreach (var p in prices)
        {
            var row = appender.CreateRow()
                .AppendValue(p.Model)
                .AppendValue(p.Provider);
            row = AppendRates(row, p.Standard);
            row = AppendRates(row, p.Above200k);
            row = AppendRates(row, p.Batch);
            row = AppendRates(row, p.Priority);
            row = AppendRates(row, p.Flex);
            row.AppendValue(p.WebSearchPerRequest)
                .AppendValue(p.FastMultiplier)
                .AppendValue(p.UsGeoMultiplier)
                .AppendValue((DateOnly?)p.EffectiveFrom)
                .AppendValue(p.Source)
                .AppendValue(importedAt)
                .EndRow();
        }
    }

    private static IDuckDBAppenderRow AppendRates(IDuckDBAppenderRow row, TokenRates? rates) => row
        .AppendValue(rates?.Input)
        .AppendValue(rates?.Output)
        .AppendValue(rates?.CacheWrite5m)
        .AppendValue(rates?.CacheWrite1h)
        .AppendValue(rates?.CacheRead);

    private static ImportedPrice ReadPrice(DbDataReader r)
    {
        // DECIMAL(28, 18) comes back with 18 decimal places; dividing by 1.000… drops the trailing zeros
        // so a rate reads back as the number that was written (0.000003, not 0.000003000000000000).
        decimal? D(int i) => r.IsDBNull(i) ? null : r.GetDecimal(i) / 1.000000000000000000000000000000000m;
        TokenRates? Rates(int first) => D(first) is { } input
            ? new TokenRates(input, D(first + 1)!.Value, D(first + 2)!.Value, D(first + 3)!.Value, D(first + 4)!.Value)
            : null;

        var price = new ModelPrice
        {
            Model = r.GetString(0),
            Provider = r.GetString(1),
            Standard = Rates(2)!,
            Above200k = Rates(7),
            Batch = Rates(12),
            Priority = Rates(17),
            Flex = Rates(22),
            WebSearchPerRequest = D(27),
            FastMultiplier = D(28),
            UsGeoMultiplier = D(29),
            EffectiveFrom = r.GetFieldValue<DateOnly>(30),
            Source = r.GetString(31),
        };
        return new ImportedPrice(price, new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(32), DateTimeKind.Utc)));
    }
}
