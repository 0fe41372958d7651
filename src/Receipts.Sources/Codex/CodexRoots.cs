namespace Receipts.Sources.Codex;

/// <summary>
/// Where Codex CLI keeps sessions (§7.1): <c>$CODEX_HOME/sessions</c> and <c>$CODEX_HOME/archived_sessions</c>,
/// <c>CODEX_HOME</c> defaulting to <c>~/.codex</c>.
/// </summary>
public static class CodexRoots
{
    public const string HomeVariable = "CODEX_HOME";

    private static readonly string[] Folders = ["sessions", "archived_sessions"];

    /// <summary>The Codex home of this machine, whether or not it exists.</summary>
    public static string Home(Func<string, string?> getVariable, string home)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        return getVariable(HomeVariable) is { Length: > 0 } configured ? configured : Path.Combine(home, ".codex");
    }

    /// <summary>
    /// The session folders to scan, <c>sessions/</c> first (its copy of a file wins): for a Codex home, its
    /// <c>sessions/</c> and <c>archived_sessions/</c>; for any other existing folder, the folder itself.
    /// Empty when <paramref name="path"/> does not exist.
    /// </summary>
    public static IReadOnlyList<string> SessionDirectories(string path, bool acceptPlainFolder)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            return [];
        }

        var found = Folders
            .Select(name => Path.Combine(full, name))
            .Where(Directory.Exists)
            .ToList();
        return found.Count > 0 ? found : acceptPlainFolder ? [full] : [];
    }
}
