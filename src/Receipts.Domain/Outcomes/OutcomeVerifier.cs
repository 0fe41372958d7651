using System.Text.RegularExpressions;

namespace Receipts.Domain.Outcomes;

/// <summary>
/// Decides, for each change, whether it is verified, disqualified or still pending at an as-of instant.
/// Pure: everything it needs is passed in (changes with the revert references their importer extracted,
/// ticket events, the window policy, the rules).
/// <list type="bullet">
/// <item>A disqualifier counts only when it happened after the merge, at or before the end of the change's
/// window (merge + N days, N in force at the merge) and at or before as-of. It disqualifies at once.</item>
/// <item><b>Revert</b>: a later change that names it (sha, PR/MR number, subject). A revert that names
/// nothing we can pair (free-form <c>revert: …</c>, an unknown sha) disqualifies every change in its
/// window whose files it touches — the liberal fallback: better to miss a survivor than to count one
/// the team took back.</item>
/// <item><b>Reapply</b> (a revert of a revert) restores the original: a revert stops counting when it was
/// itself reverted by the time the original's window closed (or as-of, if earlier), unless reverted again.
/// The reading is "what stood at the end of the window".</item>
/// <item><b>Hotfix</b>: a later change whose title, labels, tags or head branch match the pattern, in the same
/// area, within the hotfix horizon (72 h) and the window.</item>
/// <item><b>Reopen</b>: a <see cref="TicketEventKind.Reopened"/> event for a ticket linked to the change.</item>
/// </list>
/// </summary>
public sealed class OutcomeVerifier
{
    private const int MaxRevertChain = 64;
    private readonly WindowPolicy _policy;
    private readonly OutcomeRules _rules;
    private readonly Regex _hotfix;

