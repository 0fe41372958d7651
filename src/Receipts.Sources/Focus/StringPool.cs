namespace Receipts.Sources.Focus;

/// <summary>
/// Turns repeated field text (provider, currency, account, service, SKU…) into one shared string, so a
/// million-row file does not allocate a million copies of "USD". Bounded: past its capacity it stops pooling.
/// </summary>
internal sealed class StringPool(int capacity = 200_000)
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly int _capacity = capacity;

    public string Get(ReadOnlySpan<char> text)
    {
        var lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = text.ToString();
        if (_strings.Count < _capacity)
        {
            _strings[created] = created;
        }

        return created;
    }
}
