using System.Text.RegularExpressions;

namespace Receipts.Sources.Git;

/// <summary>
/// Ticket keys (<c>PAY-123</c>) in a title or branch name. A stand-in until the shared
/// <c>Receipts.Domain.Tickets.TicketIdParser</c> is merged; then this delegates to it.
/// </summary>
internal static partial class GitTicketIds
{
    private static readonly HashSet<string> NotTickets = new(StringComparer.Ordinal) { "UTF", "SHA", "ISO", "RFC", "CVE", "GPT", "X86", "ARM", "WIN", "HTTP" };

    /// <summary>Keys in the title (upper case, as written in titles) and the branch (any case: <c>feat/pay-123-x</c>).</summary>
    public static IReadOnlyList<string> Find(string title, string? branch)
    {
        var found = new List<string>();
        Add(found, Key().Matches(title));
        if (!string.IsNullOrEmpty(branch))
        {
            Add(found, AnyCaseKey().Matches(branch));
        }

        return found;
    }

    private static void Add(List<string> found, MatchCollection matches)
    {
        foreach (Match m in matches)
        {
            var project = m.Groups[1].Value.ToUpperInvariant();
            var id = project + "-" + m.Groups[2].Value;
            if (!NotTickets.Contains(project) && !found.Contains(id))
            {
                found.Add(id);
            }
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])([A-Z][A-Z0-9]{1,9})-(\d{1,7})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Key();

    [GeneratedRegex(@"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9]{1,9})-(\d{1,7})(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AnyCaseKey();
}
