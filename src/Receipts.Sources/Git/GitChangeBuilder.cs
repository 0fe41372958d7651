using System.Globalization;
using System.Text.RegularExpressions;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Tickets;

namespace Receipts.Sources.Git;

/// <summary>
/// Turns a first-parent commit into a <see cref="Change"/>: its PR / MR number (merge commit
/// <c>Merge pull request #N from owner/branch</c>, squash <c>Title (#N)</c>, GitLab
/// <c>See merge request group/project!N</c>), head branch, files against the first parent with
/// renames followed, tags, ticket ids and the revert references its message carries.
/// </summary>
internal static partial class GitChangeBuilder
{
    public const string Source = "git";

    public static Change Build(GitCommit commit, string repo)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var (subject, body) = Split(commit.Message);
        int? number = null;
        string? id = null;
        string? headBranch = null;
        var title = subject;

        var isMerge = subject.StartsWith("Merge ", StringComparison.Ordinal);
        if (isMerge && GitHubMerge().Match(subject) is { Success: true } merge)
        {
            number = Parse(merge.Groups[1].Value);
            var from = merge.Groups[2].Value;
            var slash = from.IndexOf('/', StringComparison.Ordinal);
            headBranch = slash > 0 ? from[(slash + 1)..] : from;

            // GitHub's classic merge message carries the PR title as the body's first line.
            if (FirstLine(body) is { Length: > 0 } prTitle)
            {
                title = prTitle;
            }
        }
        else if (isMerge && BranchMerge().Match(subject) is { Success: true } branchMerge)
        {
            headBranch = branchMerge.Groups[1].Value;
            if (headBranch.StartsWith("origin/", StringComparison.Ordinal))
            {
                headBranch = headBranch["origin/".Length..];
            }
        }

        if (body.Contains("See merge request ", StringComparison.Ordinal) && GitLabMergeRequest().Match(body) is { Success: true } mergeRequest && Parse(mergeRequest.Groups[1].Value) is { } mr)
        {
            number = mr;
            id = "!" + mr.ToString(CultureInfo.InvariantCulture);
        }
        else if (number is null && SquashNumber().Match(subject) is { Success: true } squash)
        {
            // The last (#N) is the PR that landed; inner numbers are references.
            number = Parse(squash.Groups[1].Value);
        }

        id ??= number is { } n ? "#" + n.ToString(CultureInfo.InvariantCulture) : commit.Sha;

        var files = new List<string>(commit.Files.Count);
        var previous = new List<string>();
        foreach (var file in commit.Files)
        {
            files.Add(file.Path);
            if (file.OldPath is { } old && !string.Equals(old, file.Path, StringComparison.Ordinal))
            {
                previous.Add(old);
            }
        }

        return new Change
        {
            Repo = repo,
            Id = id,
            Sha = commit.Sha,
            Number = number,
            MergedAt = commit.CommittedAt,
            Author = commit.AuthorEmail.Length > 0 ? commit.AuthorEmail : commit.AuthorName,
            HeadBranch = headBranch,
            Title = title,
            Files = files,
            PreviousFiles = previous,
            Tags = commit.Tags,
            Tickets = TicketIdParser.InChange(subject, headBranch),
            Reverts = RevertMessageParser.Parse(subject, body),
            Source = Source,
        };
    }

    private static (string Subject, string Body) Split(string message)
    {
        var text = message.TrimStart('\n', '\r');
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? (text.Trim(), string.Empty) : (text[..end].Trim(), text[(end + 1)..]);
    }

    private static string FirstLine(string body)
    {
        var position = 0;
        while (position < body.Length)
        {
            var end = body.IndexOf('\n', position);
            if (end < 0)
            {
                end = body.Length;
            }

            var line = body.AsSpan(position, end - position).Trim();
            if (!line.IsEmpty)
            {
                return line.ToString();
            }

            position = end + 1;
        }

        return string.Empty;
    }

    private static int? Parse(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    [GeneratedRegex(@"^Merge pull request #(\d{1,9}) from (\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubMerge();

    [GeneratedRegex(@"^Merge (?:remote-tracking )?branch '([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex BranchMerge();

    [GeneratedRegex(@"(?m)^See merge request \S*!(\d{1,9})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex GitLabMergeRequest();

    [GeneratedRegex(@"\(#(\d{1,9})\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SquashNumber();
}
