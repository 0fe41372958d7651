using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Receipts.Cli.Output;

/// <summary>Writes one indented JSON document to a text writer (stdout), built with a <see cref="Utf8JsonWriter"/>.</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter writer, Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(json);
        }

        writer.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, checked((int)buffer.Length)));
        writer.Write('\n');
    }

    /// <summary>A decimal as a JSON number without trailing zeros (0.1005, not 0.100500000).</summary>
    public static void WriteMoney(this Utf8JsonWriter json, string name, decimal value)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteNumber(name, Formats.Normalize(value));
    }

    public static void WriteStrings(this Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(values);
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
