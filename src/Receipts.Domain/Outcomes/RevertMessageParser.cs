using System.Globalization;
using System.Text.RegularExpressions;

namespace Receipts.Domain.Outcomes;

/// <summary>
/// Reads what a commit message or PR/MR text says it reverts, in the shapes git and the hosts write:
/// <c>This reverts commit &lt;sha&gt;.</c> (full or abbreviated, also <c>, reversing changes made to …</c>),
/// <c>Reverts owner/repo#N</c> (GitHub's revert button), <c>This reverts merge request !N</c> (GitLab),
/// and subjects <c>Revert "S"</c>, <c>Reapply "S"</c>, <c>Revert "Revert "S""</c> — matched by subject
/// when the text names no sha. Pure and total: odd or corrupted text gives fewer references, never an error.
/// The one reading of revert markers: the git importer passes a commit's subject and body, the GitHub and
/// GitLab importers a PR/MR's title, body and head branch.
/// </summary>
public static partial class RevertMessageParser
{
    /// <summary>The references found, strongest evidence first, without duplicates.</summary>
    public static IReadOnlyList<RevertReference> Parse(string subject, string? body) => Parse(subject, body, headBranch: null, repository: null);

    /// <summary>
    /// The references in a PR/MR (or commit): as <see cref="Parse(string, string?)"/>, plus GitHub's revert
    /// branch <c>revert-N-…</c> as <paramref name="headBranch"/>; with <paramref name="repository"/>
    /// (<c>owner/name</c>, or a normalised <c>host/owner/name</c>) a <c>Reverts other/repo#N</c> naming another
    /// repository is ignored.
    /// </summary>
    public static IReadOnlyList<RevertReference> Parse(string subject, string? body, string? headBranch, string? repository)
    {
        ArgumentNullException.ThrowIfNull(subject);

        // Most messages are not reverts: one vectorised scan decides before any pattern runs.
        if (subject.IndexOf("revert", StringComparison.OrdinalIgnoreCase) < 0 && subject.IndexOf("reapply", StringComparison.OrdinalIgnoreCase) < 0
            && (body is null || body.IndexOf("revert", StringComparison.OrdinalIgnoreCase) < 0)
            && (headBranch is null || !headBranch.StartsWith("revert-", StringComparison.Ordinal)))
        {
            return [];
        }

        var result = new List<RevertReference>();
        var (innerSubject, isRevertOfRevert) = InnerSubject(subject);
        var text = subject + "\n" + (body ?? string.Empty);

        foreach (Match m in ShaLine().Matches(text))
        {
            Add(result, new RevertReference(RevertTargetKind.Sha, m.Groups[1].Value.ToLowerInvariant(), isRevertOfRevert));
        }

        foreach (Match m in RevertsPullRequest().Matches(text))
        {
            if (m.Groups[1].Success && repository is not null && !SameRepository(repository, m.Groups[1].Value))
            {
                continue;
            }

            Add(result, new RevertReference(RevertTargetKind.PullRequest, Number(m.Groups[2].Value), isRevertOfRevert));
        }

        foreach (Match m in RevertsMergeRequest().Matches(text))
        {
            Add(result, new RevertReference(RevertTargetKind.MergeRequest, Number(m.Groups[1].Value), isRevertOfRevert));
        }

        if (innerSubject is not null)
        {
            // GitHub's revert branch: "Merge pull request #M from owner/revert-N-branch".
            var branch = RevertBranch().Match(subject);
            if (branch.Success)
            {
                Add(result, new RevertReference(RevertTargetKind.PullRequest, Number(branch.Groups[1].Value), isRevertOfRevert));
            }

            // Revert "Title (#N)" or Revert "Merge pull request #N from …": the inner number is the
            // reverted PR (it outranks the subject match).
            var inner = TrailingPullRequest().Match(innerSubject);
            var innerMerge = MergePullRequest().Match(innerSubject);
            if (inner.Success && !isRevertOfRevert)
            {
                Add(result, new RevertReference(RevertTargetKind.PullRequest, Number(inner.Groups[1].Value)));
            }
            else if (innerMerge.Success)
            {
                Add(result, new RevertReference(RevertTargetKind.PullRequest, Number(innerMerge.Groups[1].Value)));
            }

            Add(result, new RevertReference(RevertTargetKind.Subject, innerSubject, isRevertOfRevert));
        }
        else if (RevertBranch().Match(subject) is { Success: true } branch)
        {
            Add(result, new RevertReference(RevertTargetKind.PullRequest, Number(branch.Groups[1].Value)));
        }

        if (headBranch is not null && HeadRevertBranch().Match(headBranch) is { Success: true } head)
        {
            Add(result, new RevertReference(RevertTargetKind.PullRequest, Number(head.Groups[1].Value), isRevertOfRevert));
        }

        return result;
    }

