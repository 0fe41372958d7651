using Receipts.Domain.Usage;

namespace Receipts.Domain.Attribution;

/// <summary>Finds the latest correction that names a record, its session or its branch.</summary>
internal sealed class CorrectionIndex
{
    private readonly Dictionary<string, Correction> _byRecord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Correction> _bySession = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Correction>> _byBranch = new(StringComparer.Ordinal);

    public CorrectionIndex(IEnumerable<Correction> corrections)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        foreach (var c in corrections.OrderBy(c => c.At).ThenBy(c => c.Id, StringComparer.Ordinal))
        {
            switch (c.Target)
            {
                case CorrectionTarget.Record:
                    _byRecord[c.Value] = c;
                    break;
                case CorrectionTarget.Session:
                    _bySession[c.Value] = c;
                    break;
                case CorrectionTarget.Branch:
                    if (!_byBranch.TryGetValue(c.Value, out var list))
                    {
                        _byBranch[c.Value] = list = [];
                    }

                    list.Add(c);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(corrections), c.Target, "Unknown correction target.");
            }
        }
    }

    public bool IsEmpty => _byRecord.Count == 0 && _bySession.Count == 0 && _byBranch.Count == 0;

    public Correction? Find(UsageRecord r)
    {
        if (IsEmpty)
        {
            return null;
        }

        Correction? latest = _byRecord.GetValueOrDefault(r.Id);
        if (r.SessionId is { } session && _bySession.TryGetValue(session, out var s) && (latest is null || s.At > latest.At))
        {
            latest = s;
        }

        if (r.Branch is { } branch && _byBranch.TryGetValue(branch, out var onBranch))
        {
            for (var i = onBranch.Count - 1; i >= 0; i--)
            {
                var c = onBranch[i];
                if (c.Repo is null || (r.Repo is not null && string.Equals(AttributionDirectory.NormaliseRepo(c.Repo), AttributionDirectory.NormaliseRepo(r.Repo), StringComparison.Ordinal)))
                {
                    if (latest is null || c.At > latest.At)
                    {
                        latest = c;
                    }

                    break;
                }
            }
        }

        return latest;
    }
}
