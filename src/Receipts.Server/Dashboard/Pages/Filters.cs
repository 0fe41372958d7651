using System.Globalization;
using Microsoft.AspNetCore.Http;
using Receipts.Server.Dashboard.Snapshots;

namespace Receipts.Server.Dashboard.Pages;

/// <summary>
/// The period and team filters, read from and written to the query string so every view is a permalink:
/// <c>?weeks=13&amp;team=payments&amp;team=platform&amp;band=weekly</c>.
/// </summary>
public sealed record Filters(int Weeks, IReadOnlyList<string> Teams, string? Band)
{
    public const int DefaultWeeks = 13;

    public static readonly int[] Choices = [4, 8, 13, 26];

    internal static Filters From(HttpRequest request, DashboardSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(snapshot);
        var weeks = int.TryParse(request.Query["weeks"], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w >= 1 ? w : DefaultWeeks;
        var teams = request.Query["team"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var band = request.Query["band"].FirstOrDefault() is { Length: > 0 } b ? b : null;
        return new Filters(Math.Min(weeks, snapshot.Weeks.Count), teams, band);
    }

    /// <summary>The weeks of the period, oldest first.</summary>
    internal IReadOnlyList<string> WeeksOf(DashboardSnapshot snapshot) => [.. snapshot.Weeks.Skip(snapshot.Weeks.Count - Weeks)];

    /// <summary>True when <paramref name="team"/> passes the team and band filters.</summary>
    internal bool Shows(string? team, DashboardSnapshot snapshot)
    {
        var name = team ?? Receipts.Domain.Metrics.CpvoCalculator.Unattributed;
        if (Teams.Count > 0 && !Teams.Contains(name, StringComparer.Ordinal))
        {
            return false;
        }

        return Band is null || snapshot.Teams.FirstOrDefault(t => t.Name == name)?.Band == Band;
    }

    /// <summary>This filter as a query string (with a leading <c>?</c>, or empty), plus extra pairs.</summary>
    public string Query(params (string Key, string Value)[] extra)
    {
        var pairs = new List<string>();
        if (Weeks != DefaultWeeks)
        {
            pairs.Add("weeks=" + Weeks.ToString(CultureInfo.InvariantCulture));
        }

        pairs.AddRange(Teams.Select(t => "team=" + Uri.EscapeDataString(t)));
        if (Band is not null)
        {
            pairs.Add("band=" + Uri.EscapeDataString(Band));
        }

        pairs.AddRange(extra.Select(e => e.Key + "=" + Uri.EscapeDataString(e.Value)));
        return pairs.Count == 0 ? string.Empty : "?" + string.Join('&', pairs);
    }
}
