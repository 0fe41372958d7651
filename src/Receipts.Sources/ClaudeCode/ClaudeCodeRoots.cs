namespace Receipts.Sources.ClaudeCode;

/// <summary>
/// Where Claude Code keeps transcripts (§1.1, §2.2): <c>CLAUDE_CONFIG_DIR</c> (comma-separated) when set,
/// else both <c>$XDG_CONFIG_HOME/claude</c> (default <c>~/.config/claude</c>) and <c>~/.claude</c>.
/// A root counts only when it has a <c>projects/</c> folder; a path that is itself <c>…/projects</c> is accepted.
/// </summary>
public static class ClaudeCodeRoots
{
    public const string ConfigDirVariable = "CLAUDE_CONFIG_DIR";

    /// <summary>The roots Claude Code may use on this machine, whether or not they exist.</summary>
    public static IReadOnlyList<string> Candidates(Func<string, string?> getVariable, string home)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        if (getVariable(ConfigDirVariable) is { Length: > 0 } configured)
        {
            return configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => ExpandHome(p, home))
                .ToList();
        }

        var xdg = getVariable("XDG_CONFIG_HOME") is { Length: > 0 } x ? x : Path.Combine(home, ".config");
        return [Path.Combine(xdg, "claude"), Path.Combine(home, ".claude")];
    }

    /// <summary>The <c>projects</c> folder of <paramref name="root"/>, or null when it has none.</summary>
    public static string? ProjectsDirectory(string root)
    {
        var full = Path.GetFullPath(root);
        if (Path.GetFileName(Path.TrimEndingDirectorySeparator(full)) == "projects" && Directory.Exists(full))
        {
            return full;
        }

        var projects = Path.Combine(full, "projects");
        return Directory.Exists(projects) ? projects : null;
    }

    /// <summary>
    /// The folder to scan for an explicit <c>--path</c>: its <c>projects/</c> when it has one, else the folder itself
    /// (a copied transcript tree); null when it does not exist.
    /// </summary>
    public static string? ScanDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            return null;
        }

        return ProjectsDirectory(full) ?? full;
    }

    private static string ExpandHome(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : path;
}
