namespace Receipts.Sources.Otlp;

/// <summary>Reads the request's Content-Type; OTLP answers in the same one.</summary>
public static class OtlpContentType
{
    public const string Protobuf = "application/x-protobuf";
    public const string Json = "application/json";

    public static OtlpEncoding? Parse(string? contentType)
    {
        var media = contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        return media switch
        {
            Protobuf or "application/protobuf" => OtlpEncoding.Protobuf,
            Json => OtlpEncoding.Json,
            _ => null,
        };
    }

    public static string Of(OtlpEncoding encoding) => encoding == OtlpEncoding.Json ? Json : Protobuf;
}
