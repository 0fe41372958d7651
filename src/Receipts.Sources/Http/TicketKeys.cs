using System.Text.RegularExpressions;

namespace Receipts.Sources.Http;

/// <summary>
/// Tracker keys (<c>PAY-123</c>) named in a title (upper case, as people write them in titles) or a branch
/// (any case: <c>feat/pay-123-x</c>, Linear's <c>sarah/eng-12-fix</c>), returned upper-case. The same reading
/// as the git importer's, so a change names a ticket the same way whichever source saw it.
/// </summary>
public static partial class TicketKeys
{
    // Upper-case words that look like keys but are standards and encodings.
    private static readonly HashSet<string> NotProjects = new(StringComparer.Ordinal) { "UTF", "SHA", "ISO", "RFC", "CVE", "HTTP", "TLS", "GPT", "AES", "X86", "ARM", "WIN" };

    /// <summary>Keys in a title or other prose: upper case only, so <c>utf-8</c> and <c>step-2</c> are not tickets.</summary>
    public static IEnumerable<string> In(string? text) => Find(text, TitleKey());

    // Branch words followed by a number that name no tracker: GitHub's revert-N-…, release-2, issue-12, step-3.
    private static readonly HashSet<string> NotBranchProjects = new(StringComparer.Ordinal)
    {
        "REVERT", "RELEASE", "HOTFIX", "BUGFIX", "FIX", "FEAT", "FEATURE", "PATCH", "ISSUE", "ISSUES", "PR", "PULL",
        "STEP", "PART", "PHASE", "CHORE", "DEPENDABOT", "RENOVATE", "BACKPORT", "TEST", "WIP", "DRAFT", "TRY", "V",
    };

    /// <summary>Keys in a branch name, any case.</summary>
    public static IEnumerable<string> InBranch(string? branch) =>
        Find(branch, BranchKey()).Where(key => !NotBranchProjects.Contains(key[..key.LastIndexOf('-')]));

    private static IEnumerable<string> Find(string? text, Regex pattern)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (Match match in pattern.Matches(text))
        {
            var project = match.Groups["project"].Value.ToUpperInvariant();
            if (!NotProjects.Contains(project))
            {
                yield return project + "-" + match.Groups["number"].Value;
            }
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<project>[A-Z][A-Z0-9]{1,9})-(?<number>[1-9][0-9]{0,6})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex TitleKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<project>[A-Za-z][A-Za-z0-9]{1,9})-(?<number>[1-9][0-9]{0,6})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex BranchKey();
}
