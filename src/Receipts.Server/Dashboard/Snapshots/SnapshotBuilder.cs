using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;

namespace Receipts.Server.Dashboard.Snapshots;

/// <summary>Folds one run of <see cref="CpvoService"/> into the dashboard's aggregates.</summary>
internal static class SnapshotBuilder
{
    /// <summary>Input tokens per request above which a request is billed at long-context rates (docs/pricing.md).</summary>
    private const long LongContextInput = 200_000;

    public static DashboardSnapshot Build(
        long version,
        CpvoService.Result result,
        CpvoService.Request request,
        DirectoryView directory,
        DateTimeOffset computedAt,
        TimeSpan took)
    {
        var zone = request.Zone;
        var ledger = result.Ledger;
        var byProject = CpvoCalculator.Calculate(ledger.Items, result.Outcomes, new CpvoOptions
        {
            GroupBy = CpvoGrouping.Project,
            Zone = zone,
            LastWeek = IsoWeek.Parse(result.Report.Weeks[^1]),
            Weeks = request.Weeks,
            Cordoned = directory.Cordoned,
            BandOfTeam = directory.BandOfTeam,
            TeamOfProject = directory.TeamOfProject,
        });

        var firstWeek = IsoWeek.Parse(result.Report.Weeks[0]);
        var firstWeekText = firstWeek.ToString();
        var links = new ChangeLinkIndex(result.Outcomes);
        var cells = new Dictionary<(string, string?, string?, string?, string, string?, string?, string?), DashboardSnapshot.SpendCell>();
        var sessions = new Dictionary<string, DashboardSnapshot.SessionSummary>(StringComparer.Ordinal);
        var sessionLinks = new Dictionary<(string Session, string Change), (decimal Amount, int Records)>();
        var changeCosts = new Dictionary<string, (decimal Amount, int Records)>(StringComparer.Ordinal);
        var weekCache = new Dictionary<DateOnly, string>();
        foreach (var s in ledger.Items)
        {
            var linked = links.ChangeOf(s);
            var amount = s.Amount ?? 0m;
            if (linked is not null)
            {
                // Linked dollars count for the change whatever week they fall in, as the CPVO report counts them.
                var key = ChangeCostLinker.Key(linked);
                var c = changeCosts.GetValueOrDefault(key);
                changeCosts[key] = (c.Amount + amount, c.Records + 1);
                if (s.SessionId is { } sid)
                {
                    var l = sessionLinks.GetValueOrDefault((sid, key));
                    sessionLinks[(sid, key)] = (l.Amount + amount, l.Records + 1);
                }
            }

            var week = WeekOf(s.At, zone, weekCache);
            // "yyyy-Www" sorts like the weeks it names.
            if (string.CompareOrdinal(week, firstWeekText) < 0)
            {
                continue;
            }

            var cellKey = (week, s.Team, s.Project, s.Person, s.Model, s.Tool, s.ApiKey, s.Provider);
            if (!cells.TryGetValue(cellKey, out var cell))
            {
                cells[cellKey] = cell = new DashboardSnapshot.SpendCell(week, s.Team, s.Project, s.Person, s.Model, s.Tool, s.ApiKey, s.Provider);
            }

            cell.Spend += amount;
            cell.Tokens += s.Tokens;
            cell.Records++;
            cell.Requests += s.Requests;
            if (!s.Billed)
            {
                cell.Estimated += amount;
            }

            if (s.Requests > 0 && s.Tokens.TotalInput / s.Requests > LongContextInput)
            {
                cell.LongContext += amount;
            }

            if (s.SessionId is { } id)
            {
                if (!sessions.TryGetValue(id, out var session))
                {
                    sessions[id] = session = new DashboardSnapshot.SessionSummary(id, s.Team, s.Project, s.Person, s.Repo, s.Branch, s.Tool)
                    {
                        First = s.At,
                        Last = s.At,
                    };
                }

                session.First = s.At < session.First ? s.At : session.First;
                session.Last = s.At > session.Last ? s.At : session.Last;
                session.Spend += amount;
                session.Tokens += s.Tokens;
                session.Records++;
                session.Models.Add(s.Model);
            }
        }

        foreach (var session in sessions.Values)
        {
            session.Week = WeekOf(session.First, zone, weekCache);
        }

        // Linked by the CPVO report's rule (ChangeLinkIndex); the tests check each change's cost against ChangeCostLinker.
        var changes = result.Outcomes
            .Select(o =>
            {
                var key = ChangeCostLinker.Key(o);
                var linked = changeCosts.TryGetValue(key, out var m) ? m : ((decimal, int)?)null;
                return new DashboardSnapshot.ChangeSummary(key, o, IsoWeek.Of(o.MergedAt, zone).ToString(), linked?.Item1, linked?.Item2 ?? 0);
            })
            .Where(c => IsoWeek.Parse(c.Week) >= firstWeek)
            .OrderByDescending(c => c.Outcome.MergedAt)
            .ToList();

        var teams = directory.Config.Teams.Keys
            .Concat(result.Report.Rows.Select(r => r.Group))
            .Distinct(StringComparer.Ordinal)
            .Select(t => new DashboardSnapshot.TeamInfo(t, directory.BandOfTeam.GetValueOrDefault(t)))
            .OrderBy(t => t.Name == CpvoCalculator.Unattributed ? 1 : 0)
            .ThenBy(t => t.Band ?? "~", StringComparer.Ordinal)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

        return new DashboardSnapshot
        {
            Version = version,
            AsOf = request.AsOf,
            ComputedAt = computedAt,
            Took = took,
            Zone = zone,
            Weeks = result.Report.Weeks,
            ByTeam = result.Report,
            ByProject = byProject,
            Teams = teams,
            TeamOfProject = directory.TeamOfProject,
            Projects = [.. directory.Config.Projects.Keys.Order(StringComparer.Ordinal)],
            CordonedProjects = directory.Cordoned,
            Spend = [.. cells.Values],
            Sessions = [.. sessions.Values.OrderByDescending(s => s.Spend)],
            Links = [.. sessionLinks.Select(kv => new DashboardSnapshot.SessionLink(kv.Key.Session, kv.Key.Change, kv.Value.Amount, kv.Value.Records))],
            Changes = changes,
            Coverage = ledger.Coverage,
            CoverageShare = ledger.CoverageShare,
            Disagreements = ledger.Disagreements,
            UnattributedIdentities = ledger.UnattributedIdentities,
            Reconciliation = Reconciliation(ledger, zone, firstWeek),
            IdleSeats = ledger.IdleSeats,
            UnpricedModels = ledger.UnpricedModels,
            CorrectableProjects = [.. directory.Config.Projects.Keys.Order(StringComparer.Ordinal)],
        };
    }

