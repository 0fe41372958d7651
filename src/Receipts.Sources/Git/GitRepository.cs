namespace Receipts.Sources.Git;

/// <summary>A local repository checked to be readable: a repository, complete (not shallow), with its name.</summary>
internal sealed class GitRepository
{
    private GitRepository(GitRunner git, string path, string name)
    {
        Git = git;
        Path = path;
        Name = name;
    }

    public GitRunner Git { get; }

    public string Path { get; }

    /// <summary>The normalised origin URL (<c>github.com/acme/payments</c>), else the repository's path.</summary>
    public string Name { get; }

    public static async Task<GitRepository> OpenAsync(string path, string gitBinary, CancellationToken cancellationToken)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!System.IO.Directory.Exists(full))
        {
            throw new GitException($"{full} does not exist.", "Pass the path of a local clone with --repo PATH.");
        }

        var git = new GitRunner(full, gitBinary);
        // One process answers the three questions: where, shallow or not, bare or not.
        var (code, answers, error) = await git.RunAsync(["rev-parse", "--absolute-git-dir", "--is-shallow-repository", "--is-bare-repository"], cancellationToken);
        var lines = answers.Split('\n', StringSplitOptions.TrimEntries);
        if (code != 0 || lines.Length < 3)
        {
            throw new GitException($"{full} is not a git repository ({GitRunner.FirstLine(error)}).", "Pass the path of a local clone with --repo PATH.");
        }

        var gitDir = lines[0];
        if (string.Equals(lines[1], "true", StringComparison.Ordinal))
        {
            throw new GitException(
                $"{full} is a shallow clone: the history before its shallow boundary is missing, so older changes, their files and the commits their reverts name cannot be read.",
                $"Run git fetch --unshallow in {full}, then import again.");
        }

        var top = string.Equals(lines[2], "true", StringComparison.Ordinal)
            ? string.Empty
            : (await git.RunAsync(["rev-parse", "--show-toplevel"], cancellationToken)).Output;
        var (remoteCode, remote, _) = await git.RunAsync(["config", "--get", "remote.origin.url"], cancellationToken);
        var name = remoteCode == 0 && remote.Length > 0
            ? Receipts.Domain.Directory.RepoName.Normalize(remote)
            : (top.Length > 0 ? top : gitDir).TrimEnd('/');
        return new GitRepository(git, full, name);
    }

    /// <summary>
    /// The branch to read and its ref: <paramref name="branch"/> as a local branch, else as
    /// <c>origin/NAME</c>, else as a ref; with no name, origin/HEAD's target, else the checked-out branch.
    /// </summary>
    public async Task<(string Branch, string Ref)> ResolveBranchAsync(string? branch, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(branch))
        {
            var name = branch.Trim();
            string[] candidates = name.StartsWith("refs/", StringComparison.Ordinal)
                ? [name]
                : ["refs/heads/" + name, "refs/remotes/origin/" + name, "refs/remotes/" + name];
            foreach (var candidate in candidates)
            {
                if (await IsCommitAsync(candidate, cancellationToken))
                {
                    return (ShortName(candidate), candidate);
                }
            }

            throw new GitException(
                $"Branch '{name}' was not found in {Path} (looked for {string.Join(", ", candidates)}).",
                $"List the branches with git -C {Path} branch -a, or leave out --branch to read the default branch.");
        }

        var (originCode, originHead, _) = await Git.RunAsync(["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"], cancellationToken);
        if (originCode == 0 && originHead.Length > 0 && await IsCommitAsync(originHead, cancellationToken))
        {
            return (ShortName(originHead), originHead);
        }

        var (headCode, head, _) = await Git.RunAsync(["symbolic-ref", "--quiet", "HEAD"], cancellationToken);
        if (headCode != 0 || head.Length == 0)
        {
            throw new GitException($"{Path} has a detached HEAD and no origin/HEAD, so its default branch is unknown.", "Name the branch with --branch NAME.");
        }

        if (!await IsCommitAsync(head, cancellationToken))
        {
            throw new GitException($"Branch '{ShortName(head)}' in {Path} has no commits yet.", "Commit or fetch first, or name another branch with --branch NAME.");
        }

        return (ShortName(head), head);
    }

    public async Task<string> ResolveCommitAsync(string reference, CancellationToken cancellationToken)
    {
        var (code, sha, error) = await Git.RunAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", reference + "^{commit}"], cancellationToken);
        return code == 0 ? sha : throw new GitException($"Cannot read {reference} in {Path}: {GitRunner.FirstLine(error)}", hint: null);
    }

    /// <summary>True when <paramref name="sha"/> still exists and is an ancestor of <paramref name="head"/>.</summary>
    public async Task<bool> IsAncestorAsync(string sha, string head, CancellationToken cancellationToken)
    {
        var (code, _, _) = await Git.RunAsync(["merge-base", "--is-ancestor", sha, head], cancellationToken);
        return code == 0;
    }

    /// <summary>The first-parent commits of <paramref name="heads"/> (heads that no longer exist are skipped).</summary>
    public async Task<HashSet<string>> FirstParentShasAsync(IReadOnlyCollection<string> heads, CancellationToken cancellationToken)
    {
        var shas = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var head in heads)
        {
            var (code, output, _) = await Git.RunAsync(["rev-list", "--first-parent", "--end-of-options", head], cancellationToken);
            if (code == 0)
            {
                shas.UnionWith(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return shas;
    }

    private async Task<bool> IsCommitAsync(string reference, CancellationToken cancellationToken)
    {
        var (code, _, _) = await Git.RunAsync(["rev-parse", "--verify", "--quiet", "--end-of-options", reference + "^{commit}"], cancellationToken);
        return code == 0;
    }

    private static string ShortName(string reference)
    {
        foreach (var prefix in (string[])["refs/heads/", "refs/remotes/origin/", "refs/remotes/", "refs/"])
        {
            if (reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                return reference[prefix.Length..];
            }
        }

        return reference;
    }
}
