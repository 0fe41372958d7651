namespace Receipts.Storage.DuckDb;

/// <summary>Importers hand out one shared map for rows with equal tags or attributes; this serialises each map once.</summary>
internal sealed class JsonMapCache
{
    private readonly Dictionary<IReadOnlyDictionary<string, string>, string?> _json = new(ReferenceEqualityComparer.Instance);

    public string? Get(IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return null;
        }

        if (!_json.TryGetValue(map, out var text))
        {
            text = DuckDbStore.JsonMap(map);
            if (_json.Count < 100_000)
            {
                _json[map] = text;
            }
        }

        return text;
    }
}
