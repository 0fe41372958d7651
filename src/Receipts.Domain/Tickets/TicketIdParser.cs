using System.Text.RegularExpressions;

namespace Receipts.Domain.Tickets;

/// <summary>
/// Finds ticket ids in a branch name (or any short text): by default Jira-style keys such as
/// <c>PAY-123</c> and GitHub-style <c>#123</c>. Patterns are configurable; a pattern with a named
/// group <c>id</c> yields that group, otherwise the whole match.
/// <see cref="Keys"/> and <see cref="BranchKeys"/> are the readings every change importer (git, GitHub,
/// GitLab) uses, through <see cref="InChange"/>, so a change names a ticket the same way whichever source saw it.
/// </summary>
public sealed class TicketIdParser
{
    /// <summary>The default patterns: an upper-case key of 2–10 characters, a dash and a number; and <c>#</c> with a number.</summary>
    public static IReadOnlyList<string> DefaultPatterns { get; } =
    [
        @"(?<![A-Za-z0-9])(?<id>[A-Z][A-Z0-9]{1,9}-[0-9]+)(?![0-9])",
        @"(?<![A-Za-z0-9&])(?<id>#[0-9]+)(?![0-9])",
    ];

    /// <summary>An upper-case tracker key alone (no <c>#N</c>: in a change title that is the PR number, not a ticket).</summary>
    public const string KeyPattern = @"(?<![A-Za-z0-9])(?<id>[A-Z][A-Z0-9]{1,9}-[1-9][0-9]{0,6})(?![0-9])";

    /// <summary><see cref="KeyPattern"/> in any case, for branch names (<c>feat/pay-123-x</c>).</summary>
    public const string AnyCaseKeyPattern = @"(?<![A-Za-z0-9])(?<id>[A-Za-z][A-Za-z0-9]{1,9}-[1-9][0-9]{0,6})(?![0-9])";

    /// <summary>Upper-case words that look like keys but are standards and encodings (<c>UTF-8</c>, <c>SHA-256</c>).</summary>
    public static IReadOnlySet<string> NotProjects { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "UTF", "SHA", "ISO", "RFC", "CVE", "HTTP", "TLS", "GPT", "AES", "X86", "ARM", "WIN",
    };

    /// <summary>
    /// Branch words followed by a number that name no tracker: GitHub's <c>revert-8-…</c>, <c>release-2</c>,
    /// <c>issue-12</c>, <c>step-3</c>.
    /// </summary>
    public static IReadOnlySet<string> NotBranchProjects { get; } = new HashSet<string>(NotProjects, StringComparer.Ordinal)
    {
        "REVERT", "RELEASE", "HOTFIX", "BUGFIX", "FIX", "FEAT", "FEATURE", "PATCH", "ISSUE", "ISSUES", "PR", "PULL",
        "STEP", "PART", "PHASE", "CHORE", "DEPENDABOT", "RENOVATE", "BACKPORT", "TEST", "WIP", "DRAFT", "TRY", "V",
    };

    // Patterns can come from configuration: a catastrophic one must not hang an import.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Regex[] _patterns;
    private readonly bool _anyCase;
    private readonly IReadOnlySet<string>? _excluded;

    // The built-in key parsers skip text without a dash (most titles) before any pattern runs.
    private bool _needsDash;

    /// <summary>Builds a parser; throws <see cref="ArgumentException"/> naming the pattern that does not compile.</summary>
    /// <param name="patterns">The patterns; none or empty for <see cref="DefaultPatterns"/>.</param>
    /// <param name="anyCase">Match keys in any case and return them upper-cased (<c>feat/pay-123-x</c> → <c>PAY-123</c>).</param>
    /// <param name="excludedProjects">Upper-case key prefixes (the part before the last dash) that are never tickets.</param>
    public TicketIdParser(IEnumerable<string>? patterns = null, bool anyCase = false, IReadOnlySet<string>? excludedProjects = null)
    {
        var list = patterns?.ToList() is { Count: > 0 } given ? given : [.. DefaultPatterns];
        _anyCase = anyCase;
        _excluded = excludedProjects is { Count: > 0 } ? excludedProjects : null;
        var options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
        _patterns = new Regex[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            try
            {
                _patterns[i] = new Regex(list[i], options, MatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"The ticket pattern '{list[i]}' is not a valid regular expression: {e.Message}", nameof(patterns), e);
            }
        }
    }

    public static TicketIdParser Default { get; } = new();

    /// <summary>Tracker keys as written in titles and prose: upper case only (so <c>step-2</c> is not one), standards excluded.</summary>
    public static TicketIdParser Keys { get; } = new([KeyPattern], anyCase: false, NotProjects) { _needsDash = true };

    /// <summary>Tracker keys in a branch name: any case, upper-cased; standards and branch words (<c>revert-8</c>, <c>release-2</c>) excluded.</summary>
    public static TicketIdParser BranchKeys { get; } = new([AnyCaseKeyPattern], anyCase: true, NotBranchProjects) { _needsDash = true };

    /// <summary>The ticket keys a change names: its title's (<see cref="Keys"/>), then its head branch's (<see cref="BranchKeys"/>), distinct.</summary>
    public static IReadOnlyList<string> InChange(string? title, string? headBranch)
    {
        var inTitle = Keys.Parse(title);
        var inBranch = BranchKeys.Parse(headBranch);
        if (inBranch.Count == 0)
        {
            return inTitle;
        }

        return inTitle.Count == 0 ? inBranch : [.. inTitle.Concat(inBranch).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The distinct ticket ids in <paramref name="text"/>, in the order they appear; empty for null or empty text.</summary>
    public IReadOnlyList<string> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || (_needsDash && !text.Contains('-', StringComparison.Ordinal)))
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
                    var id = _anyCase ? capture.Value.ToUpperInvariant() : capture.Value;
                    if (IsExcluded(id))
                    {
                        continue;
                    }

                    found ??= [];
                    found.Add((capture.Index, id));
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

        return found.Count == 1 ? [found[0].Id] : found.OrderBy(f => f.Index).Select(f => f.Id).Distinct(StringComparer.Ordinal).ToArray();
    }

    private bool IsExcluded(string id)
    {
        if (_excluded is null)
        {
            return false;
        }

        var dash = id.LastIndexOf('-');
        return dash > 0 && _excluded.Contains(_anyCase ? id[..dash] : id[..dash].ToUpperInvariant());
    }
}
