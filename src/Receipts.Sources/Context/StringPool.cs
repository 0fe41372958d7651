using System.Text.Json;

namespace Receipts.Sources.Context;

/// <summary>
/// Hands out one string per distinct short value (session ids, paths, branches, models, versions),
/// which repeat on nearly every line: read from the JSON reader without allocating when already seen.
/// One pool per reader thread; not thread-safe.
/// </summary>
internal sealed class StringPool
{
    private const int MaxPooledChars = 512;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool()
    {
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The current string token's value; null for a JSON null.</summary>
    public string? Get(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxPooledChars)
        {
            return reader.GetString();
        }

        Span<char> chars = stackalloc char[MaxPooledChars];
        var written = reader.CopyString(chars);
        var value = chars[..written];
        if (_lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var created = new string(value);
        _strings[created] = created;
        return created;
    }
}
