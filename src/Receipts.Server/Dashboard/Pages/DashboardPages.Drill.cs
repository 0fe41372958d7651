using Receipts.Domain.Metrics;
using Receipts.Server.Dashboard.Snapshots;
using Receipts.Server.Dashboard.Tables;

namespace Receipts.Server.Dashboard.Pages;

internal static partial class DashboardPages
{
    private const int ListLimit = 200;

    public static DashboardPage? Team(DashboardSnapshot s, Filters f, string team)
    {
        if (!s.Teams.Any(t => t.Name == team))
        {
            return null;
        }

        var weeks = f.WeeksOf(s).ToHashSet(StringComparer.Ordinal);
        var rows = s.ByTeam.Rows.Where(r => r.Group == team && weeks.Contains(r.Week)).ToList();
        var projects = s.ByProject.Rows.Where(r => weeks.Contains(r.Week) && s.TeamOfProject.GetValueOrDefault(r.Group) == team).ToList();
        bool InTeam(string? t) => (t ?? CpvoCalculator.Unattributed) == team;
        var changes = s.Changes.Where(c => weeks.Contains(c.Week) && InTeam(c.Outcome.Team) && !Cordoned(s, c)).ToList();
        var sessions = s.Sessions.Where(x => weeks.Contains(x.Week) && InTeam(x.Team)).ToList();
        return new DashboardPage
        {
            Title = "Team " + team,
            Crumbs = [("Home", "/" + f.Query())],
            Facts = [("Band", BandOf(s, team) ?? "none"), .. Totals(rows), .. DistributionFacts(changes)],
            Tables =
            [
                GroupTable("projects", "Projects", "Project", projects, p => "/projects/" + Uri.EscapeDataString(p) + f.Query()),
                PeopleTable(s, f, s.Spend.Where(c => weeks.Contains(c.Week) && InTeam(c.Team)), sessions),
                LongTail(changes),
                ChangesTable(s, changes),
                SessionsTable(s, sessions),
            ],
        };
    }

    public static DashboardPage? Project(DashboardSnapshot s, Filters f, string project)
    {
        if (!s.Projects.Contains(project, StringComparer.Ordinal) && !s.Spend.Any(c => c.Project == project))
        {
            return null;
        }

        var weeks = f.WeeksOf(s).ToHashSet(StringComparer.Ordinal);
        var team = s.TeamOfProject.GetValueOrDefault(project);
        var rows = s.ByProject.Rows.Where(r => r.Group == project && weeks.Contains(r.Week)).ToList();
        var changes = s.Changes.Where(c => weeks.Contains(c.Week) && c.Outcome.Project == project).ToList();
        var sessions = s.Sessions.Where(x => weeks.Contains(x.Week) && x.Project == project).ToList();
        return new DashboardPage
        {
            Title = "Project " + project,
            Crumbs = [("Home", "/" + f.Query()), .. team is null ? Array.Empty<(string, string)>() : [("Team " + team, "/teams/" + Uri.EscapeDataString(team) + f.Query())]],
            Facts = [("Team", team ?? "none"), .. Totals(rows), .. DistributionFacts(changes)],
            Notes = s.CordonedProjects.Contains(project) ? ["Cordoned (research/prototype): left out of both sides of the CPVO."] : [],
            Tables =
            [
                PeopleTable(s, f, s.Spend.Where(c => weeks.Contains(c.Week) && c.Project == project), sessions),
                LongTail(changes),
                ChangesTable(s, changes),
                SessionsTable(s, sessions),
            ],
        };
    }

