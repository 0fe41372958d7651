namespace Receipts.Sources.Sync;

/// <summary>Paths in <c>receipts.yaml</c>: <c>~</c> is the home folder, relative paths start at the file's folder; globs in the file name.</summary>
internal static class SyncPaths
{
    public static string Resolve(string path, SyncContext context)
    {
        var expanded = path == "~" ? context.HomeDirectory
            : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(context.HomeDirectory, path[2..])
            : path;
        return Path.GetFullPath(expanded, context.BaseDirectory);
    }

    /// <summary>The files a pattern like <c>/exports/*.csv</c> matches (wildcards in the last segment), sorted.</summary>
    public static List<string> Glob(string pattern, SyncContext context)
    {
        var full = Resolve(pattern, context);
        var name = Path.GetFileName(full);
        if (name.IndexOfAny(['*', '?']) < 0)
        {
            return File.Exists(full) ? [full] : [];
        }

        var folder = Path.GetDirectoryName(full)!;
        return Directory.Exists(folder) ? Directory.GetFiles(folder, name).Order(StringComparer.Ordinal).ToList() : [];
    }
}
