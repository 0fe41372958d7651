using System.Globalization;
using System.Text.Json;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.Billing;

/// <summary>
/// Reads fields of a billing API answer, tolerant where the docs are loose (a number may come as a string)
/// and strict where a missing field means the page is not the documented shape.
/// </summary>
internal static class JsonFields
{
    public static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;

    public static bool? Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    public static JsonElement Object(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    /// <summary>A money or quantity field given as a JSON number or a decimal string, parsed exactly (never through double).</summary>
    public static decimal? Decimal(JsonElement e, string name, string where)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var number))
        {
            return number;
        }

        if (v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new BillingApiException($"{where}: '{name}' is {v.GetRawText()}, not a number.");
    }

    /// <summary>The array <paramref name="name"/>; throws when it is missing (the page is not the documented shape).</summary>
    public static JsonElement.ArrayEnumerator Array(JsonElement e, string name, string where)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            return v.EnumerateArray();
        }

        throw new BillingApiException($"{where}: the answer has no '{name}' array; nothing was imported.", "The API may have changed; run with --verbose and report it.");
    }

    /// <summary>An RFC 3339 instant field, required.</summary>
    public static DateTimeOffset Instant(JsonElement e, string name, string where)
    {
        var text = String(e, name);
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        throw new BillingApiException($"{where}: '{name}' is missing or not a date/time; nothing was imported.");
    }

    /// <summary>A Unix-seconds field, required.</summary>
    public static DateTimeOffset UnixSeconds(JsonElement e, string name, string where)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        throw new BillingApiException($"{where}: '{name}' is missing or not Unix seconds; nothing was imported.");
    }

    /// <summary>A string→string map (workspace tags); other value kinds are written as their JSON text.</summary>
    public static Dictionary<string, string> Map(JsonElement e, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in v.EnumerateObject())
            {
                map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        return map;
    }
}
