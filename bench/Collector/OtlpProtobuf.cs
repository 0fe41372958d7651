using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Receipts.Bench.Collector;

/// <summary>
/// Re-encodes an OTLP/JSON <c>ExportLogsServiceRequest</c> (as <see cref="BatchGenerator.OtlpLogsBatch"/> writes it) in
/// OTLP/protobuf, the encoding the OpenTelemetry SDKs' OTLP/HTTP exporters send by default: the same events, resources and
/// attributes. Field numbers from open-telemetry/opentelemetry-proto (collector/logs/v1/logs_service.proto,
/// logs/v1/logs.proto, common/v1/common.proto, resource/v1/resource.proto). Covers what the generator writes.
/// </summary>
internal static class OtlpProtobuf
{
    public static byte[] FromJsonLogs(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var request = new MemoryStream();
        foreach (var resourceLogs in document.RootElement.GetProperty("resourceLogs").EnumerateArray())
        {
            Message(request, 1, ResourceLogs(resourceLogs));
        }

        return request.ToArray();
    }

    private static byte[] ResourceLogs(JsonElement resourceLogs)
    {
        var message = new MemoryStream();
        var resource = new MemoryStream();
        foreach (var attribute in resourceLogs.GetProperty("resource").GetProperty("attributes").EnumerateArray())
        {
            Message(resource, 1, KeyValue(attribute));
        }

        Message(message, 1, resource.ToArray());
        foreach (var scopeLogs in resourceLogs.GetProperty("scopeLogs").EnumerateArray())
        {
            var scopeMessage = new MemoryStream();
            var scope = new MemoryStream();
            String(scope, 1, scopeLogs.GetProperty("scope").GetProperty("name").GetString()!);
            String(scope, 2, scopeLogs.GetProperty("scope").GetProperty("version").GetString()!);
            Message(scopeMessage, 1, scope.ToArray());
            foreach (var log in scopeLogs.GetProperty("logRecords").EnumerateArray())
            {
                Message(scopeMessage, 2, LogRecord(log));
            }

            Message(message, 2, scopeMessage.ToArray());
        }

        return message.ToArray();
    }

    private static byte[] LogRecord(JsonElement log)
    {
        var message = new MemoryStream();
        Fixed64(message, 1, ulong.Parse(log.GetProperty("timeUnixNano").GetString()!, CultureInfo.InvariantCulture));
        Varint(message, (2 << 3) | 0);
        Varint(message, (ulong)log.GetProperty("severityNumber").GetInt32());
        Message(message, 5, AnyValue(log.GetProperty("body")));
        foreach (var attribute in log.GetProperty("attributes").EnumerateArray())
        {
            Message(message, 6, KeyValue(attribute));
        }

        Fixed64(message, 11, ulong.Parse(log.GetProperty("observedTimeUnixNano").GetString()!, CultureInfo.InvariantCulture));
        return message.ToArray();
    }

    private static byte[] KeyValue(JsonElement attribute)
    {
        var message = new MemoryStream();
        String(message, 1, attribute.GetProperty("key").GetString()!);
        Message(message, 2, AnyValue(attribute.GetProperty("value")));
        return message.ToArray();
    }

    private static byte[] AnyValue(JsonElement value)
    {
        var message = new MemoryStream();
        if (value.TryGetProperty("stringValue", out var text))
        {
            String(message, 1, text.GetString()!);
        }
        else if (value.TryGetProperty("intValue", out var integer))
        {
            Varint(message, (3 << 3) | 0);
            Varint(message, unchecked((ulong)(integer.ValueKind == JsonValueKind.String ? long.Parse(integer.GetString()!, CultureInfo.InvariantCulture) : integer.GetInt64())));
        }
        else if (value.TryGetProperty("doubleValue", out var number))
        {
            Fixed64(message, 4, BitConverter.DoubleToUInt64Bits(number.GetDouble()));
        }
        else
        {
            throw new ArgumentException("the bench encodes string, int and double values only: " + value.GetRawText());
        }

        return message.ToArray();
    }

    private static void Message(Stream stream, int field, byte[] bytes)
    {
        Varint(stream, (ulong)((field << 3) | 2));
        Varint(stream, (ulong)bytes.Length);
        stream.Write(bytes);
    }

    private static void String(Stream stream, int field, string value) => Message(stream, field, Encoding.UTF8.GetBytes(value));

    private static void Fixed64(Stream stream, int field, ulong value)
    {
        Varint(stream, (ulong)((field << 3) | 1));
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void Varint(Stream stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        stream.WriteByte((byte)value);
    }
}
