using System.Globalization;
using Parquet.Serialization;
using Parquet.Schema;

namespace Receipts.Sources.Tests.Focus;

/// <summary>Writes a FOCUS CSV as Parquet the way exports do: costs as decimals, periods as timestamps, the rest as strings.</summary>
internal static class FocusParquet
{
    private static readonly HashSet<string> Money = ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "ConsumedQuantity", "PricingQuantity"];
    private static readonly HashSet<string> Times = ["BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd"];

    public static async Task WriteAsync(string csv, string parquet)
    {
        var rows = NaiveCsv.Read(csv);
        var columns = rows[0].Keys.ToList();
        var schema = new ParquetSchema(columns.Select(c =>
            Money.Contains(c) ? new DecimalDataField(c, 28, 12, isNullable: true)
            : Times.Contains(c) ? new DataField<DateTime>(c)
            : (Field)new DataField<string>(c)));
        var data = rows.Select(r => (IDictionary<string, object?>)columns.ToDictionary<string, string, object?>(
            c => c,
            c => Money.Contains(c) ? (r[c] is "" or "NULL" ? null : decimal.Parse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture))
                : Times.Contains(c) ? DateTime.Parse(r[c], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)
                : (r[c] is "" ? null : r[c]))).ToList();
        await using var stream = File.Create(parquet);
        await ParquetSerializer.SerializeUntypedAsync(data, schema, stream);
    }
}
