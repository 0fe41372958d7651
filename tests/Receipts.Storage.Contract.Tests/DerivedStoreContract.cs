using System.Globalization;
using Receipts.Domain.Metrics;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;

namespace Receipts.Storage.Contract.Tests;

/// <summary>
/// The reporting views (docs/views.md) in every store: exact columns and types (BI tools depend on them) and
/// numbers equal to the C# calculator's for the same rows.
/// </summary>
public abstract class DerivedStoreContract<TStore> : StoreContract<TStore>
    where TStore : class, IUsageStore, ITokenStore, IStoreHealth, IDerivedStore, IAsyncDisposable
{
    /// <summary>The documented contract: column name and portable type, in order.</summary>
    public static readonly IReadOnlyDictionary<string, (string Name, string Type)[]> Contract = new Dictionary<string, (string, string)[]>
    {
        [DerivedViews.SpendWeekly] =
        [
            ("week", "text"), ("week_start", "date"), ("team", "text"), ("project", "text"), ("person", "text"), ("model", "text"),
            ("cordoned", "boolean"), ("spend", "decimal"), ("estimated_spend", "decimal"), ("records", "bigint"), ("unpriced_records", "bigint"),
            ("requests", "bigint"), ("input_tokens", "bigint"), ("output_tokens", "bigint"), ("cache_read_tokens", "bigint"), ("cache_write_tokens", "bigint"),
        ],
        [DerivedViews.Changes] =
        [
            ("repo", "text"), ("id", "text"), ("merged_at", "timestamp"), ("week", "text"), ("week_start", "date"), ("team", "text"),
            ("project", "text"), ("status", "text"), ("reasons", "text"), ("head_branch", "text"), ("tickets", "text"),
            ("linked_cost", "decimal"), ("cordoned", "boolean"),
        ],
        [DerivedViews.CpvoWeekly] =
        [
            ("week", "text"), ("week_start", "date"), ("team", "text"), ("spend", "decimal"), ("attempted", "bigint"), ("verified", "bigint"),
            ("pending", "bigint"), ("disqualified", "bigint"), ("verified_share", "decimal"), ("cpvo", "decimal"),
        ],
    };

    // Europe/Berlin puts Sunday 23:30 UTC into Monday: the weeks must be the reporting zone's, not UTC's.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>The store's type name (information_schema.data_type) as a portable one: text, bigint, decimal, boolean, date, timestamp.</summary>
    protected abstract string Portable(string storeType);

    [StoreFact]
    public async Task Views_HaveExactlyTheDocumentedColumnsAndTypes()
    {
        await Store.ReplaceDerivedAsync(Facts(), Ct);

        foreach (var (view, columns) in Contract)
        {
            var contents = await Store.ReadViewAsync(view, Ct);
            contents.Columns.Select(c => (c.Name, Portable(c.StoreType))).ShouldBe(columns, $"{view} columns");
        }
    }

    [StoreFact]
    public async Task CpvoView_EqualsTheCalculator_ForTheSameRows()
    {
        var facts = Facts();
        await Store.ReplaceDerivedAsync(facts, Ct);

        var view = await Store.ReadViewAsync(DerivedViews.CpvoWeekly, Ct);
        var expected = CpvoCalculator.Calculate(facts.Spend, facts.Changes, new CpvoOptions
        {
            Zone = Zone,
            LastWeek = new IsoWeek(2026, 47),
            Weeks = 3,
            Cordoned = facts.Cordoned,
        });

        var actual = view.Rows
            .Select(r => $"{r[0]} {r[2]} spend={Round(r[3])} att={r[4]} ver={r[5]} pend={r[6]} dq={r[7]} share={Round(r[8])} cpvo={Round(r[9])}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var calculated = expected.Rows
            .Select(r => $"{r.Week} {r.Group} spend={Round(r.Spend)} att={r.Attempted} ver={r.Verified} pend={r.Pending} dq={r.Disqualified} share={Round(r.VerifiedShare)} cpvo={Round(r.Cpvo)}")
            .Order(StringComparer.Ordinal)
            .ToList();
        calculated.Count.ShouldBeGreaterThan(3);
        actual.ShouldBe(calculated);
    }

    [StoreFact]
    public async Task SpendAndChangeViews_CarryTheRowsInTheReportingZonesWeeks()
    {
        var facts = Facts();
        await Store.ReplaceDerivedAsync(facts, Ct);

        var spend = await Store.ReadViewAsync(DerivedViews.SpendWeekly, Ct);
        var changes = await Store.ReadViewAsync(DerivedViews.Changes, Ct);

        Convert.ToDecimal(spend.Rows.Sum(r => Convert.ToDecimal(r[7], CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture)
            .ShouldBe(facts.Spend.Sum(s => s.Amount ?? 0m));
        spend.Rows.Sum(r => Convert.ToInt64(r[10], CultureInfo.InvariantCulture)).ShouldBe(1, "one unpriced record");
        var late = spend.Rows.Single(r => (string)r[5]! == "late-model");
        late[0].ShouldBe("2026-W47", "Sunday 23:30 UTC is Monday in Berlin");
        var reverted = changes.Rows.Single(r => (string)r[1]! == "3");
        reverted[7].ShouldBe("disqualified");
        reverted[8].ShouldBe("revert,hotfix");
        changes.Rows.Single(r => (string)r[1]! == "1")[11].ShouldNotBeNull();
        (await Store.ReadDerivedMetaAsync(Ct))!.SpendRows.ShouldBe(facts.Spend.Count);
    }

    [StoreFact]
    public async Task SpendView_CountsTheRecordsARowSums()
    {
        var at = new DateTimeOffset(2026, 11, 17, 9, 0, 0, TimeSpan.Zero);
        var facts = Facts() with
        {
            Spend = [Spend("g1", at, "pay", "payments", 2m) with { Records = 40 }, Spend("g2", at.AddHours(1), "pay", "payments", null) with { Records = 7 }, Spend("r3", at.AddHours(2), "pay", "payments", 1m)],
            Changes = [],
        };

        await Store.ReplaceDerivedAsync(facts, Ct);
        var row = (await Store.ReadViewAsync(DerivedViews.SpendWeekly, Ct)).Rows.Single();

        Convert.ToInt64(row[9], CultureInfo.InvariantCulture).ShouldBe(48);
        Convert.ToInt64(row[10], CultureInfo.InvariantCulture).ShouldBe(7);
        (await Store.ReadDerivedMetaAsync(Ct))!.SpendRows.ShouldBe(3);
    }

    [StoreFact]
    public async Task Replace_RemovesThePreviousRun()
    {
        await Store.ReplaceDerivedAsync(Facts(), Ct);
        var second = Facts() with { Spend = [Spend("x", new DateTimeOffset(2026, 11, 17, 9, 0, 0, TimeSpan.Zero), "pay", "payments", 1m)], Changes = [] };

        await Store.ReplaceDerivedAsync(second, Ct);

        (await Store.ReadViewAsync(DerivedViews.SpendWeekly, Ct)).Rows.Count.ShouldBe(1);
        (await Store.ReadViewAsync(DerivedViews.Changes, Ct)).Rows.ShouldBeEmpty();
        (await Store.ReadDerivedMetaAsync(Ct))!.ChangeRows.ShouldBe(0);
    }

    private static string Round(object? value) => value is null ? "-" : decimal.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture), 6).ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Round(decimal? value) => Round((object?)value);

    private static SpendItem Spend(string id, DateTimeOffset at, string? team, string? project, decimal? amount, string model = "claude-sonnet-4-5", bool billed = false) => new()
    {
        RecordId = id,
        At = at,
        Team = team,
        Project = project,
        Model = model,
        Person = "ana",
        Amount = amount,
        Billed = billed,
        Tokens = new TokenCounts(100, 20, 5, 3, 2),
        Repo = "acme/pay",
    };

    private static ChangeOutcome Change(string id, DateTimeOffset merged, string? team, string? project, OutcomeStatus status, params string[] reasons) => new()
    {
        Repo = "acme/pay",
        Id = id,
        MergedAt = merged,
        Team = team,
        Project = project,
        Status = status,
        Reasons = reasons,
    };

    private DerivedFacts Facts()
    {
        var w46 = new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);
        var w47 = new DateTimeOffset(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);
        return new DerivedFacts
        {
            ComputedAt = Time.GetUtcNow(),
            AsOf = Time.GetUtcNow(),
            Since = new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero),
            Zone = Zone,
            Cordoned = new HashSet<string>(["lab"], StringComparer.Ordinal),
            Spend =
            [
                Spend("a", w46, "pay", "payments", 10.25m, billed: true),
                Spend("b", w46, "pay", "payments", 2.123456789m),
                Spend("c", w47, "pay", "payments", 7m),
                Spend("d", w47, "web", "site", 3.3333m),
                Spend("e", w47, null, null, 1.5m),
                Spend("f", w47, "web", "lab", 100m),
                Spend("g", w47, "web", "site", null),
                Spend("h", new DateTimeOffset(2026, 11, 15, 23, 30, 0, TimeSpan.Zero), "web", "site", 0.75m, model: "late-model"),
            ],
            Changes =
            [
                Change("1", w46, "pay", "payments", OutcomeStatus.Verified),
                Change("2", w46, "pay", "payments", OutcomeStatus.Verified),
                Change("3", w47, "pay", "payments", OutcomeStatus.Disqualified, "revert", "hotfix"),
                Change("4", w47, "pay", "payments", OutcomeStatus.Pending),
                Change("5", w47, "web", "site", OutcomeStatus.Verified),
                Change("6", w47, "web", "lab", OutcomeStatus.Verified),
                Change("7", w47, "ops", "infra", OutcomeStatus.Verified),
            ],
            ChangeCosts = new Dictionary<(string, string), decimal> { [("acme/pay", "1")] = 4.5m },
        };
    }
}
