using System.Text;
using System.Text.Json;
using Google.Protobuf;

namespace Receipts.Sources.Otlp;

/// <summary>
/// OTLP/HTTP response bodies, in the request's encoding: <c>Export*ServiceResponse</c> (empty, or with
/// <c>partial_success</c> = 1 { rejected_* = 1; error_message = 2 }) and, for errors, <c>google.rpc.Status</c>
/// { code = 1; message = 2 } (OTLP spec, "OTLP/HTTP Response").
/// </summary>
internal static class OtlpResponses
{
    // google.rpc.Code: INVALID_ARGUMENT = 3, RESOURCE_EXHAUSTED = 8, UNAVAILABLE = 14.
    public static byte[] Status(OtlpEncoding encoding, int code, string message)
    {
        if (encoding == OtlpEncoding.Json)
        {
            return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["code"] = code, ["message"] = message });
        }

        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(1, WireFormat.WireType.Varint);
        output.WriteInt32(code);
        output.WriteTag(2, WireFormat.WireType.LengthDelimited);
        output.WriteString(message);
        output.Flush();
        return stream.ToArray();
    }

    public static byte[] Success(OtlpEncoding encoding, OtlpSignal signal, int rejected, string? errorMessage)
    {
        if (rejected == 0)
        {
            return encoding == OtlpEncoding.Json ? "{}"u8.ToArray() : [];
        }

        if (encoding == OtlpEncoding.Json)
        {
            var field = signal switch
            {
                OtlpSignal.Metrics => "rejectedDataPoints",
                OtlpSignal.Logs => "rejectedLogRecords",
                _ => "rejectedSpans",
            };
            var partial = new Dictionary<string, string> { [field] = rejected.ToString(System.Globalization.CultureInfo.InvariantCulture), ["errorMessage"] = errorMessage ?? "" };
            return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["partialSuccess"] = partial });
        }

        using var inner = new MemoryStream();
        var innerOutput = new CodedOutputStream(inner);
        innerOutput.WriteTag(1, WireFormat.WireType.Varint);
        innerOutput.WriteInt64(rejected);
        if (!string.IsNullOrEmpty(errorMessage))
        {
            innerOutput.WriteTag(2, WireFormat.WireType.LengthDelimited);
            innerOutput.WriteString(errorMessage);
        }

        innerOutput.Flush();
        using var outer = new MemoryStream();
        var output = new CodedOutputStream(outer);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(inner.ToArray()));
        output.Flush();
        return outer.ToArray();
    }

    public static string Summarise(IReadOnlyList<OtlpDiagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics.Take(5))
        {
            text.Append(text.Length == 0 ? "" : "; ").Append(diagnostic);
        }

        if (diagnostics.Count > 5)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"; and {diagnostics.Count - 5} more");
        }

        return text.ToString();
    }
}
