using System.Text.RegularExpressions;

namespace Receipts.Domain.Outcomes;

/// <summary>Title normalisations used to match a revert's quoted subject to the original change.</summary>
internal static partial class TitleMatching
{
    /// <summary><c>Add refunds (#12)</c> → <c>Add refunds</c>.</summary>
    public static string WithoutPullRequestSuffix(string title) => PullRequestSuffix().Replace(title.Trim(), string.Empty);

    /// <summary>The text before a trailing <c>…</c> / <c>...</c>, or null when the title is not truncated.</summary>
    public static string? TruncatedPrefix(string title)
    {
        var t = WithoutPullRequestSuffix(title);
        if (t.EndsWith('…'))
        {
            return t[..^1];
        }

        return t.EndsWith("...", StringComparison.Ordinal) ? t[..^3] : null;
    }

    [GeneratedRegex(@"\s*\(#\d{1,9}\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PullRequestSuffix();
}
