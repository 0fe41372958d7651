using Receipts.Domain.Attribution;
using Receipts.Server.Dashboard.Snapshots;
using Receipts.Server.Dashboard.Tables;

namespace Receipts.Server.Dashboard.Pages;

internal static partial class DashboardPages
{
    private const int FixLimit = 50;

    public static DashboardPage Attribution(DashboardSnapshot s, bool canFix)
    {
        var total = s.Coverage.Sum(c => c.Amount);
        decimal? Share(decimal amount) => total == 0 ? null : amount / total;
        var rules = new TableView(
            "coverage",
            "Dollars by rule",
            [new("Rule"), new("Confidence", true), new("Band"), new("Dollars", true), new("Share", true), new("Records", true)],
            [.. s.Coverage.Select(c => (IReadOnlyList<TableCell>)[
                TableCell.Of(Rule(c.Method)), new TableCell(c.Confidence.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), c.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                TableCell.Of(ConfidenceBand(c.Confidence)), TableCell.Money(c.Amount), TableCell.Share(Share(c.Amount)), TableCell.Count(c.Records),
            ])])
        {
            Note = $"Over the snapshot's {s.Weeks.Count} weeks ({s.Weeks[0]} to {s.Weeks[^1]}); `receipts report attribution --weeks {s.Weeks.Count}` gives the same.",
        };
        var bands = new TableView(
            "confidence",
            "Dollars by confidence",
            [new("Band"), new("Dollars", true), new("Share", true)],
            [.. s.Coverage.GroupBy(c => ConfidenceBand(c.Confidence)).OrderBy(g => BandOrder(g.Key)).Select(g => (IReadOnlyList<TableCell>)[
                TableCell.Of(g.Key), TableCell.Money(g.Sum(c => c.Amount)), TableCell.Share(Share(g.Sum(c => c.Amount))),
            ])]);
        var unattributed = new TableView(
            "unattributed",
            "Biggest unattributed identities (add them to receipts.yaml)",
            [new("Identity"), new("Dollars", true), new("Records", true)],
            [.. s.UnattributedIdentities.Select(u => (IReadOnlyList<TableCell>)[TableCell.Of(u.Identity), TableCell.Money(u.Amount), TableCell.Count(u.Records)])]);
        var queue = new TableView(
            "disagreements",
            $"Disagreements ({s.Disagreements.Count})",
            [new("Session or record"), new("Repo"), new("Branch"), new("Placed in"), new("By rule"), new("Also claimed by"), new("Records", true), new("Dollars", true)],
            [.. s.Disagreements.Select(d => (IReadOnlyList<TableCell>)[
                d.SessionId is { } sid ? TableCell.Of(sid, "/sessions/" + Uri.EscapeDataString(sid)) : TableCell.Of(d.RecordId),
                TableCell.Of(d.Repo), TableCell.Of(d.Branch), TableCell.Of(d.Project), TableCell.Of(Rule(d.Method)),
                TableCell.Of(string.Join(", ", d.Conflicts.Select(c => $"{c.Project} ({Rule(c.Method)})"))), TableCell.Count(d.Records), TableCell.Money(d.Amount),
            ])])
        {
            Note = "Records two strong rules place differently: kept where the stronger rule put them, listed here until a person decides.",
            Empty = "No disagreements: no record is claimed by two strong rules.",
        };
        return new DashboardPage
        {
            Title = "Attribution",
            Facts =
            [
                ("Coverage", s.CoverageShare is { } c ? Format.Percent(c) : "–"),
                ("Dollars", Format.Money(total)),
                ("Disagreements", s.Disagreements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            Tables = [rules, bands, unattributed, queue],
            CanFix = canFix,
            CorrectableProjects = s.CorrectableProjects,
            Fixes = [.. s.Disagreements.Take(FixLimit).Select(d => new FixForm(
                d.SessionId is null ? "record" : "session",
                d.SessionId ?? d.RecordId,
                d.SessionId is null ? "record " + d.RecordId : "session " + d.SessionId,
                d.Project,
                [.. d.Conflicts.Select(c => c.Project).Prepend(d.Project).OfType<string>().Distinct(StringComparer.Ordinal)],
                d.Amount is { } a ? Format.Money(a) : "?",
                $"{d.Repo} {d.Branch}".Trim()))],
        };
    }

    public static DashboardPage Reconciliation(DashboardSnapshot s, Filters f)
    {
        var weeks = f.WeeksOf(s).ToHashSet(StringComparer.Ordinal);
        var cells = s.Reconciliation.Where(c => weeks.Contains(c.Week)).ToList();
        TableView Fold(string id, string title, Func<DashboardSnapshot.ReconCell, string> key, string header) => new(
            id,
            title,
            [new(header), new("Billed", true), new("Observed in billed cells", true), new("Drift", true), new("Estimated, no bill", true), new("Attributed", true), new("Unattributed", true), new("Records", true)],
            [.. cells.GroupBy(key).OrderByDescending(g => g.Sum(c => c.Billed ?? c.Observed)).Select(g =>
            {
                var billed = g.Where(c => c.Billed is not null).ToList();
                var b = billed.Sum(c => c.Billed!.Value);
                var o = billed.Sum(c => c.BilledObserved);
                return (IReadOnlyList<TableCell>)[
                    TableCell.Of(g.Key), TableCell.Money(billed.Count == 0 ? null : b), TableCell.Money(billed.Count == 0 ? null : o), TableCell.Share(b == 0 ? null : (b - o) / b),
                    TableCell.Money(g.Sum(c => c.Observed - c.BilledObserved)), TableCell.Money(g.Sum(c => c.Attributed)), TableCell.Money(g.Sum(c => c.Unattributed)), TableCell.Count(g.Sum(c => c.Records)),
                ];
            })]);
        var byProvider = Fold("providers", "Billed vs observed vs attributed, per provider", c => c.Provider, "Provider") with
        {
            Note = "Billed: what the provider invoiced (billing imports), per cell (provider, day, billing identity, model). Observed: the price-book estimate of the records seen in those cells. Drift (B − O) / B: unobserved usage or a stale price book. Cells no bill covers keep their estimate. Attributed + unattributed = billed in every billed cell.",
        };
        var byKey = Fold("keys", "Per provider and billing identity (key, workspace, seat)", c => c.Provider + " " + c.Identity, "Provider and identity");
        var idle = new TableView(
            "idle-seats",
            "Idle seats (paid, no usage that month)",
            [new("Tool"), new("Person"), new("Month"), new("Dollars", true)],
            [.. s.IdleSeats.Where(x => new DateOnly(x.Year, x.Month, 1).AddMonths(1) > Domain.Metrics.IsoWeek.Parse(f.WeeksOf(s)[0]).Monday).Select(x => (IReadOnlyList<TableCell>)[TableCell.Of(x.Seat.Tool), TableCell.Of(x.Seat.Person), TableCell.Of($"{x.Year}-{x.Month:00}"), TableCell.Money(x.Amount)])]);
        return new DashboardPage { Title = "Reconciliation", Crumbs = [("Home", "/" + f.Query())], Tables = [byProvider, byKey, idle] };
    }

    public static DashboardPage Spend(DashboardSnapshot s, Filters f)
    {
        var weeks = f.WeeksOf(s).ToHashSet(StringComparer.Ordinal);
        var cells = s.Spend.Where(c => weeks.Contains(c.Week) && f.Shows(c.Team, s)).ToList();
        var total = cells.Sum(c => c.Spend);
        decimal? Share(decimal amount) => total == 0 ? null : amount / total;
        TableView By(string id, string title, string header, Func<DashboardSnapshot.SpendCell, string?> key) => new(
            id,
            title,
            [new(header), new("Spend", true), new("Share", true), new("Tokens", true), new("Requests", true), new("Estimated", true)],
            [.. cells.GroupBy(c => key(c) ?? "(none)").OrderByDescending(g => g.Sum(c => c.Spend)).Select(g => (IReadOnlyList<TableCell>)[
                TableCell.Of(g.Key), TableCell.Money(g.Sum(c => c.Spend)), TableCell.Share(Share(g.Sum(c => c.Spend))),
                TableCell.Tokens(g.Sum(c => c.Tokens.TotalInput + c.Tokens.Output)), TableCell.Count(g.Sum(c => c.Requests)), TableCell.Money(g.Sum(c => c.Estimated)),
            ])]);
        var models = new TableView(
            "models",
            "By model, with the long-context share",
            [new("Model"), new("Spend", true), new("Share", true), new("Tokens", true), new("Long-context spend", true), new("Long-context share", true)],
            [.. cells.GroupBy(c => c.Model).OrderByDescending(g => g.Sum(c => c.Spend)).Select(g =>
            {
                var spend = g.Sum(c => c.Spend);
                var lc = g.Sum(c => c.LongContext);
                return (IReadOnlyList<TableCell>)[
                    TableCell.Of(g.Key), TableCell.Money(spend), TableCell.Share(Share(spend)), TableCell.Tokens(g.Sum(c => c.Tokens.TotalInput + c.Tokens.Output)),
                    TableCell.Money(lc), TableCell.Share(spend == 0 ? null : lc / spend),
                ];
            })])
        {
            Note = "Long context: requests over 200k input tokens, priced at the model's long-context rates where it has them (docs/pricing.md). A large share is a prompt-size problem before it is a model problem.",
        };
        var sessions = s.Sessions.Where(x => weeks.Contains(x.Week) && f.Shows(x.Team, s)).ToList();
        var bellwethers = PeopleTable(s, f, cells, sessions) with
        {
            Id = "people",
            Title = "By person: the bellwethers",
            Note = "The heaviest users first, with the changes their sessions built and the linked dollars per change.",
        };
        return new DashboardPage
        {
            Title = "Spend",
            Crumbs = [("Home", "/" + f.Query())],
            Facts = [("Spend", Format.Money(total)), ("Records", cells.Sum(c => c.Records).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))],
            Tables = [models, By("tools", "By tool", "Tool", c => c.Tool), bellwethers, By("keys", "By API key", "Key", c => c.Key), By("providers", "By provider", "Provider", c => c.Provider)],
        };
    }

    internal static string Rule(AttributionMethod method) => method switch
    {
        AttributionMethod.KeyAlias => "key-alias",
        AttributionMethod.PersonDefault => "person-default",
        _ => method.ToString().ToLowerInvariant(),
    };

    private static string ConfidenceBand(decimal confidence) => confidence switch
    {
        >= 0.9m => "high",
        >= 0.7m => "medium",
        > 0m => "low",
        _ => "none",
    };

    private static int BandOrder(string band) => band switch { "high" => 0, "medium" => 1, "low" => 2, _ => 3 };
}
