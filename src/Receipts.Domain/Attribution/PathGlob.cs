using System.Text;
using System.Text.RegularExpressions;

namespace Receipts.Domain.Attribution;

/// <summary>
/// A path glob: <c>**</c> crosses folders, <c>*</c> and <c>?</c> stay inside one, a leading <c>~/</c>
/// matches any home folder (the directory file is shared by machines whose homes differ), and a glob
/// with no wildcard matches the folder and everything below it.
/// </summary>
internal sealed class PathGlob
{
    private readonly Regex _regex;

    public PathGlob(string glob)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(glob);
        Glob = glob;
        var pattern = new StringBuilder("^");
        var rest = glob.Replace('\\', '/');
        if (rest.StartsWith("~/", StringComparison.Ordinal))
        {
            pattern.Append("(?:/home/[^/]+|/Users/[^/]+|/root)/");
            rest = rest[2..];
        }

        if (!rest.Contains('*', StringComparison.Ordinal) && !rest.Contains('?', StringComparison.Ordinal))
        {
            rest = rest.TrimEnd('/') + "/**";
        }

        for (var i = 0; i < rest.Length; i++)
        {
            var c = rest[i];
            if (c == '*' && i + 1 < rest.Length && rest[i + 1] == '*')
            {
                // "**/" may match nothing at all, so "a/**/b" also matches "a/b".
                if (i + 2 < rest.Length && rest[i + 2] == '/')
                {
                    pattern.Append("(?:.*/)?");
                    i += 2;
                }
                else
                {
                    pattern.Append(".*");
                    i++;
                }
            }
            else if (c == '*')
            {
                pattern.Append("[^/]*");
            }
            else if (c == '?')
            {
                pattern.Append("[^/]");
            }
            else
            {
                pattern.Append(Regex.Escape(c.ToString()));
            }
        }

        pattern.Append('$');
        _regex = new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    }

    public string Glob { get; }

    public bool IsMatch(string path)
    {
        var normalised = path.Replace('\\', '/').TrimEnd('/');
        return _regex.IsMatch(normalised) || _regex.IsMatch(normalised + "/");
    }
}
