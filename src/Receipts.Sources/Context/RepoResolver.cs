using System.Collections.Concurrent;

namespace Receipts.Sources.Context;

/// <summary>
/// Maps a working directory to its repository: walks up to the folder holding <c>.git</c> (a directory,
/// or a file for worktrees and submodules), reads the remote <c>origin</c> url (else the first remote) from
/// its config and normalises it (<see cref="RepoUrl"/>). Falls back to the working directory itself when
/// there is no repository or no remote on this machine. Cached per directory.
/// </summary>
public sealed class RepoResolver
{
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    /// <summary>The repository of <paramref name="cwd"/>, else <paramref name="cwd"/>; null for null.</summary>
    public string? Resolve(string? cwd)
    {
        if (string.IsNullOrEmpty(cwd))
        {
            return null;
        }

        return _cache.GetOrAdd(cwd, static c => Lookup(c) ?? c);
    }

    private static string? Lookup(string cwd)
    {
        try
        {
            for (var directory = cwd; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
            {
                var dotGit = Path.Combine(directory, ".git");
                string? gitDirectory = null;
                if (Directory.Exists(dotGit))
                {
                    gitDirectory = dotGit;
                }
                else if (File.Exists(dotGit))
                {
                    gitDirectory = GitDirFromFile(dotGit, directory);
                }

                if (gitDirectory is not null)
                {
                    return RepoUrl.Normalize(RemoteUrl(ConfigPath(gitDirectory)));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // An unreadable repository is attributed by its path instead.
        }

        return null;
    }

    // A worktree's or submodule's .git file: "gitdir: <path>", relative to the folder holding it.
    private static string? GitDirFromFile(string dotGitFile, string directory)
    {
        foreach (var line in File.ReadLines(dotGitFile))
        {
            if (line.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                return Path.GetFullPath(line["gitdir:".Length..].Trim(), directory);
            }
        }

        return null;
    }

    // Worktrees share the main repository's config, named by "commondir".
    private static string ConfigPath(string gitDirectory)
    {
        var commonDir = Path.Combine(gitDirectory, "commondir");
        if (File.Exists(commonDir))
        {
            var common = File.ReadAllText(commonDir).Trim();
            return Path.Combine(Path.GetFullPath(common, gitDirectory), "config");
        }

        return Path.Combine(gitDirectory, "config");
    }

    internal static string? RemoteUrl(string configPath)
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

            if (section is null || !section.StartsWith("[remote ", StringComparison.Ordinal))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !line[..equals].Trim().Equals("url", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var url = line[(equals + 1)..].Trim().Trim('"');
            if (section.Replace(" ", string.Empty, StringComparison.Ordinal) == "[remote\"origin\"]")
            {
                return url;
            }

            first ??= url;
        }

        return first;
    }
}
