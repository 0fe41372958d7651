using System.Text.RegularExpressions;
using Receipts.Domain.Outcomes;

namespace Receipts.Sources.Http;

/// <summary>
/// What a PR/MR says it reverts, in the shapes git and the hosts write: title <c>Revert "…"</c> /
/// <c>Reapply "…"</c> (nested quotes unwrapped, depth counted), body <c>Reverts owner/repo#N</c>,
/// <c>This reverts commit &lt;sha&gt;</c>, <c>This reverts merge request !N</c>, and GitHub's
/// revert branch <c>revert-N-…</c>. Never throws on odd text.
/// </summary>
public static partial class RevertText
{
    public static IReadOnlyList<RevertReference> Parse(string? title, string? body, string? headBranch, string repository)
    {
        var found = new List<RevertReference>();
        if (Subject(title) is { } subject)
        {
            found.Add(subject);
        }

        if (!string.IsNullOrEmpty(body))
        {
            foreach (Match match in RevertsPullRequest().Matches(body))
            {
                var repo = match.Groups["repo"];
                if (!repo.Success || string.Equals(repo.Value, repository, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(new RevertReference(RevertTargetKind.PullRequest, match.Groups["number"].Value));
                }
            }

            foreach (Match match in RevertsCommit().Matches(body))
            {
                found.Add(new RevertReference(RevertTargetKind.Sha, match.Groups["sha"].Value.ToLowerInvariant()));
            }

            foreach (Match match in RevertsMergeRequest().Matches(body))
            {
                found.Add(new RevertReference(RevertTargetKind.MergeRequest, match.Groups["number"].Value));
            }
        }

        if (headBranch is not null && RevertBranch().Match(headBranch) is { Success: true } branch)
        {
            found.Add(new RevertReference(RevertTargetKind.PullRequest, branch.Groups["number"].Value));
        }

        return [.. found.Distinct()];
    }

    /// <summary><c>Revert "X"</c> → X reverted; <c>Reapply "X"</c> or <c>Revert "Revert "X""</c> → X reapplied.</summary>
    private static RevertReference? Subject(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var text = title.Trim();
        var depth = 0;
        while (true)
        {
            if (text.StartsWith("Revert \"", StringComparison.Ordinal) && text.EndsWith('"') && text.Length > 9)
            {
                depth += 1;
                text = text[8..^1];
            }
            else if (text.StartsWith("Reapply \"", StringComparison.Ordinal) && text.EndsWith('"') && text.Length > 10)
            {
                depth += 2;
                text = text[9..^1];
            }
            else
            {
                break;
            }
        }

        return depth == 0 || text.Length == 0 ? null : new RevertReference(RevertTargetKind.Subject, text, IsReapply: depth % 2 == 0);
    }

    [GeneratedRegex(@"\bReverts\s+(?:(?<repo>[\w.-]+/[\w.-]+))?#(?<number>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex RevertsPullRequest();

    [GeneratedRegex(@"This reverts commit (?<sha>[0-9a-fA-F]{7,40})\b", RegexOptions.CultureInvariant)]
    private static partial Regex RevertsCommit();

    [GeneratedRegex(@"This reverts merge request !(?<number>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex RevertsMergeRequest();

    [GeneratedRegex(@"^revert-(?<number>\d+)-", RegexOptions.CultureInvariant)]
    private static partial Regex RevertBranch();
}