    private static bool SameRepository(string repository, string named) =>
        string.Equals(repository, named, StringComparison.OrdinalIgnoreCase)
        || (repository.EndsWith(named, StringComparison.OrdinalIgnoreCase) && repository[^(named.Length + 1)] == '/');

    /// <summary>
    /// True when the subject reads as a revert, including free-form ones with no target
    /// (<c>Revert globToRegex removal</c>, <c>revert: …</c>, <c>revert(#12): …</c>) and reapplies.
    /// </summary>
    public static bool IsRevertSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return LooseRevert().IsMatch(subject) || RevertBranch().IsMatch(subject);
    }

    /// <summary>
    /// The subject of the commit a <c>Revert "…"</c> / <c>Reapply "…"</c> subject reverts, and whether
    /// that commit was itself a revert. <c>Reapply "S"</c> reverts <c>Revert "S"</c>.
    /// </summary>
    internal static (string? Subject, bool IsRevertOfRevert) InnerSubject(string subject)
    {
        var s = subject.Trim();
        string prefix;
        bool reapply;
        if (s.StartsWith("Revert \"", StringComparison.OrdinalIgnoreCase))
        {
            prefix = "Revert \"";
            reapply = false;
        }
        else if (s.StartsWith("Reapply \"", StringComparison.OrdinalIgnoreCase))
        {
            prefix = "Reapply \"";
            reapply = true;
        }
        else
        {
            return (null, false);
        }

        var inner = s[prefix.Length..];

        // A squash-merged revert PR appends its own number after the closing quote: Revert "x (#12)" (#15).
        var landing = TrailingPullRequest().Match(inner);
        if (landing.Success && inner[..landing.Index].EndsWith('"'))
        {
            inner = inner[..landing.Index];
        }

        if (inner.EndsWith('"'))
        {
            inner = inner[..^1];
        }

        inner = inner.Trim();
        if (inner.Length == 0)
        {
            return (null, false);
        }

        if (reapply)
        {
            return ("Revert \"" + inner + "\"", true);
        }

        var innerIsRevert = inner.StartsWith("Revert \"", StringComparison.OrdinalIgnoreCase)
            || inner.StartsWith("Reapply \"", StringComparison.OrdinalIgnoreCase);
        return (inner, innerIsRevert);
    }

    private static string Number(string digits) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n.ToString(CultureInfo.InvariantCulture)
            : digits;

    private static void Add(List<RevertReference> list, RevertReference reference)
    {
        if (!list.Contains(reference))
        {
            list.Add(reference);
        }
    }

    [GeneratedRegex(@"\bThis reverts commit ([0-9a-fA-F]{7,40})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShaLine();

    [GeneratedRegex(@"(?m)^\s*Reverts\s+([\w.-]+/[\w.-]+)?#(\d{1,9})\b", RegexOptions.CultureInvariant)]
    private static partial Regex RevertsPullRequest();

    [GeneratedRegex(@"\bThis reverts merge request (?:[\w./-]+)?!(\d{1,9})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RevertsMergeRequest();

    [GeneratedRegex(@"^Merge pull request #\d+ from [^/\s]+/revert-(\d{1,9})-", RegexOptions.CultureInvariant)]
    private static partial Regex RevertBranch();

    [GeneratedRegex(@"^revert-(\d{1,9})-", RegexOptions.CultureInvariant)]
    private static partial Regex HeadRevertBranch();

    [GeneratedRegex(@"^Merge pull request #(\d{1,9}) from ", RegexOptions.CultureInvariant)]
    private static partial Regex MergePullRequest();

    [GeneratedRegex(@"\s*\(#(\d{1,9})\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingPullRequest();

    [GeneratedRegex(@"^\s*(revert|reapply)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LooseRevert();
}
