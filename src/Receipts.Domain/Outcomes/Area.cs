namespace Receipts.Domain.Outcomes;

/// <summary>
/// "The same area" for the hotfix and unresolved-revert rules: two changes share a file (old or new
/// path of a rename), or, with a depth N &gt; 0, a directory prefix of N segments.
/// </summary>
internal static class Area
{
    /// <summary>How the two overlap (<c>files</c> or <c>directory</c>), or null when they do not.</summary>
    public static string? Overlap(Change a, Change b, int depth)
    {
        var aPaths = Paths(a);
        var bPaths = Paths(b);
        if (aPaths.Overlaps(bPaths))
        {
            return "files";
        }

        if (depth <= 0)
        {
            return null;
        }

        var aPrefixes = aPaths.Select(p => Prefix(p, depth)).ToHashSet(StringComparer.Ordinal);
        return bPaths.Any(p => aPrefixes.Contains(Prefix(p, depth))) ? "directory" : null;
    }

    private static HashSet<string> Paths(Change change)
    {
        var set = new HashSet<string>(change.Files, StringComparer.Ordinal);
        set.UnionWith(change.PreviousFiles);
        return set;
    }

    /// <summary>The first <paramref name="depth"/> directory segments; a file at the root is its own area.</summary>
    internal static string Prefix(string path, int depth)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length <= 1)
        {
            return path;
        }

        var directories = segments.Length - 1;
        return string.Join('/', segments.Take(Math.Min(depth, directories)));
    }
}
