using System.Text.RegularExpressions;

namespace Receipts.Domain.Tickets;

/// <summary>
/// Finds ticket ids in a branch name (or any short text): by default Jira-style keys such as
/// <c>PAY-123</c> and GitHub-style <c>#123</c>. Patterns are configurable; a pattern with a named
/// group <c>id</c> yields that group, otherwise the whole match.
/// </summary>
public sealed class TicketIdParser
{
    /// <summary>The default patterns: an upper-case key of 2–10 characters, a dash and a number; and <c>#</c> with a number.</summary>
    public static IReadOnlyList<string> DefaultPatterns { get; } =
    [
        @"(?<![A-Za-z0-9])(?<id>[A-Z][A-Z0-9]{1,9}-[0-9]+)(?![0-9])",
        @"(?<![A-Za-z0-9&])(?<id>#[0-9]+)(?![0-9])",
    ];

    // Patterns can come from configuration: a catastrophic one must not hang an import.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Regex[] _patterns;

    /// <summary>Builds a parser; throws <see cref="ArgumentException"/> naming the pattern that does not compile.</summary>
    public TicketIdParser(IEnumerable<string>? patterns = null)
    {
        var list = patterns?.ToList() is { Count: > 0 } given ? given : [.. DefaultPatterns];
        _patterns = new Regex[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            try
            {
                _patterns[i] = new Regex(list[i], RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The ticket pattern '{list[i]}' is not a valid regular expression: {e.Message}", nameof(patterns), e);
            }
        }
    }

    public static TicketIdParser Default { get; } = new();

    /// <summary>The distinct ticket ids in <paramref name="text"/>, in the order they appear; empty for null or empty text.</summary>
    public IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        List<(int Index, string Id)>? found = null;
        foreach (var pattern in _patterns)
        {
            try
            {
                foreach (Match match in pattern.Matches(text))
                {
                    var group = match.Groups["id"];
                    var capture = group.Success ? group : (Group)match;
                    found ??= [];
                    found.Add((capture.Index, capture.Value));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern too slow for this text finds nothing here rather than stalling the import.
            }
        }

        if (found is null)
        {
            return [];
        }

        return found.OrderBy(f => f.Index).Select(f => f.Id).Distinct(StringComparer.Ordinal).ToArray();
    }
}
