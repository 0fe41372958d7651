using System.Globalization;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>
/// <see cref="IUsageStore.ReadUsageGroupsAsync"/> in SQL gives exactly what <see cref="UsageGroups"/> gives in memory
/// over the same records: same groups, same sums, same earliest record, same order.
/// </summary>
public abstract class UsageGroupStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 10, 24, 0, 0, 0, TimeSpan.Zero);

    // Varied on purpose: two sessions, days across a DST change and local midnights, long-context and empty
    // requests, records carrying their own (billed) cost, tags, tickets, keys, and one record a correction names.
    private static List<UsageRecord> Records()
    {
        var list = new List<UsageRecord>();
        for (var i = 0; i < 240; i++)
        {
            var input = i % 7 == 0 ? 250_000 : 1000 + i;
            list.Add(new UsageRecord
            {
                Id = "r" + i.ToString("D3", CultureInfo.InvariantCulture),
                SourceKind = i % 5 == 0 ? "litellm" : "claude-code",
                At = Start.AddMinutes(i * 47 % (60 * 24 * 6)).AddSeconds(i % 3),
                Provider = "anthropic",
                Model = i % 3 == 0 ? "claude-opus-4-1" : "claude-sonnet-4-5",
                ServiceTier = i % 11 == 0 ? "batch" : null,
                Tokens = i % 13 == 0 ? TokenCounts.Zero : new TokenCounts(input, 100 + i, i * 10, i % 4, 0),
                Requests = i % 17 == 0 ? 2 : 1,
                Cost = i % 5 == 0 ? 0.001m * i : null,
                CostBasis = i % 10 == 0 ? CostBasis.Billed : CostBasis.Estimated,
                ApiKeyId = i % 5 == 0 ? "key_" + (i % 2) : null,
                ApiKeyAlias = i % 5 == 0 ? "payments-dev" : null,
                Person = i % 4 == 0 ? null : "sarah@acme.test",
                MachineUser = "sarah",
                SessionId = i % 5 == 0 ? null : "s-" + (i % 2),
                Repo = i % 6 == 0 ? null : "github.com/acme/payments",
                Branch = i % 2 == 0 ? "feat/PAY-1" : "main",
                Cwd = "/home/sarah/src/payments",
                TicketIds = i % 2 == 0 ? ["PAY-1"] : [],
                Tags = i % 5 == 0 ? new Dictionary<string, string> { ["team"] = "payments", ["env"] = "prod" } : new Dictionary<string, string>(),
            });
        }

        return list;
    }

    [StoreFact]
    public async Task ReadUsageGroups_ByUtcHour_EqualsGroupingInMemory() =>
        await AssertSameAsync(new UsageGroupFilter());

    [StoreFact]
    public async Task ReadUsageGroups_ByLocalDateAcrossDst_EqualsGroupingInMemory() =>
        await AssertSameAsync(new UsageGroupFilter { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), Since = Start.AddHours(5), Until = Start.AddDays(5) });

    [StoreFact]
    public async Task ReadUsageGroups_HalfHourZoneAndSeparateRecord_EqualsGroupingInMemory() =>
        await AssertSameAsync(new UsageGroupFilter { Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), Separate = new HashSet<string>(StringComparer.Ordinal) { "r010", "r'x" } });

    [StoreFact]
    public async Task ReadUsageGroups_SplitAtBranchAndTicketInstants_EqualsGroupingInMemory() =>
        await AssertSameAsync(new UsageGroupFilter
        {
            Zone = TimeZoneInfo.Utc,
            Since = Start.AddHours(1),
            BranchSplits = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.Ordinal)
            {
                ["main"] = [Start.AddHours(30).AddTicks(10), Start.AddHours(30).AddTicks(10), Start.AddDays(3)],
                ["feat/none"] = [Start.AddHours(2)],
            },
            TicketSplits = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.OrdinalIgnoreCase)
            {
                ["pay-1"] = [Start.AddHours(40), Start.AddDays(4).AddMinutes(7)],
                ["OPS-9"] = [Start.AddHours(41)],
            },
        });

    [StoreFact]
    public async Task ReadUsageGroups_ByLocalDateWithoutAPeriod_EqualsGroupingInMemory() =>
        await AssertSameAsync(new UsageGroupFilter { Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") });

    [StoreFact]
    public async Task ReadUsageGroups_MixingContext_SumsByDayAndModelAsTheRecordsDo_InNoMoreGroups()
    {
        // A store may mix sessions, repos, branches, folders and tickets when asked (then it names none of them) or keep
        // them apart; either way the sums by local day and model, and everything that prices a group, stay exact.
        await Store.WriteUsageAsync(Records(), [], Ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var mixed = new UsageGroupFilter { Zone = zone, Since = Start.AddHours(5), Until = Start.AddDays(5), MixContext = true };

        var fromStore = await Store.ReadUsageGroupsAsync(mixed, Ct).ToListAsync();
        var apart = await Store.ReadUsageGroupsAsync(mixed with { MixContext = false }, Ct).ToListAsync();
        var inMemory = await UsageGroups.GroupAsync(Store.ReadUsageAsync(new UsageFilter { Since = mixed.Since, Until = mixed.Until }, Ct), mixed, Ct).ToListAsync();

        string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string Sums(IEnumerable<UsageGroup> groups) => string.Join(
            "\n",
            groups.GroupBy(g => (Day(g.Totals.At), g.Totals.Model, g.LongContext, g.Totals.ServiceTier, g.Totals.Cost is null))
                .OrderBy(x => x.Key.ToString(), StringComparer.Ordinal)
                .Select(x => $"{x.Key} {x.Sum(g => g.Records)} {x.Aggregate(TokenCounts.Zero, (t, g) => t + g.Totals.Tokens)} {x.Sum(g => g.Totals.Cost ?? 0).ToString("0.############", CultureInfo.InvariantCulture)}"));

        fromStore.Where(g => Day(g.Totals.At) != Day(g.LastAt)).ShouldBeEmpty("a group stays within one local day");
        Sums(fromStore).ShouldBe(Sums(inMemory));
        Sums(fromStore).ShouldBe(Sums(apart));
        fromStore.Count.ShouldBeLessThanOrEqualTo(apart.Count);
        inMemory.Count.ShouldBeLessThan(apart.Count, "the records span several sessions, repos and branches a day");
        inMemory.ShouldAllBe(g => g.Totals.SessionId == null && g.Totals.Repo == null && g.Totals.Branch == null && g.Totals.Cwd == null && g.Totals.TicketIds.Count == 0);
    }

    [StoreFact]
    public async Task ReadUsageGroups_EachRecord_GivesOneGroupPerRecordNamedByIt()
    {
        var records = Records();
        await Store.WriteUsageAsync(records, [], Ct);

        var groups = await Store.ReadUsageGroupsAsync(new UsageGroupFilter { Zone = TimeZoneInfo.Utc, EachRecord = true }, Ct).ToListAsync();

        groups.ShouldAllBe(g => g.Records == 1);
        groups.Select(g => g.Totals.Id).ShouldBe(records.Select(r => r.Id), ignoreOrder: true);
        await AssertSameAsync(new UsageGroupFilter { Zone = TimeZoneInfo.Utc, EachRecord = true }, written: true);
    }

    [StoreFact]
    public async Task ReadUsageGroups_SplitAtInstant_NoGroupStraddlesIt()
    {
        await Store.WriteUsageAsync(Records(), [], Ct);
        var split = Start.AddHours(30).AddMinutes(13);
        var filter = new UsageGroupFilter
        {
            Zone = TimeZoneInfo.Utc,
            BranchSplits = new Dictionary<string, IReadOnlyList<DateTimeOffset>>(StringComparer.Ordinal) { ["main"] = [split] },
        };

        var groups = await Store.ReadUsageGroupsAsync(filter, Ct).ToListAsync();

        groups.Where(g => g.Totals.Branch == "main").ShouldAllBe(g => g.LastAt < split || g.Totals.At >= split);
        groups.Where(g => g.Totals.Branch != "main").ShouldContain(g => g.Totals.At < split && g.LastAt >= split);
    }

    [StoreFact]
    public async Task ReadUsageGroups_SumsEveryRecordOnce()
    {
        var records = Records();
        await Store.WriteUsageAsync(records, [], Ct);

        var groups = await Store.ReadUsageGroupsAsync(new UsageGroupFilter { Zone = TimeZoneInfo.Utc }, Ct).ToListAsync();

        groups.Sum(g => g.Records).ShouldBe(records.Count);
        groups.Sum(g => g.Totals.Tokens.Total).ShouldBe(records.Sum(r => r.Tokens.Total));
        groups.Sum(g => g.Totals.Cost ?? 0m).ShouldBe(records.Sum(r => r.Cost ?? 0m));
        groups.Count.ShouldBeLessThan(records.Count);
        groups.Where(g => g.LongContext).Sum(g => g.Records).ShouldBe(records.Count(r => r.Tokens.TotalInput > 200_000 * r.Requests));
    }

    private async Task AssertSameAsync(UsageGroupFilter filter, bool written = false)
    {
        if (!written)
        {
            await Store.WriteUsageAsync(Records(), [], Ct);
        }

        var fromStore = await Store.ReadUsageGroupsAsync(filter, Ct).Select(Describe).ToListAsync();
        var inMemory = await UsageGroups.GroupAsync(Store.ReadUsageAsync(new UsageFilter { Since = filter.Since, Until = filter.Until }, Ct), filter, Ct).Select(Describe).ToListAsync();

        fromStore.Count.ShouldBeGreaterThan(10);
        fromStore.ShouldBe(inMemory);
    }

    private static string Describe(UsageGroup g)
    {
        var r = g.Totals;
        return string.Join(
            "|",
            r.Id,
            r.At.ToString("O", CultureInfo.InvariantCulture),
            g.LastAt.ToString("O", CultureInfo.InvariantCulture),
            g.Records,
            g.LongContext,
            r.SourceKind,
            r.Provider,
            r.Model,
            r.ServiceTier,
            r.Tokens,
            r.Requests,
            r.WebSearchRequests,
            r.Cost?.ToString("0.############", CultureInfo.InvariantCulture),
            r.CostBasis,
            r.Currency,
            r.ApiKeyId,
            r.ApiKeyAlias,
            r.Person,
            r.MachineUser,
            r.SessionId,
            r.Repo,
            r.Branch,
            r.Cwd,
            string.Join(' ', r.TicketIds),
            string.Join(',', r.Tags.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)));
    }
}
