namespace Receipts.Sources.ClaudeCode;

/// <summary>
/// Keeps one copy per response across all files and roots (§1.8): by key (message id + request id, or the
/// fallbacks), the fullest copy wins; and a sidechain copy of a message (same message id, another request id,
/// as <c>/btw</c> replays write) collapses into the main-thread copy.
/// </summary>
internal sealed class ClaudeDedupeMap
{
    private readonly Dictionary<string, ClaudeEntry> _byKey;
    private readonly Dictionary<string, string> _keyByMessage;

    public ClaudeDedupeMap()
        : this(0)
    {
    }

    /// <param name="capacity">How many responses the map is expected to hold (sized once instead of grown).</param>
    public ClaudeDedupeMap(int capacity)
    {
        _byKey = new Dictionary<string, ClaudeEntry>(capacity, StringComparer.Ordinal);
        _keyByMessage = new Dictionary<string, string>(capacity, StringComparer.Ordinal);
    }

    public int Count => _byKey.Count;

    public IEnumerable<ClaudeEntry> Entries => _byKey.Values;

    public void Add(ClaudeEntry candidate) => Add(candidate, out _);

    /// <summary>Adds <paramref name="candidate"/> by the rules above; returns the copy it displaced, if any.</summary>
    /// <param name="kept">Whether the candidate is now the map's copy (false: a fuller or equal copy was there first).</param>
    public ClaudeEntry? Add(ClaudeEntry candidate, out bool kept)
    {
        kept = false;
        if (_byKey.TryGetValue(candidate.Key, out var existing))
        {
            if (candidate.IsFullerThan(existing))
            {
                _byKey[candidate.Key] = candidate;
                kept = true;
                return existing;
            }

            return null;
        }

        if (candidate.MessageId is { } messageId
            && _keyByMessage.TryGetValue(messageId, out var rivalKey)
            && _byKey.TryGetValue(rivalKey, out var rival)
            && (rival.IsSidechain || candidate.IsSidechain))
        {
            if (candidate.IsFullerThan(rival))
            {
                _byKey.Remove(rivalKey);
                _byKey[candidate.Key] = candidate;
                _keyByMessage[messageId] = candidate.Key;
                kept = true;
                return rival;
            }

            return null;
        }

        _byKey[candidate.Key] = candidate;
        if (candidate.MessageId is { } id)
        {
            _keyByMessage.TryAdd(id, candidate.Key);
        }

        kept = true;
        return null;
    }

    public void AddRange(ClaudeDedupeMap other)
    {
        foreach (var entry in other._byKey.Values)
        {
            Add(entry);
        }
    }
}
