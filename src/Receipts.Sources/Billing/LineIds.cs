namespace Receipts.Sources.Billing;

/// <summary>
/// Stable line ids from the fields that identify a row (source, dataset, bucket, group values). Two rows
/// with the same fields in one fetch get <c>#2</c>, <c>#3</c>… in the order the API returned them.
/// </summary>
internal sealed class LineIds
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public string Next(params string?[] parts)
    {
        var id = string.Join('|', parts.Select(p => p ?? "-"));
        if (_seen.TryGetValue(id, out var n))
        {
            _seen[id] = n + 1;
            return $"{id}#{n + 1}";
        }

        _seen[id] = 1;
        return id;
    }
}
