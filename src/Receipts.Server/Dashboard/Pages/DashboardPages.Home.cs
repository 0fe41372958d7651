using System.Globalization;
using System.Text.Json;
using Receipts.Domain.Metrics;
using Receipts.Server.Dashboard.Snapshots;
using Receipts.Server.Dashboard.Tables;

namespace Receipts.Server.Dashboard.Pages;

/// <summary>Builds each page of the dashboard from the snapshot (one partial file per page).</summary>
internal static partial class DashboardPages
{
    public static DashboardPage Home(DashboardSnapshot s, Filters f)
    {
        var weeks = f.WeeksOf(s);
        var weekSet = weeks.ToHashSet(StringComparer.Ordinal);
        var rows = s.ByTeam.Rows.Where(r => weekSet.Contains(r.Week) && f.Shows(r.Group, s)).ToList();
        var groups = OrderedGroups(s, rows.Select(r => r.Group));
        var cell = rows.ToDictionary(r => (r.Group, r.Week));

        double?[] Series(string group, Func<CpvoRow, decimal?> value) =>
            [.. weeks.Select(w => cell.TryGetValue((group, w), out var r) && value(r) is { } v ? (double?)(double)decimal.Round(v, 2) : null)];

        var charts = new
        {
            weeks,
            teams = groups.Select(g => new { name = g, band = BandOf(s, g) }),
            spend = groups.ToDictionary(g => g, g => Series(g, r => r.Spend)),
            tokens = groups.ToDictionary(g => g, g => weeks.Select(w => cell.TryGetValue((g, w), out var r) ? r.Tokens.TotalInput + r.Tokens.Output : 0L).ToArray()),
            verified = groups.ToDictionary(g => g, g => Series(g, r => r.Verified)),
            disqualified = groups.ToDictionary(g => g, g => Series(g, r => r.Disqualified)),
            pending = groups.ToDictionary(g => g, g => Series(g, r => r.Pending)),
            share = groups.ToDictionary(g => g, g => Series(g, r => r.VerifiedShare * 100)),
            cpvo = groups.ToDictionary(g => g, g => Series(g, r => r.Cpvo)),
        };

        return new DashboardPage
        {
            Title = "Spend and outcomes",
            Headline = Headline(s, f),
            Charts = JsonSerializer.Serialize(charts),
            Notes = Notes(s),
            Tables = [WeeklyTable(s, rows, groups), TrendTable(s, f), CostPerChangeTable(s, f, weeks)],
        };
    }

