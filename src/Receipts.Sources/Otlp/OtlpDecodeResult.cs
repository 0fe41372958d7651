namespace Receipts.Sources.Otlp;

/// <summary>A decoded batch, or the reason the payload could not be read (never an exception).</summary>
internal sealed record OtlpDecodeResult(OtlpBatch? Batch, OtlpDiagnostic? Error)
{
    public static OtlpDecodeResult Ok(OtlpBatch batch) => new(batch, null);

    public static OtlpDecodeResult Fail(string where, string what) => new(null, new OtlpDiagnostic(where, what));
}