    private static List<DashboardSnapshot.ReconCell> Reconciliation(SpendLedger ledger, TimeZoneInfo zone, IsoWeek firstWeek)
    {
        var folded = new Dictionary<(string Week, string Provider, string Identity), DashboardSnapshot.ReconCell>();
        foreach (var c in ledger.Cells)
        {
            // Cells are UTC days; a day belongs to the ISO week of its noon in the reporting zone.
            var week = IsoWeek.Of(new DateTimeOffset(c.Cell.Day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), zone);
            if (week < firstWeek)
            {
                continue;
            }

            var key = (week.ToString(), c.Cell.Provider, $"{c.Cell.IdentityKind.ToString().ToLowerInvariant()}:{c.Cell.IdentityId}");
            var current = folded.GetValueOrDefault(key) ?? new DashboardSnapshot.ReconCell(key.Item1, key.Provider, key.Item3, null, 0, 0, 0, 0, 0);
            folded[key] = current with
            {
                Billed = c.Billed is { } b ? (current.Billed ?? 0) + b : current.Billed,
                BilledObserved = current.BilledObserved + (c.Billed is null ? 0 : c.Observed),
                Observed = current.Observed + c.Observed,
                Attributed = current.Attributed + c.Attributed,
                Unattributed = current.Unattributed + c.Unattributed,
                Records = current.Records + c.Records,
            };
        }

        return [.. folded.Values];
    }

    private static string WeekOf(DateTimeOffset at, TimeZoneInfo zone, Dictionary<DateOnly, string> cache)
    {
        // Weeks change at local midnight; the UTC date plus offset is the cache key.
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (!cache.TryGetValue(day, out var week))
        {
            cache[day] = week = IsoWeek.Of(at, zone).ToString();
        }

        return week;
    }
}