    /// <summary>"This quarter: $X, Y verified outcomes, CPVO $Z, down N% on last quarter; verified share W%".</summary>
    internal static string Headline(DashboardSnapshot s, Filters f)
    {
        var last = IsoWeek.Parse(s.Weeks[^1]);
        var quarter = last.Quarter;
        var previous = PreviousQuarter(s, quarter);
        var (spend, verified, attempted) = QuarterSum(s, f, quarter);
        var (prevSpend, prevVerified, _) = previous is null ? (0m, 0, 0) : QuarterSum(s, f, previous);
        decimal? cpvo = verified == 0 ? null : spend / verified;
        decimal? prevCpvo = prevVerified == 0 ? null : prevSpend / prevVerified;
        var change = cpvo is { } now && prevCpvo is { } before && before != 0
            ? ((now - before) / before) switch
            {
                < 0 and var d => $", down {Format.Percent(-d).Replace(".0%", "%", StringComparison.Ordinal)} on last quarter",
                > 0 and var u => $", up {Format.Percent(u).Replace(".0%", "%", StringComparison.Ordinal)} on last quarter",
                _ => ", flat on last quarter",
            }
            : ", no CPVO last quarter to compare";
        var share = attempted == 0 ? "–" : Format.Percent((decimal)verified / attempted);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"This quarter ({quarter}): {Format.Money(spend)}, {verified} verified outcomes, CPVO {(cpvo is { } c ? Format.Money(c) : "–")}{change}; verified share {share}");
    }

    private static string? PreviousQuarter(DashboardSnapshot s, string quarter) =>
        s.Weeks.Select(w => IsoWeek.Parse(w).Quarter).Where(q => string.CompareOrdinal(q, quarter) < 0).Order(StringComparer.Ordinal).LastOrDefault();

    private static (decimal Spend, int Verified, int Attempted) QuarterSum(DashboardSnapshot s, Filters f, string quarter)
    {
        decimal spend = 0;
        int verified = 0, attempted = 0;
        foreach (var r in s.ByTeam.Rows)
        {
            if (IsoWeek.Parse(r.Week).Quarter == quarter && f.Shows(r.Group, s))
            {
                spend += r.Spend;
                verified += r.Verified;
                attempted += r.Attempted;
            }
        }

        return (spend, verified, attempted);
    }

    private static TableView WeeklyTable(DashboardSnapshot s, List<CpvoRow> rows, IReadOnlyList<string> groups)
    {
        var order = groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        var sorted = rows.OrderBy(r => order[r.Group]).ThenBy(r => r.Week, StringComparer.Ordinal).ToList();
        var bandStarts = new Dictionary<int, string>();
        string? band = "\0";
        for (var i = 0; i < sorted.Count; i++)
        {
            var b = BandOf(s, sorted[i].Group);
            if (b != band)
            {
                bandStarts[i] = b is null ? "No cadence band" : "Band: " + b;
                band = b;
            }
        }

        return new TableView(
            "weekly",
            "Per team and week",
            [
                new("Team"), new("Band"), new("Week"), new("Spend", true), new("Tokens", true), new("Attempted", true), new("Verified", true),
                new("Pending", true), new("Disqualified", true), new("Verified share", true), new("CPVO", true), new("Cost/change median", true), new("p90", true),
            ],
            [.. sorted.Select(r => (IReadOnlyList<TableCell>)[
                TeamCell(r.Group), TableCell.Of(r.Band), TableCell.Of(r.Week), TableCell.Money(r.Spend), TableCell.Tokens(r.Tokens.TotalInput + r.Tokens.Output),
                TableCell.Count(r.Attempted), TableCell.Count(r.Verified), TableCell.Count(r.Pending), TableCell.Count(r.Disqualified),
                TableCell.Share(r.VerifiedShare), TableCell.Money(r.Cpvo), TableCell.Money(r.CostPerChange.Median), TableCell.Money(r.CostPerChange.P90),
            ])])
        {
            Note = "The numbers of `receipts report cpvo` for the same weeks; changes count in the week they merged, pending ones are shown, never counted.",
            Groups = bandStarts,
        };
    }

    private static TableView TrendTable(DashboardSnapshot s, Filters f)
    {
        var trends = s.ByTeam.Trends.Where(t => f.Shows(t.Group, s)).OrderBy(t => t.Band ?? "~", StringComparer.Ordinal).ThenBy(t => t.Group, StringComparer.Ordinal).ToList();
        return new TableView(
            "trend",
            "Quarter on quarter",
            [new("Team"), new("Band"), new("Quarter"), new("CPVO", true), new("Verified share", true), new("Verified", true), new("Previous"), new("CPVO", true), new("Verified share", true), new("Verified", true), new("Verdict")],
            [.. trends.Select(t => (IReadOnlyList<TableCell>)[
                TeamCell(t.Group), TableCell.Of(t.Band), TableCell.Of(t.Quarter), TableCell.Money(t.Cpvo), TableCell.Share(t.VerifiedShare), TableCell.Count(t.Verified),
                TableCell.Of(t.PreviousQuarter), TableCell.Money(t.PreviousCpvo), TableCell.Share(t.PreviousVerifiedShare), TableCell.Count(t.PreviousVerified), TableCell.Of(Verdict(t.Verdict)),
            ])])
        {
            Note = "CPVO falling while the verified share holds is paying off. Compare teams inside their cadence band only.",
        };
    }

    private static TableView CostPerChangeTable(DashboardSnapshot s, Filters f, IReadOnlyList<string> weeks)
    {
        var weekSet = weeks.ToHashSet(StringComparer.Ordinal);
        var byTeam = s.Changes
            .Where(c => weekSet.Contains(c.Week) && c.Cost is not null && !Cordoned(s, c) && f.Shows(c.Outcome.Team, s))
            .GroupBy(c => c.Outcome.Team ?? CpvoCalculator.Unattributed)
            .Select(g => (Team: g.Key, Dist: Distribution.Of(g.Select(c => c.Cost!.Value))))
            .OrderBy(x => BandOf(s, x.Team) ?? "~", StringComparer.Ordinal).ThenBy(x => x.Team, StringComparer.Ordinal)
            .ToList();
        return new TableView(
            "cost-per-change",
            "Cost per change, per team",
            [new("Team"), new("Band"), new("Changes with linked spend", true), new("Median", true), new("p90", true), new("Max", true)],
            [.. byTeam.Select(x => (IReadOnlyList<TableCell>)[
                TeamCell(x.Team), TableCell.Of(BandOf(s, x.Team)), TableCell.Count(x.Dist.Count), TableCell.Money(x.Dist.Median), TableCell.Money(x.Dist.P90), TableCell.Money(x.Dist.Max),
            ])])
        {
            Note = "Spend linked to a change: sessions on its branch in its repo (or naming its ticket) before the merge. The team page lists the long tail.",
        };
    }

    private static bool Cordoned(DashboardSnapshot s, DashboardSnapshot.ChangeSummary c) =>
        c.Outcome.Project is { } p && s.CordonedProjects.Contains(p);

    private static List<string> Notes(DashboardSnapshot s)
    {
        var notes = new List<string>();
        if (s.ByTeam.CordonShare is { } share)
        {
            notes.Add($"Cordoned (research/prototype) spend left out: {Format.Money(s.ByTeam.CordonSpend)} ({Format.Percent(share)} of the period){(s.ByTeam.CordonWarning ? " — a third or more of the spend." : ".")}");
        }

        if (s.CoverageShare is { } coverage)
        {
            notes.Add($"Attribution coverage: {Format.Percent(coverage)} of dollars placed in a project; {s.Disagreements.Count} disagreements in the queue.");
        }

        if (s.UnpricedModels.Count > 0)
        {
            notes.Add($"No price for {string.Join(", ", s.UnpricedModels)}: their tokens count, their cost is unknown.");
        }

        return notes;
    }

    internal static IReadOnlyList<string> OrderedGroups(DashboardSnapshot s, IEnumerable<string> present)
    {
        var set = present.ToHashSet(StringComparer.Ordinal);
        var known = s.Teams.Select(t => t.Name).Where(set.Contains).ToList();
        return [.. known, .. set.Except(known).Order(StringComparer.Ordinal)];
    }

    internal static string? BandOf(DashboardSnapshot s, string team) => s.Teams.FirstOrDefault(t => t.Name == team)?.Band;

    internal static TableCell TeamCell(string team) =>
        team == CpvoCalculator.Unattributed ? TableCell.Of(team, "/attribution") : TableCell.Of(team, "/teams/" + Uri.EscapeDataString(team));

    internal static string Verdict(TrendVerdict verdict) => verdict switch
    {
        TrendVerdict.PayingOff => "paying off",
        TrendVerdict.NotPayingOff => "not paying off",
        TrendVerdict.Mixed => "mixed",
        _ => "not enough data",
    };
}
