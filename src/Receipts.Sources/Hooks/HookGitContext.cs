using System.Text.RegularExpressions;

namespace Receipts.Sources.Hooks;

/// <summary>
/// Repository, branch and ticket ids for a working directory, read straight from <c>.git</c> (no git
/// process: the hook has a 1.5 s budget). Handles worktrees and submodules (<c>.git</c> file with
/// <c>gitdir:</c>, <c>commondir</c>). Credentials in remote URLs are never kept.
/// </summary>
internal static partial class HookGitContext
{
    private static readonly HashSet<string> NotTicketPrefixes = new(StringComparer.Ordinal)
    {
        "FEAT", "FEATURE", "FIX", "BUG", "BUGFIX", "HOTFIX", "RELEASE", "CHORE", "DEPS", "V", "UTF", "SHA", "ISO", "RFC",
    };

    public sealed record Context(string? Repo, string? Branch, string? Root);

    public static Context Resolve(string? cwd)
    {
        if (string.IsNullOrEmpty(cwd))
        {
            return new Context(null, null, null);
        }

        try
        {
            for (var directory = new DirectoryInfo(cwd); directory is not null; directory = directory.Parent)
            {
                var dotGit = Path.Combine(directory.FullName, ".git");
                string? gitDir = Directory.Exists(dotGit) ? dotGit : File.Exists(dotGit) ? GitDirFromFile(dotGit, directory.FullName) : null;
                if (gitDir is null)
                {
                    continue;
                }

                var commonDir = CommonDir(gitDir);
                var remote = RemoteUrl(Path.Combine(commonDir, "config"));
                return new Context(remote is not null ? NormaliseRemote(remote) : directory.FullName, HeadBranch(gitDir), directory.FullName);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Security.SecurityException)
        {
            // No context is better than a failed hook.
        }

        return new Context(null, null, null);
    }

    /// <summary><c>feat/PAY-123-refunds</c> → <c>PAY-123</c>; lower-case keys are upper-cased; words like fix-2 are not tickets.</summary>
    public static IReadOnlyList<string> TicketIds(string? branch)
    {
        if (string.IsNullOrEmpty(branch))
        {
            return [];
        }

        var result = new List<string>();
        foreach (Match match in TicketPattern().Matches(branch))
        {
            var ticket = match.Value.ToUpperInvariant();
            var prefix = ticket[..ticket.IndexOf('-', StringComparison.Ordinal)];
            if (!NotTicketPrefixes.Contains(prefix) && !result.Contains(ticket))
            {
                result.Add(ticket);
            }
        }

        return result;
    }

    /// <summary><c>git@github.com:acme/payments.git</c>, <c>https://token@github.com/acme/payments</c> → <c>github.com/acme/payments</c>.</summary>
    public static string NormaliseRemote(string url)
    {
        var text = url.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            text = uri.Host + uri.AbsolutePath;
        }
        else if (ScpLike().Match(text) is { Success: true } scp)
        {
            text = scp.Groups["host"].Value + "/" + scp.Groups["path"].Value;
        }

        text = text.TrimEnd('/');
        if (text.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4];
        }

        return text.ToLowerInvariant();
    }

    private static string? GitDirFromFile(string dotGitFile, string worktree)
    {
        var content = File.ReadAllText(dotGitFile).Trim();
        if (!content.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            return null;
        }

        var path = content["gitdir:".Length..].Trim();
        return Path.GetFullPath(path, worktree);
    }

    private static string CommonDir(string gitDir)
    {
        var file = Path.Combine(gitDir, "commondir");
        return File.Exists(file) ? Path.GetFullPath(File.ReadAllText(file).Trim(), gitDir) : gitDir;
    }

    private static string? HeadBranch(string gitDir)
    {
        var head = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(head))
        {
            return null;
        }

        var content = File.ReadAllText(head).Trim();
        const string prefix = "ref: refs/heads/";
        return content.StartsWith(prefix, StringComparison.Ordinal) ? content[prefix.Length..] : null;
    }

    private static string? RemoteUrl(string configPath)
    {
        if (!File.Exists(configPath))
        {
            return null;
        }

        string? section = null;
        string? first = null;
        foreach (var raw in File.ReadLines(configPath))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                section = line;
                continue;
            }

            if (section is null || !section.StartsWith("[remote ", StringComparison.Ordinal) || !line.StartsWith("url", StringComparison.Ordinal))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var url = line[(equals + 1)..].Trim();
            if (section == "[remote \"origin\"]")
            {
                return url;
            }

            first ??= url;
        }

        return first;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{1,9}-\d+(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex TicketPattern();

    [GeneratedRegex(@"^(?:[^@/]+@)?(?<host>[^:/]+):(?<path>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLike();
}
