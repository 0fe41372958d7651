using System.Text.RegularExpressions;

namespace Receipts.Domain.Directory;

/// <summary>
/// One spelling per repository, so the git importer, the host importers and the directory agree:
/// <c>git@github.com:Acme/Payments.git</c>, <c>https://github.com/acme/payments</c> and
/// <c>ssh://git@github.com/acme/payments.git</c> all become <c>github.com/acme/payments</c>.
/// Local paths are kept as given (without a trailing slash).
/// </summary>
public static partial class RepoName
{
    public static string Normalize(string repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        var text = repo.Trim();
        if (text.Length == 0 || text.StartsWith('/') || (text.Length > 2 && text[1] == ':' && (text[2] == '\\' || text[2] == '/')))
        {
            return text.TrimEnd('/');
        }

        var scp = ScpLike().Match(text);
        if (scp.Success && !text.Contains("://", StringComparison.Ordinal))
        {
            text = scp.Groups["host"].Value + "/" + scp.Groups["path"].Value;
        }
        else
        {
            var scheme = text.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                text = text[(scheme + 3)..];
            }

            var at = text.IndexOf('@', StringComparison.Ordinal);
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (at >= 0 && (slash < 0 || at < slash))
            {
                text = text[(at + 1)..];
            }

            // Drop a port: host:2222/owner/repo.
            text = Port().Replace(text, "$1");
        }

        text = text.TrimEnd('/');
        if (text.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4];
        }

        return text.ToLowerInvariant();
    }

    [GeneratedRegex(@"^(?:[^@/]+@)?(?<host>[^:/]+):(?<path>[^/].*)$")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^([^/:]+):\d+(?=/)")]
    private static partial Regex Port();
}
