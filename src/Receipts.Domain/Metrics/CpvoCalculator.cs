using Receipts.Domain.Usage;

namespace Receipts.Domain.Metrics;

/// <summary>
/// Folds attributed spend and verified outcomes into the weekly CPVO table. Spend counts in the ISO week
/// it happened; a change counts in the week it merged (so recent weeks show pending changes that are
/// not counted yet). Cordoned projects are left out of both sides and reported as a share.
/// </summary>
public static class CpvoCalculator
{
    public const string Unattributed = "(unattributed)";

    /// <summary>CPVO within ±2% is "flat"; a verified share within 2 points is "holding".</summary>
    private const decimal FlatBand = 0.02m;

    public static CpvoReport Calculate(IEnumerable<SpendItem> spend, IReadOnlyList<ChangeOutcome> outcomes, CpvoOptions options, bool trend = false)
    {
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(options);

        var first = options.LastWeek.AddWeeks(-(options.Weeks - 1));
        var trendFirst = trend ? PreviousQuarterStart(options.LastWeek) : first;
        var windowFirst = trendFirst < first ? trendFirst : first;
        var spendList = spend as IReadOnlyList<SpendItem> ?? spend.ToList();
        var links = ChangeCostLinker.Link(outcomes, spendList);

        var cells = new Dictionary<(IsoWeek Week, string Group), Accumulator>();
        decimal total = 0, cordon = 0;
        foreach (var s in spendList)
        {
            var week = IsoWeek.Of(s.At, options.Zone);
            if (week < windowFirst || week > options.LastWeek)
            {
                continue;
            }

            var amount = s.Amount ?? 0m;
            if (week >= first)
            {
                total += amount;
            }

            if (s.Project is not null && options.Cordoned.Contains(s.Project))
            {
                if (week >= first)
                {
                    cordon += amount;
                }

                continue;
            }

            var acc = Cell(cells, week, GroupOf(s.Team, s.Project, options));
            acc.Spend += amount;
            acc.Tokens += s.Tokens;
            if (s.Amount is null)
            {
                acc.Unpriced += s.Records;
            }
            else if (!s.Billed)
            {
                acc.Estimated += amount;
            }

            if (links.LinkedRecords.Contains(s.RecordId))
            {
                acc.Linked += amount;
            }
        }

        foreach (var c in outcomes)
        {
            var week = IsoWeek.Of(c.MergedAt, options.Zone);
            if (week < windowFirst || week > options.LastWeek || (c.Project is not null && options.Cordoned.Contains(c.Project)))
            {
                continue;
            }

            var acc = Cell(cells, week, GroupOf(c.Team, c.Project, options));
            switch (c.Status)
            {
                case OutcomeStatus.Verified:
                    acc.Verified++;
                    break;
                case OutcomeStatus.Disqualified:
                    acc.Disqualified++;
                    foreach (var reason in c.Reasons.Distinct(StringComparer.Ordinal))
                    {
                        acc.DisqualifiedBy[reason] = acc.DisqualifiedBy.GetValueOrDefault(reason) + 1;
                    }

                    break;
                default:
                    acc.Pending++;
                    break;
            }

            if (links.CostOf(c) is { } cost)
            {
                acc.ChangeCosts.Add(cost);
            }
        }

        var weeks = Enumerable.Range(0, options.Weeks).Select(i => first.AddWeeks(i)).ToList();
        var rows = cells
            .Where(kv => kv.Key.Week >= first)
            .OrderBy(kv => BandOf(kv.Key.Group, options) ?? "~", StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Group, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.Week)
            .Select(kv => kv.Value.ToRow(kv.Key.Week.ToString(), kv.Key.Group, BandOf(kv.Key.Group, options)))
            .ToList();

        return new CpvoReport
        {
            Weeks = weeks.Select(w => w.ToString()).ToList(),
            Rows = rows,
            CordonSpend = cordon,
            CordonShare = total == 0 ? null : cordon / total,
            Trends = trend ? Trends(cells, options) : [],
        };
    }

