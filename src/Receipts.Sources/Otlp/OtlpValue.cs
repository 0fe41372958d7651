using System.Globalization;

namespace Receipts.Sources.Otlp;

/// <summary>
/// One scalar attribute value. Numbers are read leniently (OTLP/JSON senders write int64 as strings
/// or numbers, and the JS SDK sends integral doubles as <c>intValue</c>), so every accessor converts.
/// </summary>
internal readonly record struct OtlpValue(OtlpValueKind Kind, string? Text, long Int, double Double, bool Bool)
{
    public static OtlpValue FromString(string value) => new(OtlpValueKind.String, value, 0, 0, false);

    public static OtlpValue FromInt(long value) => new(OtlpValueKind.Int, null, value, 0, false);

    public static OtlpValue FromDouble(double value) => new(OtlpValueKind.Double, null, 0, value, false);

    public static OtlpValue FromBool(bool value) => new(OtlpValueKind.Bool, null, 0, 0, value);

    public static OtlpValue Complex => new(OtlpValueKind.Complex, null, 0, 0, false);

    public string? AsString() => Kind switch
    {
        OtlpValueKind.String => Text,
        OtlpValueKind.Int => Int.ToString(CultureInfo.InvariantCulture),
        OtlpValueKind.Double => Double.ToString("R", CultureInfo.InvariantCulture),
        OtlpValueKind.Bool => Bool ? "true" : "false",
        _ => null,
    };

    public long? AsLong() => Kind switch
    {
        OtlpValueKind.Int => Int,
        OtlpValueKind.Double when double.IsFinite(Double) && Math.Abs(Double) < 9e18 => (long)Math.Round(Double),
        OtlpValueKind.String when long.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        OtlpValueKind.String when decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && Math.Abs(parsed) < 9e18m => (long)Math.Round(parsed),
        _ => null,
    };

    public decimal? AsDecimal() => Kind switch
    {
        OtlpValueKind.Int => Int,
        OtlpValueKind.Double => OtlpNumbers.ToDecimal(Double),
        OtlpValueKind.String when decimal.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public bool? AsBool() => Kind switch
    {
        OtlpValueKind.Bool => Bool,
        OtlpValueKind.String when bool.TryParse(Text, out var parsed) => parsed,
        _ => null,
    };
}
