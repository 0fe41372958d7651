using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb;

/// <summary>
/// What <c>usage_records</c> holds, as 64-bit hashes, so a long-running writer (the collector) can tell in memory
/// that a record is new instead of scanning the ledger for it: each such scan costs ~55 ms per write at a million
/// rows and grows with the table. A hash set has no false negatives: an absent hash proves the id absent, while a
/// present one (the id, or a rare collision) only sends the record through the SQL merge, which decides exactly.
/// Holds the hash of every stored id and of the message key of every stored sidechain copy (the rival rule of
/// <see cref="DuckDbStore"/>): about 20 bytes per stored record.
/// </summary>
internal sealed class UsageIdFilter
{
    private readonly HashSet<ulong> _ids;
    private readonly HashSet<ulong> _sidechainMessages = [];

    public UsageIdFilter(int capacity) => _ids = new HashSet<ulong>(capacity);

    public int Count => _ids.Count;

    /// <summary>
    /// False only when <paramref name="record"/> can meet no stored row: no stored id like its id, and no rival
    /// (a stored sidechain copy of its message; a sidechain copy itself is always checked, its rival may be any copy).
    /// </summary>
    public bool MayMeetStored(UsageRecord record) =>
        _ids.Contains(Hash(record.Id))
        || (record.MessageId is not null
            && (record.IsSidechain || _sidechainMessages.Contains(MessageKey(record.SourceKind, record.MessageId))));

    /// <summary>Records a stored row; called only after its transaction committed, so the set stays a superset.</summary>
    public void Add(string id, string sourceKind, string? messageId, bool isSidechain)
    {
        _ids.Add(Hash(id));
        if (isSidechain && messageId is not null)
        {
            _sidechainMessages.Add(MessageKey(sourceKind, messageId));
        }
    }

    private static ulong MessageKey(string sourceKind, string messageId) => Hash(messageId, Hash(sourceKind));

    // FNV-1a over the UTF-16 code units: stable, allocation-free, and good enough for a filter whose collisions cost
    // only a slower path.
    private static ulong Hash(string value, ulong seed = 14695981039346656037UL)
    {
        var hash = seed;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
