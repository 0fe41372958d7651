using Npgsql;
using NpgsqlTypes;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;

namespace Receipts.Storage.Postgres;

public sealed partial class PostgresStore : IPriceStore
{
    private const int PriceColumnCount = 33;

    private static readonly string PriceUpsert =
        $"INSERT INTO model_prices VALUES ({string.Join(", ", Enumerable.Range(1, PriceColumnCount).Select(i => "$" + i))})\n"
        + "ON CONFLICT (model) DO UPDATE SET "
        + string.Join(", ", new[]
        {
            "provider", "input", "output", "cache_write_5m", "cache_write_1h", "cache_read",
            "above_200k_input", "above_200k_output", "above_200k_write_5m", "above_200k_write_1h", "above_200k_read",
            "batch_input", "batch_output", "batch_write_5m", "batch_write_1h", "batch_read",
            "priority_input", "priority_output", "priority_write_5m", "priority_write_1h", "priority_read",
            "flex_input", "flex_output", "flex_write_5m", "flex_write_1h", "flex_read",
            "web_search_per_request", "fast_multiplier", "us_geo_multiplier", "effective_from", "source", "imported_at",
        }.Select(c => $"{c} = excluded.{c}"))
        + "\nRETURNING (xmax = 0) AS inserted";

    public async Task<PriceWriteResult> WritePricesAsync(IReadOnlyCollection<ModelPrice> prices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prices);

        // One row per key; the last copy of a key in the batch wins, as in the file it came from.
        var byKey = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var price in prices)
        {
            byKey[price.Model] = price;
        }

        if (byKey.Count == 0)
        {
            return new PriceWriteResult(0, 0);
        }

        var importedAt = _time.GetUtcNow().UtcDateTime;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var p in byKey.Values)
        {
            var parameters = new List<NpgsqlParameter>(PriceColumnCount)
            {
                Param(p.Model, NpgsqlDbType.Text),
                Param(p.Provider, NpgsqlDbType.Text),
            };
            foreach (var rates in new[] { p.Standard, p.Above200k, p.Batch, p.Priority, p.Flex })
            {
                parameters.Add(Param(rates?.Input, NpgsqlDbType.Numeric));
                parameters.Add(Param(rates?.Output, NpgsqlDbType.Numeric));
                parameters.Add(Param(rates?.CacheWrite5m, NpgsqlDbType.Numeric));
                parameters.Add(Param(rates?.CacheWrite1h, NpgsqlDbType.Numeric));
                parameters.Add(Param(rates?.CacheRead, NpgsqlDbType.Numeric));
            }

            parameters.Add(Param(p.WebSearchPerRequest, NpgsqlDbType.Numeric));
            parameters.Add(Param(p.FastMultiplier, NpgsqlDbType.Numeric));
            parameters.Add(Param(p.UsGeoMultiplier, NpgsqlDbType.Numeric));
            parameters.Add(Param(p.EffectiveFrom, NpgsqlDbType.Date));
            parameters.Add(Param(p.Source, NpgsqlDbType.Text));
            parameters.Add(Param(importedAt, NpgsqlDbType.TimestampTz));
            batch.BatchCommands.Add(BatchCommand(PriceUpsert, [.. parameters]));
        }

        var inserted = 0;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    inserted += reader.GetBoolean(0) ? 1 : 0;
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new PriceWriteResult(inserted, byKey.Count - inserted);
    }

    public async Task<IReadOnlyList<ImportedPrice>> ReadPricesAsync(CancellationToken cancellationToken)
    {
        var result = new List<ImportedPrice>();
        await using var command = _dataSource.CreateCommand("SELECT * FROM model_prices ORDER BY model COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadPrice(reader));
        }

        return result;
    }

    private static ImportedPrice ReadPrice(NpgsqlDataReader r)
    {
        // numeric(28, 18) comes back with 18 decimal places; dividing by 1.000… drops the trailing zeros so a
        // rate reads back as the number that was written (0.000003, not 0.000003000000000000), as in DuckDB.
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
        return new ImportedPrice(price, r.GetFieldValue<DateTimeOffset>(32));
    }
}
