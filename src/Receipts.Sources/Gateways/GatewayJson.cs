using System.Globalization;
using System.Text.Json;
using Receipts.Sources.Billing.Http;

namespace Receipts.Sources.Gateways;

/// <summary>
/// Field readers for gateway answers, lenient where gateways are loose (a count or cost may come as a
/// string, a missing count is zero) and strict where a missing field means the page is not the documented
/// shape: those throw a <see cref="BillingApiException"/> naming the page and the field, before anything
/// is written.
/// </summary>
internal static class GatewayJson
{
    public static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                _ => null,
            }
            : null;

    public static string RequiredText(JsonElement e, string name, string where) =>
        Text(e, name) is { Length: > 0 } text ? text : throw Malformed(where, $"'{name}' is missing");

    public static long Count(JsonElement e, string name, string where)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return 0;
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0)
        {
            return n;
        }

        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
        {
            return parsed;
        }

        throw Malformed(where, $"'{name}' is {v.GetRawText()}, expected a count");
    }

    /// <summary>Money or a fractional quantity, parsed exactly from the JSON text (never through double).</summary>
    public static decimal? Money(JsonElement e, string name, string where)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = v.ValueKind switch
        {
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.String => v.GetString(),
            _ => null,
        };
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw Malformed(where, $"'{name}' is {v.GetRawText()}, expected a number");
    }

    public static DateTimeOffset Instant(JsonElement e, string name, string where)
    {
        var text = Text(e, name);
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw Malformed(where, $"'{name}' is missing or not a date/time");
    }

    /// <summary>Epoch milliseconds given as a number or a string (Cursor writes both).</summary>
    public static DateTimeOffset EpochMilliseconds(JsonElement e, string name, string where)
    {
        var text = Text(e, name);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw Malformed(where, $"'{name}' is missing or not epoch milliseconds");
    }

    public static JsonElement Object(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static JsonElement.ArrayEnumerator Array(JsonElement e, string name, string where) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : throw Malformed(where, $"the answer has no '{name}' array");

    public static BillingApiException Malformed(string where, string what) =>
        new($"{where}: {what}; nothing was imported.", "The API may have changed or answered an error page; run again, and report it with --verbose if it persists.");

    /// <summary>Uncached input from an OpenAI-style prompt count that includes cache reads and writes.</summary>
    public static long UncachedInput(long prompt, long cacheRead, long cacheWrite) => Math.Max(prompt - cacheRead - cacheWrite, 0);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
