using System.Globalization;
using System.Text.Json;

namespace Receipts.Sources.Otlp;

/// <summary>The last cumulative value seen for one series, kept as a <c>SourceCursor</c> state.</summary>
internal readonly record struct SeriesState(ulong StartTimeUnixNano, ulong TimeUnixNano, decimal Value)
{
    public string ToJson() => string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"start":"{{StartTimeUnixNano}}","time":"{{TimeUnixNano}}","value":"{{Value}}"}""");

    public static SeriesState? FromJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new SeriesState(
                ulong.Parse(root.GetProperty("start").GetString()!, CultureInfo.InvariantCulture),
                ulong.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture),
                decimal.Parse(root.GetProperty("value").GetString()!, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is JsonException or FormatException or OverflowException or KeyNotFoundException or InvalidOperationException or ArgumentNullException)
        {
            return null;
        }
    }
}
