using System.Text.RegularExpressions;

namespace Receipts.Domain.Outcomes;

/// <summary>
/// The configurable parts of the disqualifier rules (<c>outcomes:</c> in <c>receipts.yaml</c>).
/// </summary>
public sealed record OutcomeRules
{
    public static OutcomeRules Default { get; } = new();

    /// <summary>The window for teams that set none. Default 14 days.</summary>
    public int DefaultWindowDays { get; init; } = 14;

    /// <summary>
    /// A regular expression matched case-insensitively against a later change's title, labels, tags and head
    /// branch to call it a hotfix. Default <c>hotfix</c>.
    /// </summary>
    public string HotfixPattern { get; init; } = "hotfix";

    /// <summary>How long after a merge a hotfix counts against it. Default 72 hours.</summary>
    public int HotfixHours { get; init; } = 72;

    /// <summary>
    /// "Same area": 0 (the default) means the two changes share a file (old or new path of a rename);
    /// N &gt; 0 means they share a directory prefix of N segments (<c>src/payments</c> for N = 2).
    /// </summary>
    public int AreaDepth { get; init; }

    internal Regex HotfixRegex() =>
        new(HotfixPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
