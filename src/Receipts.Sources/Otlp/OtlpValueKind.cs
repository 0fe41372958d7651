namespace Receipts.Sources.Otlp;

/// <summary>Which arm of the OTLP <c>AnyValue</c> oneof was set.</summary>
internal enum OtlpValueKind
{
    None,
    String,
    Bool,
    Int,
    Double,

    /// <summary>Bytes, arrays and key-value lists: kept as a kind only, their contents are never read.</summary>
    Complex,
}
