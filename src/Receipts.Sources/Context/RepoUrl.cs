namespace Receipts.Sources.Context;

/// <summary>
/// Normalises a git remote url to <c>host/owner/name</c> (<c>github.com/acme/payments</c>) whatever its form:
/// https (credentials dropped), ssh://, scp-like <c>git@host:owner/name.git</c>. Lower-cased, since the
/// hosts that matter treat repository names case-insensitively, and the form must join across sources.
/// </summary>
public static class RepoUrl
{
    /// <summary>The normalised form, or null when <paramref name="url"/> is empty.</summary>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var text = url.Trim();
        string host;
        string path;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var rest = text[(scheme + 3)..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var authority = slash < 0 ? rest : rest[..slash];
            path = slash < 0 ? string.Empty : rest[(slash + 1)..];
            var at = authority.LastIndexOf('@');
            host = at >= 0 ? authority[(at + 1)..] : authority;
            if (text.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            {
                return TrimGit(rest.TrimEnd('/'));
            }
        }
        else if (ScpLike(text, out var scpHost, out var scpPath))
        {
            host = scpHost;
            path = scpPath;
        }
        else
        {
            // A local path used as a remote.
            return TrimGit(text.TrimEnd('/'));
        }

        var colon = host.LastIndexOf(':');
        if (colon >= 0 && !host.EndsWith(']'))
        {
            host = host[..colon];
        }

        path = TrimGit(path.Trim('/'));
        return (path.Length == 0 ? host : host + "/" + path).ToLowerInvariant();
    }

    // git@github.com:acme/payments.git — a colon before any slash, and not a Windows drive letter.
    private static bool ScpLike(string text, out string host, out string path)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (colon > 1 && (slash < 0 || colon < slash))
        {
            var authority = text[..colon];
            var at = authority.LastIndexOf('@');
            host = at >= 0 ? authority[(at + 1)..] : authority;
            path = text[(colon + 1)..];
            return true;
        }

        host = path = string.Empty;
        return false;
    }

    private static string TrimGit(string path) =>
        path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? path[..^4] : path;
}