    private static List<TeamTrend> Trends(Dictionary<(IsoWeek Week, string Group), Accumulator> cells, CpvoOptions options)
    {
        var quarter = options.LastWeek.Quarter;
        var previous = PreviousQuarterStart(options.LastWeek).Quarter;
        var result = new List<TeamTrend>();
        foreach (var group in cells.Keys.Select(k => k.Group).Distinct().Order(StringComparer.Ordinal))
        {
            if (group == Unattributed)
            {
                continue;
            }

            var now = Sum(cells, group, quarter);
            var before = Sum(cells, group, previous);
            decimal? cpvo = now.Verified == 0 ? null : now.Spend / now.Verified;
            decimal? prevCpvo = before.Verified == 0 ? null : before.Spend / before.Verified;
            decimal? share = now.Attempted == 0 ? null : (decimal)now.Verified / now.Attempted;
            decimal? prevShare = before.Attempted == 0 ? null : (decimal)before.Verified / before.Attempted;
            var verdict = Verdict(now.Verified, before.Verified, cpvo, prevCpvo, share, prevShare, options.MinimumVerifiedForTrend);
            result.Add(new TeamTrend(group, BandOf(group, options), quarter, cpvo, share, now.Verified, previous, prevCpvo, prevShare, before.Verified, verdict));
        }

        return result;
    }

    internal static TrendVerdict Verdict(int verified, int prevVerified, decimal? cpvo, decimal? prevCpvo, decimal? share, decimal? prevShare, int minimum)
    {
        if (verified < minimum || prevVerified < minimum || cpvo is null || prevCpvo is null || share is null || prevShare is null || prevCpvo == 0)
        {
            return TrendVerdict.NotEnoughData;
        }

        var cpvoChange = (cpvo.Value - prevCpvo.Value) / prevCpvo.Value;
        var cpvoDown = cpvoChange < -FlatBand;
        var shareHolding = share.Value >= prevShare.Value - FlatBand;
        if (cpvoDown && shareHolding)
        {
            return TrendVerdict.PayingOff;
        }

        if (!cpvoDown && !shareHolding)
        {
            return TrendVerdict.NotPayingOff;
        }

        return TrendVerdict.Mixed;
    }

    private static (decimal Spend, int Verified, int Attempted) Sum(Dictionary<(IsoWeek Week, string Group), Accumulator> cells, string group, string quarter)
    {
        decimal spend = 0;
        int verified = 0, attempted = 0;
        foreach (var ((week, g), acc) in cells)
        {
            if (g == group && week.Quarter == quarter)
            {
                spend += acc.Spend;
                verified += acc.Verified;
                attempted += acc.Verified + acc.Disqualified;
            }
        }

        return (spend, verified, attempted);
    }

    private static IsoWeek PreviousQuarterStart(IsoWeek last)
    {
        var thursday = last.Monday.AddDays(3);
        var quarterStartMonth = (((thursday.Month - 1) / 3) * 3) + 1;
        var previousStart = new DateTime(thursday.Year, quarterStartMonth, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(-3);
        return IsoWeek.Of(new DateTimeOffset(previousStart, TimeSpan.Zero), TimeZoneInfo.Utc);
    }

    private static string GroupOf(string? team, string? project, CpvoOptions options) =>
        (options.GroupBy == CpvoGrouping.Team ? team : project) ?? Unattributed;

    private static string? BandOf(string group, CpvoOptions options)
    {
        var team = options.GroupBy == CpvoGrouping.Team ? group : options.TeamOfProject.GetValueOrDefault(group);
        return team is null ? null : options.BandOfTeam.GetValueOrDefault(team);
    }

    private static Accumulator Cell(Dictionary<(IsoWeek, string), Accumulator> cells, IsoWeek week, string group)
    {
        if (!cells.TryGetValue((week, group), out var acc))
        {
            cells[(week, group)] = acc = new Accumulator();
        }

        return acc;
    }

    private sealed class Accumulator
    {
        public decimal Spend { get; set; }

        public decimal Estimated { get; set; }

        public decimal Linked { get; set; }

        public TokenCounts Tokens { get; set; }

        public long Unpriced { get; set; }

        public int Verified { get; set; }

        public int Disqualified { get; set; }

        public int Pending { get; set; }

        public Dictionary<string, int> DisqualifiedBy { get; } = new(StringComparer.Ordinal);

        public List<decimal> ChangeCosts { get; } = [];

        public CpvoRow ToRow(string week, string group, string? band) => new()
        {
            Week = week,
            Group = group,
            Band = band,
            Spend = Spend,
            Tokens = Tokens,
            Attempted = Verified + Disqualified,
            Verified = Verified,
            Disqualified = Disqualified,
            Pending = Pending,
            DisqualifiedBy = DisqualifiedBy,
            CostPerChange = Distribution.Of(ChangeCosts),
            LinkedShare = Spend == 0 ? null : Linked / Spend,
            EstimatedShare = Spend == 0 ? null : Estimated / Spend,
            UnpricedRecords = Unpriced,
        };
    }
}
