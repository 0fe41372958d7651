namespace Receipts.Domain.Outcomes;

/// <summary>
/// Pairs each revert with the change(s) it reverts, inside one repository, by the strongest evidence
/// it carries: a sha (full or abbreviated, of a change on the branch), then a PR / MR number, then the
/// reverted subject. Only earlier changes can be targets; a sha that is not a change (a branch-local
/// commit quoted in a squash body) pairs with nothing.
/// </summary>
internal sealed class RevertResolver
{
    private const int PrefixLength = 7;
    private readonly Dictionary<string, List<Change>> _byShaPrefix = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<Change>> _byNumber = [];
    private readonly Dictionary<string, List<Change>> _byMergeRequest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Change>> _byTitle = new(StringComparer.Ordinal);
    private readonly List<Change> _ordered;

    /// <param name="ordered">One repository's changes, oldest first.</param>
    public RevertResolver(IReadOnlyList<Change> ordered)
    {
        _ordered = [.. ordered];
        foreach (var change in ordered)
        {
            if (change.Sha.Length >= PrefixLength)
            {
                AddTo(_byShaPrefix, change.Sha[..PrefixLength].ToLowerInvariant(), change);
            }

            if (change.Id.StartsWith('!'))
            {
                AddTo(_byMergeRequest, change.Id[1..], change);
            }
            else if (change.Number is { } number)
            {
                AddTo(_byNumber, number, change);
            }

            AddTo(_byTitle, change.Title.Trim(), change);
            var bare = TitleMatching.WithoutPullRequestSuffix(change.Title);
            if (!string.Equals(bare, change.Title.Trim(), StringComparison.Ordinal))
            {
                AddTo(_byTitle, bare, change);
            }
        }
    }

    /// <summary>The changes <paramref name="revert"/> reverts, with the evidence used; empty when unresolved.</summary>
    public IReadOnlyList<(Change Target, string Evidence)> Resolve(Change revert)
    {
        ArgumentNullException.ThrowIfNull(revert);
        if (revert.Reverts.Count == 0)
        {
            return [];
        }

        var bySha = revert.Reverts
            .Where(r => r.Kind == RevertTargetKind.Sha)
            .Select(r => BySha(r.Value, revert))
            .OfType<Change>()
            .Distinct()
            .Select(c => (c, "sha"))
            .ToList();
        if (bySha.Count > 0)
        {
            return bySha;
        }

        var byNumber = revert.Reverts
            .Where(r => r.Kind is RevertTargetKind.PullRequest or RevertTargetKind.MergeRequest)
            .Select(r => (Change: ByNumber(r, revert), Evidence: r.Kind == RevertTargetKind.PullRequest ? "pull-request" : "merge-request"))
            .Where(t => t.Change is not null)
            .Select(t => (t.Change!, t.Evidence))
            .DistinctBy(t => t.Item1)
            .ToList();
        if (byNumber.Count > 0)
        {
            return byNumber;
        }

        return revert.Reverts
            .Where(r => r.Kind == RevertTargetKind.Subject)
            .Select(r => BySubject(r.Value, revert))
            .OfType<Change>()
            .Distinct()
            .Select(c => (c, "subject"))
            .ToList();
    }

    private Change? BySha(string sha, Change revert)
    {
        if (sha.Length < PrefixLength || !_byShaPrefix.TryGetValue(sha[..PrefixLength].ToLowerInvariant(), out var candidates))
        {
            return null;
        }

        var matches = candidates
            .Where(c => c.Sha.StartsWith(sha, StringComparison.OrdinalIgnoreCase) && IsEarlier(c, revert))
            .ToList();

        // An ambiguous abbreviation pairs with nothing rather than with a guess.
        return matches.Count == 1 ? matches[0] : null;
    }

    private Change? ByNumber(RevertReference reference, Change revert)
    {
        if (!int.TryParse(reference.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var candidates = reference.Kind == RevertTargetKind.MergeRequest
            ? _byMergeRequest.GetValueOrDefault(reference.Value)
            : _byNumber.GetValueOrDefault(number);
        return Latest(candidates, revert);
    }

    private Change? BySubject(string subject, Change revert)
    {
        var value = subject.Trim();
        var found = Latest(_byTitle.GetValueOrDefault(value), revert)
            ?? Latest(_byTitle.GetValueOrDefault(TitleMatching.WithoutPullRequestSuffix(value)), revert);
        if (found is not null)
        {
            return found;
        }

        // GitHub cuts long titles with an ellipsis: match the remaining prefix.
        var prefix = TitleMatching.TruncatedPrefix(value);
        if (prefix is null || prefix.Length < 10)
        {
            return null;
        }

        return _ordered.LastOrDefault(c => IsEarlier(c, revert) && c.Title.StartsWith(prefix, StringComparison.Ordinal));
    }

    private static Change? Latest(List<Change>? candidates, Change revert) =>
        candidates?.LastOrDefault(c => IsEarlier(c, revert));

    private static bool IsEarlier(Change candidate, Change revert) =>
        !ReferenceEquals(candidate, revert)
        && !string.Equals(candidate.Sha, revert.Sha, StringComparison.OrdinalIgnoreCase)
        && candidate.MergedAt <= revert.MergedAt;

    private static void AddTo<TKey>(Dictionary<TKey, List<Change>> index, TKey key, Change change)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        list.Add(change);
    }
}
