using System.Text.RegularExpressions;

namespace Receipts.Sources.Http;

/// <summary>Tracker keys (<c>PAY-123</c>) named in a branch or a title: upper-case project key, dash, number.</summary>
public static partial class TicketKeys
{
    // Upper-case words that look like keys but are standards and encodings.
    private static readonly HashSet<string> NotProjects = new(StringComparer.Ordinal) { "UTF", "SHA", "ISO", "RFC", "CVE", "HTTP", "TLS", "GPT", "AES", "MD" };

    public static IEnumerable<string> In(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        foreach (Match match in Key().Matches(text))
        {
            if (!NotProjects.Contains(match.Groups["project"].Value))
            {
                yield return match.Value;
            }
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?<project>[A-Z][A-Z0-9]{1,9})-(?<number>[1-9][0-9]{0,6})(?![0-9])")]
    private static partial Regex Key();
}
