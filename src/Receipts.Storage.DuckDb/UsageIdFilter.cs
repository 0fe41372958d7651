using Receipts.Domain.Usage;

namespace Receipts.Storage.DuckDb;

/// <summary>
/// What <c>usage_records</c> holds, as 64-bit hashes, so a long-running writer (the collector) can tell in memory
/// that a record is new instead of scanning the ledger for it: each such scan costs ~55 ms per write at a million
/// rows and grows with the table. A hash set has no false negatives: an absent hash proves the id absent, while a
/// present one (the id, or a rare collision) only sends the record through the SQL merge, which decides exactly.
/// Holds the hash of every stored id and of every stored message key (source kind + message id), all copies and
/// sidechain copies apart (the rival rule of <see cref="DuckDbStore"/>): about 47 bytes per stored record.
/// </summary>
internal sealed class UsageIdFilter
{
    private readonly HashSet<ulong> _ids;
    private readonly HashSet<ulong> _messages;
    private readonly HashSet<ulong> _sidechainMessages = [];

    public UsageIdFilter(int capacity)
    {
        _ids = new HashSet<ulong>(capacity);
        _messages = new HashSet<ulong>(capacity);
    }

    public int Count => _ids.Count;

    /// <summary>
    /// False only when <paramref name="record"/> can meet no stored row: no stored id like its id, and no rival (for a
    /// main-thread copy, a stored sidechain copy of its message; for a sidechain copy, any stored copy of it).
    /// </summary>
    public bool MayMeetStored(UsageRecord record) =>
        _ids.Contains(Hash(record.Id))
        || (record.MessageId is not null
            && (record.IsSidechain ? _messages : _sidechainMessages).Contains(MessageKey(record.SourceKind, record.MessageId)));

    /// <summary>Records a stored row; called only after its transaction committed, so the set stays a superset.</summary>
    public void Add(string id, string sourceKind, string? messageId, bool isSidechain)
    {
        _ids.Add(Hash(id));
        if (messageId is not null)
        {
            var key = MessageKey(sourceKind, messageId);
            _messages.Add(key);
            if (isSidechain)
            {
                _sidechainMessages.Add(key);
            }
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
