using System.Collections;

namespace Receipts.Sources.Otlp;

/// <summary>
/// The attributes of a resource, data point, log record or span, after content was dropped.
/// Later keys win, as in most OTLP consumers.
/// </summary>
internal sealed class OtlpAttributes : IEnumerable<KeyValuePair<string, OtlpValue>>
{
    private readonly Dictionary<string, OtlpValue> _values = new(StringComparer.Ordinal);

    public static OtlpAttributes Empty { get; } = new();

    public int Count => _values.Count;

    public bool Contains(string key) => _values.ContainsKey(key);

    public OtlpValue? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    public string? GetString(string key) => Get(key)?.AsString() is { Length: > 0 } text ? text : null;

    public long? GetLong(string key) => Get(key)?.AsLong();

    public decimal? GetDecimal(string key) => Get(key)?.AsDecimal();

    /// <summary>The first of <paramref name="keys"/> that has a non-empty string value.</summary>
    public string? FirstString(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (GetString(key) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    public long? FirstLong(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (GetLong(key) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Adds a value unless its key may carry content; returns false when it was dropped.</summary>
    public bool TryAdd(string key, OtlpValue value)
    {
        if (ContentAttributeFilter.IsContent(key))
        {
            return false;
        }

        _values[key] = value;
        return true;
    }

    public IEnumerator<KeyValuePair<string, OtlpValue>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
