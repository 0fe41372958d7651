namespace Receipts.Domain.Usage;

/// <summary>
/// The rule that decides which of two copies of one record (same id) is kept: the main-thread copy of a
/// sidechain replay, else the one with more tokens (streaming partials write growing counts). Stores apply
/// it in SQL; this is the same rule for copies that meet inside one batch.
/// </summary>
public static class FullerCopy
{
    /// <summary>True when <paramref name="candidate"/> should replace <paramref name="stored"/>.</summary>
    public static bool Replaces(UsageRecord candidate, UsageRecord stored)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.IsSidechain != candidate.IsSidechain)
        {
            return stored.IsSidechain;
        }

        return candidate.Tokens.Total > stored.Tokens.Total;
    }

    /// <summary>One record per id, the fullest copy, in first-seen order. Returns the input when ids are already distinct.</summary>
    public static IReadOnlyCollection<UsageRecord> KeepFullest(IReadOnlyCollection<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var byId = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        List<UsageRecord>? kept = null;
        var index = 0;
        foreach (var record in records)
        {
            if (byId.TryGetValue(record.Id, out var at))
            {
                kept ??= records.Take(index).ToList();
                if (Replaces(record, kept[at]))
                {
                    kept[at] = record;
                }
            }
            else
            {
                byId[record.Id] = kept?.Count ?? index;
                kept?.Add(record);
            }

            index++;
        }

        return kept ?? records;
    }
}
