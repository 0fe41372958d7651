using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Receipts.Domain.Reports.Rendering;

/// <summary>Helpers for the reports' JSON: indented, money rounded to 6 decimals, instants ISO 8601 UTC.</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            body(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static void Number(this Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, decimal.Round(v, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void Text(this Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    public static void Instant(this Utf8JsonWriter json, string name, DateTimeOffset value) =>
        json.WriteString(name, value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    public static void Date(this Utf8JsonWriter json, string name, DateOnly value) =>
        json.WriteString(name, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static void Strings(this Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
