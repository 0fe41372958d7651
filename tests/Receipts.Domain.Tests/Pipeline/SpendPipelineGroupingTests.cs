using System.Globalization;
using Receipts.Domain.Attribution;
using Receipts.Domain.Directory;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Usage;

namespace Receipts.Domain.Tests.Pipeline;

/// <summary>
/// The pipeline reads records summed by everything attribution, pricing and reconciliation look at; these tests
/// run it over the same random facts both ways (summed, and one group per record) and want the same numbers.
/// </summary>
public sealed class SpendPipelineGroupingTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddDays(21);

    private static readonly DirectoryView Directory = new(new DirectoryConfig
    {
        Teams = new Dictionary<string, TeamConfig>
        {
            ["pay"] = new() { Name = "pay", DefaultProject = "payments" },
            ["find"] = new() { Name = "find" },
        },
        Projects = new Dictionary<string, ProjectConfig>
        {
            ["payments"] = new() { Name = "payments", Team = "pay", Repos = ["github.com/acme/payments"], TicketPrefixes = ["PAY"], KeyAliases = ["payments-prod"] },
            ["search"] = new() { Name = "search", Team = "find", Repos = ["github.com/acme/search"], Paths = ["/src/search/**"] },
        },
        People = new Dictionary<string, PersonConfig> { ["sarah"] = new() { Name = "sarah", Team = "pay", Emails = ["sarah@acme.test"] } },
    });

    private static readonly Correction[] Corrections =
    [
        new("c1", Start, "lead", "this one was search work", CorrectionTarget.Record, "r0007", "search"),
        new("c2", Start, "lead", "spike", CorrectionTarget.Session, "s3", "search"),
        new("c3", Start.AddHours(1), "lead", "wrong repo", CorrectionTarget.Branch, "feat/PAY-2", "payments", "github.com/acme/search"),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RunAsync_SummedRecords_GiveThePerRecordLedger(int seed)
    {
        var records = Records(seed);
        var summed = await SpendPipeline.RunAsync(new MemoryUsageStore(records, perRecord: false), null, Directory, BuiltInPrices.Book(), Corrections, Start, End, CancellationToken.None);
        var single = await SpendPipeline.RunAsync(new MemoryUsageStore(records, perRecord: true), null, Directory, BuiltInPrices.Book(), Corrections, Start, End, CancellationToken.None);

        summed.Items.Count.ShouldBeLessThan(single.Items.Count * 2 / 3, "records of one session, model and hour are summed");
        summed.Items.Sum(i => i.Records).ShouldBe(records.Count);
        ByCell(summed).ShouldBe(ByCell(single));
        summed.Coverage.ShouldBe(single.Coverage);
        summed.UnattributedIdentities.ShouldBe(single.UnattributedIdentities);
        summed.UnattributedPaths.ShouldBe(single.UnattributedPaths);
        summed.Cells.ShouldBe(single.Cells);
        summed.UnpricedModels.ShouldBe(single.UnpricedModels);
        Sessions(summed).ShouldBe(Sessions(single));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Cpvo_SummedAndSplitAtMerges_LinksEveryDollarAsPerRecord(int seed)
    {
        var records = Records(seed);
        var random = new Random(seed);
        // Merges and first commits land in the middle of sessions, so summed records straddle them unless split.
        var outcomes = Enumerable.Range(0, 16).Select(i =>
        {
            var during = records[random.Next(records.Count)];
            var earlier = records[random.Next(records.Count)];
            return new ChangeOutcome
            {
                Repo = i % 2 == 0 ? "https://github.com/acme/payments.git" : "github.com/acme/search",
                Id = "#" + i,
                MergedAt = during.At.AddSeconds(30),
                HeadBranch = during.Branch ?? "feat/PAY-1",
                Tickets = i % 3 == 0 ? ["pay-" + (i % 5)] : [],
                FirstCommitAt = i % 2 == 0 && earlier.At < during.At ? earlier.At.AddDays(1) : null,
                Status = i % 3 == 0 ? OutcomeStatus.Disqualified : OutcomeStatus.Verified,
                Reasons = i % 3 == 0 ? ["revert"] : [],
            };
        }).ToList();
        var splits = LinkSplits.Of(outcomes, Start, End);
        var summed = await SpendPipeline.RunAsync(new MemoryUsageStore(records, perRecord: false), null, Directory, BuiltInPrices.Book(), Corrections, Start, End, new SpendRun { Zone = TimeZoneInfo.Utc, Splits = splits }, CancellationToken.None);
        var single = await SpendPipeline.RunAsync(new MemoryUsageStore(records, perRecord: true), null, Directory, BuiltInPrices.Book(), Corrections, Start, End, new SpendRun { Zone = TimeZoneInfo.Utc }, CancellationToken.None);
        var options = new CpvoOptions { LastWeek = IsoWeek.Of(End.AddTicks(-1), TimeZoneInfo.Utc), Weeks = 4, TeamOfProject = Directory.TeamOfProject };

        var fromSummed = CpvoCalculator.Calculate(summed.Items, outcomes, options);
        var fromSingle = CpvoCalculator.Calculate(single.Items, outcomes, options);

        summed.Items.Count.ShouldBeLessThan(single.Items.Count / 2);
        fromSingle.Rows.Sum(r => r.Spend * (r.LinkedShare ?? 0m)).ShouldBeGreaterThan(0m, "the test links some spend");
        Describe(fromSummed).ShouldBe(Describe(fromSingle));
        var linkedSummed = ChangeCostLinker.Link(outcomes, summed.Items).ByChange.ToDictionary(kv => kv.Key, kv => kv.Value.Amount);
        var linkedSingle = ChangeCostLinker.Link(outcomes, single.Items).ByChange.ToDictionary(kv => kv.Key, kv => kv.Value.Amount);
        linkedSummed.ShouldBe(linkedSingle, ignoreOrder: true);
    }

    [Fact]
    public async Task RunAsync_LongContextRecordsSummedWithShortOnes_KeepTheirOwnRates()
    {
        UsageRecord R(string id, long cacheRead, int minute) => new()
        {
            Id = id,
            SourceKind = "claude-code",
            At = Start.AddMinutes(minute),
            Provider = "anthropic",
            Model = "claude-sonnet-4-5",
            Tokens = new TokenCounts(1000, 500, cacheRead, 0, 0),
            SessionId = "s1",
        };
        var records = new[] { R("a", 250_000, 1), R("b", 10_000, 2), R("c", 10_000, 3) };
        var pricer = new Pricer(BuiltInPrices.Book());
        var perRecord = records.Sum(r => pricer.Price(r).Cost!.Value);

        var ledger = await SpendPipeline.RunAsync(new MemoryUsageStore(records, perRecord: false), null, Directory, BuiltInPrices.Book(), [], Start, End, CancellationToken.None);

        ledger.Items.Count.ShouldBe(2, "the long-context request is summed apart");
        ledger.Items.Sum(i => i.Amount).ShouldBe(perRecord);
        pricer.Price(records[0] with { Tokens = records.Aggregate(TokenCounts.Zero, (t, r) => t + r.Tokens), Requests = 3 }).Cost.ShouldNotBe(perRecord, "pricing the sum by its average input would be wrong");
    }

    private static List<UsageRecord> Records(int seed)
    {
        var random = new Random(seed);
        string? Pick(params string?[] values) => values[random.Next(values.Length)];
        // A session keeps its person, repo, branch, directory, tickets and tags; requests vary in model, tier and tokens.
        var contexts = Enumerable.Range(0, 12).Select(session => (
            Person: Pick("sarah@acme.test", "bob@acme.test", null),
            Repo: Pick("github.com/acme/payments", "git@github.com:acme/search.git", null),
            Branch: Pick("feat/PAY-" + (session % 4), "main", null),
            Cwd: Pick("/src/search/api", "/home/dev/x", null),
            Tickets: random.Next(0, 3) == 0 ? new[] { "PAY-" + (session % 5) } : [],
            Tags: random.Next(0, 6) switch
            {
                0 => new Dictionary<string, string> { ["project"] = "search" },
                1 => new Dictionary<string, string> { ["team"] = "pay", ["env"] = "prod" },
                _ => new Dictionary<string, string>(),
            })).ToArray();
        var list = new List<UsageRecord>();
        for (var i = 0; i < 600; i++)
        {
            var session = random.Next(0, 12);
            var c = contexts[session];
            var longContext = random.Next(0, 10) == 0;
            var billedCost = random.Next(0, 15) == 0;
            list.Add(new UsageRecord
            {
                Id = "r" + i.ToString("D4", CultureInfo.InvariantCulture),
                SourceKind = "claude-code",
                // Sessions cluster in time, as agents write them.
                At = Start.AddHours(session * 40 % (20 * 24)).AddMinutes(random.Next(0, 300)).AddSeconds(random.Next(0, 60)),
                Provider = "anthropic",
                Model = Pick("claude-sonnet-4-5", "claude-sonnet-4-5", "claude-opus-4-1", "mystery-model-9")!,
                ServiceTier = random.Next(0, 10) == 0 ? "batch" : null,
                Tokens = random.Next(0, 20) == 0 ? TokenCounts.Zero : new TokenCounts(random.Next(1, 5000), random.Next(1, 2000), longContext ? 240_000 : random.Next(0, 50_000), random.Next(0, 3000), random.Next(0, 2) * 500),
                Cost = billedCost ? random.Next(1, 900) / 1000m : null,
                CostBasis = billedCost ? CostBasis.Billed : CostBasis.Estimated,
                ApiKeyId = session % 5 == 0 ? "key_" + (session % 2) : null,
                ApiKeyAlias = session % 10 == 0 ? "payments-prod" : null,
                Person = c.Person,
                MachineUser = "dev",
                SessionId = session == 11 ? null : "s" + session,
                Repo = c.Repo,
                Branch = c.Branch,
                Cwd = random.Next(0, 20) == 0 ? "/src/search/other" : c.Cwd,
                TicketIds = c.Tickets,
                Tags = c.Tags,
            });
        }

        return list;
    }

    private static Dictionary<string, decimal> ByCell(SpendLedger ledger) => ledger.Items
        .GroupBy(i => $"{i.Project}|{i.Team}|{i.Model}|{i.Person}|{i.At.UtcDateTime:yyyy-MM-dd}|{i.Billed}|{i.Amount is null}")
        .ToDictionary(g => g.Key, g => g.Sum(i => i.Amount ?? 0m));

    private static List<string> Sessions(SpendLedger ledger) => ledger.Disagreements
        .Where(d => d.SessionId is not null)
        .Select(d => $"{d.SessionId}|{d.Project}|{d.Records}|{d.Amount}|{d.RecordId}")
        .Order(StringComparer.Ordinal)
        .ToList();

    private static List<string> Describe(CpvoReport report) => report.Rows
        .Select(r => string.Join("|", r.Week, r.Group, r.Spend, r.Tokens, r.Verified, r.Disqualified, r.LinkedShare, r.EstimatedShare, r.CostPerChange, r.UnpricedRecords))
        .ToList();
}
