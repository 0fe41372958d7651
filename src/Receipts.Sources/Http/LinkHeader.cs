using System.Text.RegularExpressions;

namespace Receipts.Sources.Http;

/// <summary>The RFC 8288 <c>Link</c> header GitHub and GitLab send for pagination.</summary>
public static partial class LinkHeader
{
    /// <summary>The <c>rel="next"</c> target, resolved against the page's URL; null on the last page.</summary>
    public static Uri? Next(IEnumerable<string> values, Uri page)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            foreach (Match match in Entry().Matches(value))
            {
                var rels = match.Groups["rel"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (rels.Contains("next", StringComparer.OrdinalIgnoreCase)
                    && Uri.TryCreate(page, match.Groups["url"].Value, out var next))
                {
                    return next;
                }
            }
        }

        return null;
    }

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;[^,]*?rel\s*=\s*"?(?<rel>[^";,]+)"?""")]
    private static partial Regex Entry();
}
