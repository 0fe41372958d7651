using System.Security.Cryptography;
using System.Text;

namespace Receipts.Sources.Otlp;

/// <summary>
/// A stable, short key for a metric series: name, resource identity and sorted point attributes.
/// Without a <c>session.id</c>, concurrent processes of one user share an attribute set, so the start
/// time joins the key to keep their counters apart (Claude Code monitoring docs, temporality).
/// </summary>
internal static class OtlpSeriesKey
{
    public static string For(OtlpMetricPoint point, params ReadOnlySpan<string> excludedPointKeys)
    {
        var text = new StringBuilder();
        text.Append(point.MetricName).Append('\u0001');
        Append(text, point.Resource, []);
        text.Append('\u0001');
        Append(text, point.Attributes, excludedPointKeys);
        if (!point.Attributes.Contains("session.id") && !point.Resource.Contains("session.id"))
        {
            text.Append('\u0001').Append(point.StartTimeUnixNano);
        }

        return Hash(text.ToString());
    }

    public static string Hash(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static void Append(StringBuilder text, OtlpAttributes attributes, ReadOnlySpan<string> excluded)
    {
        var keys = new List<string>();
        foreach (var (key, _) in attributes)
        {
            if (!excluded.Contains(key))
            {
                keys.Add(key);
            }
        }

        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            text.Append(key).Append('=').Append(attributes.GetString(key)).Append('\u0002');
        }
    }
}
