using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Sources.ClaudeCode;

/// <summary>
/// Which winning copies a bulk load has already appended, by de-duplication key and by record id. A copy displaced
/// later (a fuller one in a later file, or the main-thread copy of a sidechain replay) is withdrawn: its row is
/// removed at commit and the map's winner is written then. Two keys that give one record id never both stream.
/// </summary>
internal sealed class StreamedCopies(int capacity = 0)
{
    private readonly Dictionary<string, string> _idByKey = new(capacity, StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyById = new(capacity, StringComparer.Ordinal);
    private readonly HashSet<string> _withdrawn = new(StringComparer.Ordinal);

    /// <summary>Ids whose appended rows must go.</summary>
    public IReadOnlyCollection<string> Withdrawn => _withdrawn;

    /// <summary>How many keys have their current copy in the load.</summary>
    public int Count => _idByKey.Count;

    /// <summary>Whether the current copy under <paramref name="key"/> is in the load already.</summary>
    public bool Holds(string key) => _idByKey.ContainsKey(key);

    public void Append(string key, UsageRecord record, IUsageBulkLoad load)
    {
        if (_keyById.TryGetValue(record.Id, out var owner))
        {
            // Another key streamed this id: neither streams; the commit keeps the fuller of the two.
            Withdraw(owner);
            return;
        }

        if (_withdrawn.Contains(record.Id))
        {
            return;
        }

        load.Append(record);
        _idByKey[key] = record.Id;
        _keyById[record.Id] = key;
    }

    public void Withdraw(string key)
    {
        if (_idByKey.Remove(key, out var id))
        {
            _keyById.Remove(id);
            _withdrawn.Add(id);
        }
    }
}