    public OutcomeVerifier(WindowPolicy policy, OutcomeRules rules)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rules);
        _policy = policy;
        _rules = rules;
        _hotfix = rules.HotfixRegex();
    }

    /// <summary>
    /// Verdicts for <paramref name="changes"/> (pass every change of the repos concerned, not only the
    /// period shown: a revert may land after the period; filter the result with <see cref="VerificationResult"/>'s verdicts).
    /// </summary>
    public VerificationResult Verify(IEnumerable<Change> changes, IEnumerable<TicketEvent> ticketEvents, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(ticketEvents);

        var reopens = ticketEvents
            .Where(e => e.Kind == TicketEventKind.Reopened)
            .GroupBy(e => e.TicketId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.At).ToList(), StringComparer.OrdinalIgnoreCase);

        var verdicts = new List<ChangeVerdict>();
        foreach (var repo in changes.GroupBy(c => c.Repo, StringComparer.Ordinal))
        {
            var ordered = repo.OrderBy(c => c.MergedAt).ToList();
            verdicts.AddRange(VerifyRepo(ordered, reopens, asOf));
        }

        verdicts.Sort((a, b) =>
        {
            var byTime = a.Change.MergedAt.CompareTo(b.Change.MergedAt);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Change.Repo + a.Change.Id, b.Change.Repo + b.Change.Id);
        });
        return new VerificationResult(verdicts, VerificationTotals.Of(verdicts));
    }

    private List<ChangeVerdict> VerifyRepo(List<Change> ordered, Dictionary<string, List<TicketEvent>> reopens, DateTimeOffset asOf)
    {
        var resolver = new RevertResolver(ordered);
        var revertersOf = new Dictionary<Change, List<(Change Revert, string Evidence)>>(ReferenceEqualityComparer.Instance);
        var unresolvedReverts = new List<Change>();
        var hotfixes = new List<Change>();
        foreach (var change in ordered)
        {
            var targets = resolver.Resolve(change);
            foreach (var (target, evidence) in targets)
            {
                if (!revertersOf.TryGetValue(target, out var list))
                {
                    list = [];
                    revertersOf[target] = list;
                }

                list.Add((change, evidence));
            }

            // A sha that pairs with nothing is usually branch-local churn quoted in a squash body, so
            // only a change that reads as a revert (or names a PR/MR) falls back to file overlap.
            if (targets.Count == 0 && (RevertMessageParser.IsRevertSubject(change.Title)
                || change.Reverts.Any(r => r.Kind is RevertTargetKind.PullRequest or RevertTargetKind.MergeRequest)))
            {
                unresolvedReverts.Add(change);
            }

            if (IsHotfix(change))
            {
                hotfixes.Add(change);
            }
        }

        var result = new List<ChangeVerdict>(ordered.Count);
        foreach (var change in ordered)
        {
            var team = _policy.TeamOf(change);
            var days = _policy.DaysFor(team, change.MergedAt);
            var windowEnd = change.MergedAt.AddDays(days);
            var cutoff = windowEnd < asOf ? windowEnd : asOf;
            var reasons = new List<Disqualifier>();

            if (revertersOf.TryGetValue(change, out var reverters))
            {
                foreach (var (revert, evidence) in reverters)
                {
                    if (revert.MergedAt >= change.MergedAt && IsStanding(revert, cutoff, revertersOf, 0))
                    {
                        reasons.Add(new Disqualifier(DisqualifierKind.Revert, revert.Id, revert.MergedAt, evidence));
                    }
                }
            }

            foreach (var revert in unresolvedReverts)
            {
                if (revert.MergedAt > change.MergedAt && revert.MergedAt <= cutoff
                    && Area.Overlap(change, revert, 0) is not null
                    && IsStanding(revert, cutoff, revertersOf, 0))
                {
                    reasons.Add(new Disqualifier(DisqualifierKind.Revert, revert.Id, revert.MergedAt, "files"));
                }
            }

            var hotfixEnd = change.MergedAt.AddHours(_rules.HotfixHours);
            foreach (var hotfix in hotfixes)
            {
                if (hotfix.MergedAt > change.MergedAt && hotfix.MergedAt <= cutoff && hotfix.MergedAt <= hotfixEnd
                    && Area.Overlap(change, hotfix, _rules.AreaDepth) is { } overlap)
                {
                    reasons.Add(new Disqualifier(DisqualifierKind.Hotfix, hotfix.Id, hotfix.MergedAt, overlap));
                }
            }

            foreach (var ticket in change.Tickets.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (reopens.TryGetValue(ticket, out var events)
                    && events.FirstOrDefault(e => e.At > change.MergedAt && e.At <= cutoff) is { } reopen)
                {
                    reasons.Add(new Disqualifier(DisqualifierKind.Reopen, reopen.TicketId, reopen.At, "ticket"));
                }
            }

            reasons.Sort((a, b) => a.At.CompareTo(b.At));
            var status = reasons.Count > 0 ? ChangeStatus.Disqualified
                : windowEnd <= asOf ? ChangeStatus.Verified
                : ChangeStatus.Pending;
            result.Add(new ChangeVerdict { Change = change, Team = team, WindowDays = days, Status = status, Reasons = reasons });
        }

        return result;
    }

    /// <summary>A revert stands at <paramref name="at"/> when it had landed and no standing revert of it had.</summary>
    private static bool IsStanding(Change revert, DateTimeOffset at, Dictionary<Change, List<(Change Revert, string Evidence)>> revertersOf, int depth)
    {
        if (revert.MergedAt > at)
        {
            return false;
        }

        if (depth >= MaxRevertChain || !revertersOf.TryGetValue(revert, out var reverters))
        {
            return true;
        }

        return !reverters.Any(r => r.Revert.MergedAt >= revert.MergedAt && IsStanding(r.Revert, at, revertersOf, depth + 1));
    }

    private bool IsHotfix(Change change) =>
        _hotfix.IsMatch(change.Title)
        || change.Labels.Any(_hotfix.IsMatch)
        || change.Tags.Any(_hotfix.IsMatch)
        || (change.HeadBranch is { } branch && _hotfix.IsMatch(branch));
}