    public static DashboardPage? Person(DashboardSnapshot s, Filters f, string person)
    {
        var weeks = f.WeeksOf(s).ToHashSet(StringComparer.Ordinal);
        var cells = s.Spend.Where(c => weeks.Contains(c.Week) && c.Person == person).ToList();
        var sessions = s.Sessions.Where(x => weeks.Contains(x.Week) && x.Person == person).ToList();
        if (cells.Count == 0 && sessions.Count == 0 && !s.Spend.Any(c => c.Person == person))
        {
            return null;
        }

        var sessionIds = sessions.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var changeKeys = s.Links.Where(l => sessionIds.Contains(l.SessionId)).Select(l => l.ChangeKey).ToHashSet(StringComparer.Ordinal);
        var changes = s.Changes.Where(c => changeKeys.Contains(c.Key)).ToList();
        var byProject = cells.GroupBy(c => c.Project).Select(g => (IReadOnlyList<TableCell>)[
            g.Key is null ? TableCell.Of("(unattributed)", "/attribution") : TableCell.Of(g.Key, "/projects/" + Uri.EscapeDataString(g.Key) + f.Query()),
            TableCell.Money(g.Sum(c => c.Spend)), TableCell.Tokens(g.Sum(c => c.Tokens.TotalInput + c.Tokens.Output)), TableCell.Count(g.Sum(c => c.Records)),
        ]).ToList();
        return new DashboardPage
        {
            Title = "Person " + person,
            Crumbs = [("Home", "/" + f.Query()), ("Spend by person", "/spend" + f.Query())],
            Facts =
            [
                ("Spend", Format.Money(cells.Sum(c => c.Spend))),
                ("Sessions", sessions.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
                ("Changes their sessions built", changes.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
            ],
            Tables =
            [
                new TableView("projects", "By project", [new("Project"), new("Spend", true), new("Tokens", true), new("Records", true)], byProject),
                ChangesTable(s, changes),
                SessionsTable(s, sessions),
            ],
        };
    }

    public static DashboardPage? Session(DashboardSnapshot s, Filters f, string id, bool canFix)
    {
        var session = s.Sessions.FirstOrDefault(x => x.Id == id);
        if (session is null)
        {
            return null;
        }

        var links = s.Links.Where(l => l.SessionId == id).ToDictionary(l => l.ChangeKey, StringComparer.Ordinal);
        var changes = s.Changes.Where(c => links.ContainsKey(c.Key)).ToList();
        var linkTable = new TableView(
            "changes",
            "Changes this session's spend is linked to",
            [new("Change"), new("Repo"), new("Status"), new("Linked from this session", true), new("Records", true)],
            [.. changes.Select(c => (IReadOnlyList<TableCell>)[
                TableCell.Of(c.Outcome.Id, ChangeHref(c)), TableCell.Of(c.Outcome.Repo), TableCell.Of(Status(c.Outcome)),
                TableCell.Money(links[c.Key].Amount), TableCell.Count(links[c.Key].Records),
            ])])
        {
            Empty = "Not linked to a merged change (yet): no change merged from this branch after it.",
        };
        return new DashboardPage
        {
            Title = "Session " + id,
            Crumbs = [("Home", "/" + f.Query()), .. ScopeCrumbs(session.Team, session.Project, session.Person, f)],
            Facts =
            [
                ("Team", session.Team ?? "(unattributed)"),
                ("Project", session.Project ?? "(unattributed)"),
                ("Person", session.Person ?? "unknown"),
                ("Tool", session.Tool ?? "unknown"),
                ("Repo", session.Repo ?? "–"),
                ("Branch", session.Branch ?? "–"),
                ("From", TableCell.Instant(session.First, s.Zone).Text),
                ("To", TableCell.Instant(session.Last, s.Zone).Text),
                ("Spend", Format.Money(session.Spend)),
                ("Tokens", Format.Tokens(session.Tokens.TotalInput + session.Tokens.Output)),
                ("Records", session.Records.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
                ("Models", string.Join(", ", session.Models)),
            ],
            Tables = [linkTable],
            CanFix = canFix,
            CorrectableProjects = s.CorrectableProjects,
            Fixes = [new FixForm("session", id, "This session", session.Project, session.Project is null ? [] : [session.Project], Format.Money(session.Spend), $"{session.Repo} {session.Branch}".Trim())],
        };
    }

    public static DashboardPage? Change(DashboardSnapshot s, Filters f, string repo, string id)
    {
        var change = s.Changes.FirstOrDefault(c => c.Outcome.Id == id && string.Equals(c.Outcome.Repo, repo, StringComparison.OrdinalIgnoreCase));
        if (change is null)
        {
            return null;
        }

        var o = change.Outcome;
        var sessions = s.Links.Where(l => l.ChangeKey == change.Key).ToList();
        var byId = s.Sessions.Where(x => sessions.Any(l => l.SessionId == x.Id)).ToDictionary(x => x.Id, StringComparer.Ordinal);
        var sessionTable = new TableView(
            "sessions",
            "Sessions linked to this change",
            [new("Session"), new("Person"), new("Started"), new("Linked dollars", true), new("Records", true)],
            [.. sessions.OrderByDescending(l => l.Amount).Select(l => (IReadOnlyList<TableCell>)[
                TableCell.Of(l.SessionId, "/sessions/" + Uri.EscapeDataString(l.SessionId) + f.Query()),
                TableCell.Of(byId.GetValueOrDefault(l.SessionId)?.Person),
                byId.TryGetValue(l.SessionId, out var x) ? TableCell.Instant(x.First, s.Zone) : TableCell.Of(null),
                TableCell.Money(l.Amount), TableCell.Count(l.Records),
            ])])
        {
            Empty = "No spend linked: no session on its branch (or naming its tickets) before the merge.",
            Note = "Dollars of records on the change's branch in its repo, or naming one of its tickets, between its first activity and the merge.",
        };
        return new DashboardPage
        {
            Title = $"Change {o.Id}",
            Crumbs = [("Home", "/" + f.Query()), .. ScopeCrumbs(o.Team, o.Project, null, f)],
            Facts =
            [
                ("Repo", o.Repo),
                ("Merged", TableCell.Instant(o.MergedAt, s.Zone).Text),
                ("Branch", o.HeadBranch ?? "–"),
                ("Tickets", o.Tickets.Count == 0 ? "–" : string.Join(", ", o.Tickets)),
                ("Project", o.Project ?? "(unattributed)"),
                ("Team", o.Team ?? "(unattributed)"),
                ("Status", Status(o)),
                ("Reasons", o.Reasons.Count == 0 ? (o.Status == OutcomeStatus.Pending ? "window not elapsed yet" : "no revert, hotfix or reopen in the window") : string.Join(", ", o.Reasons)),
                ("Cost", change.Cost is { } c ? Format.Money(c) : "no linked spend"),
            ],
            Tables = [sessionTable],
        };
    }

    private static IEnumerable<(string, string)> ScopeCrumbs(string? team, string? project, string? person, Filters f)
    {
        if (team is not null)
        {
            yield return ("Team " + team, "/teams/" + Uri.EscapeDataString(team) + f.Query());
        }

        if (project is not null)
        {
            yield return ("Project " + project, "/projects/" + Uri.EscapeDataString(project) + f.Query());
        }

        if (person is not null)
        {
            yield return ("Person " + person, "/people/" + Uri.EscapeDataString(person) + f.Query());
        }
    }

    private static List<(string, string)> Totals(IReadOnlyList<CpvoRow> rows)
    {
        var spend = rows.Sum(r => r.Spend);
        var verified = rows.Sum(r => r.Verified);
        var attempted = rows.Sum(r => r.Attempted);
        return
        [
            ("Spend", Format.Money(spend)),
            ("Attempted", attempted.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Verified", verified.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Pending", rows.Sum(r => r.Pending).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Verified share", attempted == 0 ? "–" : Format.Percent((decimal)verified / attempted)),
            ("CPVO", verified == 0 ? "–" : Format.Money(spend / verified)),
        ];
    }

    private static List<(string, string)> DistributionFacts(IReadOnlyList<DashboardSnapshot.ChangeSummary> changes)
    {
        var d = Distribution.Of(changes.Where(c => c.Cost is not null).Select(c => c.Cost!.Value));
        return
        [
            ("Cost per change (median)", d.Median is { } m ? Format.Money(m) : "–"),
            ("p90", d.P90 is { } p ? Format.Money(p) : "–"),
            ("Max", d.Max is { } x ? Format.Money(x) : "–"),
        ];
    }

    private static TableView GroupTable(string id, string title, string header, IReadOnlyList<CpvoRow> rows, Func<string, string> href)
    {
        var groups = rows.GroupBy(r => r.Group).OrderByDescending(g => g.Sum(r => r.Spend)).Select(g =>
        {
            var spend = g.Sum(r => r.Spend);
            var verified = g.Sum(r => r.Verified);
            var attempted = g.Sum(r => r.Attempted);
            return (IReadOnlyList<TableCell>)[
                TableCell.Of(g.Key, g.Key == CpvoCalculator.Unattributed ? "/attribution" : href(g.Key)), TableCell.Money(spend), TableCell.Count(attempted), TableCell.Count(verified),
                TableCell.Count(g.Sum(r => r.Pending)), TableCell.Share(attempted == 0 ? null : (decimal)verified / attempted), TableCell.Money(verified == 0 ? null : spend / verified),
            ];
        });
        return new TableView(id, title, [new(header), new("Spend", true), new("Attempted", true), new("Verified", true), new("Pending", true), new("Verified share", true), new("CPVO", true)], [.. groups]);
    }

    private static TableView PeopleTable(DashboardSnapshot s, Filters f, IEnumerable<DashboardSnapshot.SpendCell> cells, IReadOnlyList<DashboardSnapshot.SessionSummary> sessions)
    {
        var sessionsOf = sessions.Where(x => x.Person is not null).GroupBy(x => x.Person!).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var rows = cells.GroupBy(c => c.Person ?? "(unknown)").OrderByDescending(g => g.Sum(c => c.Spend)).Select(g =>
        {
            var ids = sessionsOf.GetValueOrDefault(g.Key) ?? [];
            var linked = s.Links.Where(l => ids.Contains(l.SessionId)).ToList();
            var changes = linked.Select(l => l.ChangeKey).Distinct(StringComparer.Ordinal).Count();
            return (IReadOnlyList<TableCell>)[
                TableCell.Of(g.Key, g.Key == "(unknown)" ? null : "/people/" + Uri.EscapeDataString(g.Key) + f.Query()),
                TableCell.Money(g.Sum(c => c.Spend)), TableCell.Tokens(g.Sum(c => c.Tokens.TotalInput + c.Tokens.Output)), TableCell.Count(ids.Count),
                TableCell.Count(changes), TableCell.Money(changes == 0 ? null : linked.Sum(l => l.Amount) / changes),
            ];
        });
        return new TableView("people", "People", [new("Person"), new("Spend", true), new("Tokens", true), new("Sessions", true), new("Changes built", true), new("Linked $ per change", true)], [.. rows]);
    }

    private static TableView LongTail(IReadOnlyList<DashboardSnapshot.ChangeSummary> changes)
    {
        var costed = changes.Where(c => c.Cost is not null).ToList();
        var d = Distribution.Of(costed.Select(c => c.Cost!.Value));
        var tail = d.P90 is { } p90 ? costed.Where(c => c.Cost >= p90).OrderByDescending(c => c.Cost).ToList() : [];
        return new TableView(
            "long-tail",
            "The long tail: changes at or above the p90 cost",
            [new("Change"), new("Repo"), new("Merged"), new("Status"), new("Cost", true), new("× median", true)],
            [.. tail.Select(c => (IReadOnlyList<TableCell>)[
                TableCell.Of(c.Outcome.Id, ChangeHref(c)), TableCell.Of(c.Outcome.Repo), TableCell.Of(c.Week), TableCell.Of(Status(c.Outcome)),
                TableCell.Money(c.Cost), d.Median is { } m && m != 0 ? new TableCell((c.Cost!.Value / m).ToString("0.0×", System.Globalization.CultureInfo.InvariantCulture), decimal.Round(c.Cost!.Value / m, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)) : TableCell.Of(null),
            ])])
        {
            Note = d.Count == 0 ? null : $"{d.Count} changes with linked spend: median {Format.Money(d.Median!.Value)}, p90 {Format.Money(d.P90!.Value)}, max {Format.Money(d.Max!.Value)}.",
        };
    }

    private static TableView ChangesTable(DashboardSnapshot s, List<DashboardSnapshot.ChangeSummary> changes) => new(
        "changes",
        "Changes",
        [new("Change"), new("Repo"), new("Merged"), new("Project"), new("Status"), new("Reasons"), new("Cost", true)],
        [.. changes.OrderByDescending(c => c.Outcome.MergedAt).Take(ListLimit).Select(c => (IReadOnlyList<TableCell>)[
            TableCell.Of(c.Outcome.Id, ChangeHref(c)), TableCell.Of(c.Outcome.Repo), TableCell.Instant(c.Outcome.MergedAt, s.Zone), TableCell.Of(c.Outcome.Project),
            TableCell.Of(Status(c.Outcome)), TableCell.Of(string.Join(", ", c.Outcome.Reasons)), TableCell.Money(c.Cost),
        ])])
    {
        Note = changes.Count > ListLimit ? $"The latest {ListLimit} of {changes.Count}." : null,
    };

    private static TableView SessionsTable(DashboardSnapshot s, List<DashboardSnapshot.SessionSummary> sessions) => new(
        "sessions",
        "Sessions",
        [new("Session"), new("Person"), new("Project"), new("Branch"), new("Started"), new("Spend", true), new("Records", true)],
        [.. sessions.OrderByDescending(x => x.Spend).Take(ListLimit).Select(x => (IReadOnlyList<TableCell>)[
            TableCell.Of(x.Id, "/sessions/" + Uri.EscapeDataString(x.Id)), TableCell.Of(x.Person), TableCell.Of(x.Project), TableCell.Of(x.Branch),
            TableCell.Instant(x.First, s.Zone), TableCell.Money(x.Spend), TableCell.Count(x.Records),
        ])])
    {
        Note = sessions.Count > ListLimit ? $"The {ListLimit} most expensive of {sessions.Count}." : null,
    };

    internal static string ChangeHref(DashboardSnapshot.ChangeSummary c) =>
        "/change?repo=" + Uri.EscapeDataString(c.Outcome.Repo) + "&id=" + Uri.EscapeDataString(c.Outcome.Id);

    internal static string Status(ChangeOutcome o) => o.Status switch
    {
        OutcomeStatus.Verified => "verified",
        OutcomeStatus.Disqualified => "disqualified",
        _ => "pending",
    };
}
