using System.Globalization;
using System.Text.RegularExpressions;

namespace Receipts.Sources.Http;

/// <summary>
/// Issues a PR or MR body says it closes: <c>closes #12</c>, <c>fixes owner/repo#12</c>,
/// <c>resolves https://host/owner/repo/issues/12</c> (GitHub's closing keywords; GitLab accepts the same).
/// Returned as <c>owner/repo#N</c>, lower-case, the form TicketEvents use for host issues. The body itself is never kept.
/// </summary>
public static partial class ClosingReferences
{
    /// <param name="text">The PR/MR body.</param>
    /// <param name="repository">The PR's own <c>owner/name</c>, for bare <c>#N</c>.</param>
    public static IEnumerable<string> In(string? text, string repository)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (Match match in Reference().Matches(text))
        {
            var repo = match.Groups["repo"].Success ? match.Groups["repo"].Value
                : match.Groups["urlrepo"].Success ? match.Groups["urlrepo"].Value
                : repository;
            var number = match.Groups["number"].Success ? match.Groups["number"].Value : match.Groups["urlnumber"].Value;
            yield return IssueId(repo, int.Parse(number, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The ticket id of a host issue: <c>owner/name#N</c>, lower-case.</summary>
    public static string IssueId(string repository, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{repository.ToLowerInvariant()}#{number}");

    [GeneratedRegex(
        @"\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+(?:(?<repo>[\w.-]+(?:/[\w.-]+)+)?#(?<number>\d+)|https?://[^\s/]+/(?<urlrepo>[\w.-]+(?:/[\w.-]+)+?)(?:/-)?/issues/(?<urlnumber>\d+))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
