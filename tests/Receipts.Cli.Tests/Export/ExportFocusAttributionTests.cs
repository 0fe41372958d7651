using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Billing;
using Receipts.Domain.Pricing;
using Receipts.Domain.Usage;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli.Tests.Export;

/// <summary>
/// `export focus` writes the attributed, reconciled dollars: the file, imported back as FOCUS billing into a
/// fresh store, has tags whose sums by rule and by project are the attribution and CPVO reports' figures.
/// </summary>
public sealed class ExportFocusAttributionTests : IDisposable
{
    private const string Model = "acme-test-2";

    private readonly UsageStoreFixture _fixture = new();

    private Dictionary<string, string?> Variables => new()
    {
        ["RECEIPTS_DB"] = _fixture.DbPath,
        ["RECEIPTS_CONFIG"] = Path.Combine(_fixture.Folder, "receipts.yaml"),
    };

    [Fact]
    public async Task Export_ReimportedTags_MatchTheAttributionAndCpvoReports()
    {
        await SeedAsync();
        var file = Path.Combine(_fixture.Folder, "week.csv");

        var (code, _, error) = await CliRun.RunAsync(Variables, "export", "focus", "--period", "2026-11-09..2026-11-15", "--out", file);
        code.ShouldBe(0, error);
        var (attributionCode, attributionOut, attributionError) = await CliRun.RunAsync(Variables, "report", "attribution", "--weeks", "1", "--as-of", "2026-11-15T23:59:59Z", "--json");
        attributionCode.ShouldBe(0, attributionError);
        var (cpvoCode, cpvoOut, cpvoError) = await CliRun.RunAsync(Variables, "report", "cpvo", "--by", "project", "--weeks", "1", "--as-of", "2026-11-15T23:59:59Z", "--json");
        cpvoCode.ShouldBe(0, cpvoError);

        var other = Path.Combine(_fixture.Folder, "other.duckdb");
        var (importCode, _, importError) = await CliRun.RunAsync(new Dictionary<string, string?>(), "--db", other, "import", "focus", file);
        importCode.ShouldBe(0, importError);
        var lines = new List<BillingLine>();
        await using (var store = await DuckDbStore.OpenAsync(other, new FakeTimeProvider(), CancellationToken.None))
        {
            await foreach (var line in store.ReadBillingLinesAsync(new BillingFilter(), CancellationToken.None))
            {
                lines.Add(line);
            }
        }

        using var attribution = JsonDocument.Parse(attributionOut);
        var byRule = attribution.RootElement.GetProperty("byRule").EnumerateArray()
            .ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("amount").GetDecimal());
        var exportedByRule = lines.GroupBy(l => l.Tags["rule"]).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount!.Value));
        exportedByRule.OrderBy(k => k.Key).ShouldBe(byRule.OrderBy(k => k.Key));
        // Every rule of the scenario shows up: repo, key alias (a billed key nobody observed), seat, none.
        exportedByRule.Keys.ShouldBe(["repo", "key-alias", "seat", "none"], ignoreOrder: true);
        lines.Sum(l => l.Amount!.Value).ShouldBe(attribution.RootElement.GetProperty("total").GetDecimal());

        using var cpvo = JsonDocument.Parse(cpvoOut);
        var spendByProject = cpvo.RootElement.GetProperty("rows").EnumerateArray()
            .GroupBy(r => r.GetProperty("project").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.GetProperty("spend").GetDecimal()));
        var exportedByProject = lines.GroupBy(l => l.Tags["project"] == "unattributed" ? "(unattributed)" : l.Tags["project"])
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Amount!.Value));
        exportedByProject.ShouldBe(spendByProject, ignoreOrder: true);

        var pay = lines.Where(l => l.Tags["project"] == "payments").ToList();
        pay.ShouldAllBe(l => l.Tags["team"] == "pay");
        pay.ShouldContain(l => l.Attributes["x_AttributionRule"] == "repo" && l.Attributes["x_AttributionConfidence"] == "0.85");
        // Seats are recurring purchases, a row per day: alice's spread over her project, bob's idle.
        var seats = lines.Where(l => l.ChargeCategory == "Purchase").ToList();
        seats.Count.ShouldBe(14);
        seats.Where(l => l.Tags["person"] == "alice").ShouldAllBe(l => l.Tags["rule"] == "seat" && l.Tags["project"] == "payments");
        seats.Where(l => l.Tags["person"] == "bob").ShouldAllBe(l => l.Tags["rule"] == "none" && l.Tags["project"] == "unattributed");
    }

    private async Task SeedAsync()
    {
        await File.WriteAllTextAsync(
            Variables["RECEIPTS_CONFIG"]!,
            """
            teams:
              pay: {}
              web: {}
            people:
              alice: { team: pay, emails: [alice@acme.test] }
              bob: { team: web }
            projects:
              payments: { team: pay, repos: [github.com/acme/pay], key_aliases: [pay-prod] }
              site: { team: web, repos: [github.com/acme/site] }
            seats:
              - { tool: cursor, person: alice, monthly_cost: 30, from: 2026-11-01 }
              - { tool: cursor, person: bob, monthly_cost: 60, from: 2026-11-01 }
            """);
        await using var store = await DuckDbStore.OpenAsync(_fixture.DbPath, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        await store.WritePricesAsync(
            [new ModelPrice { Model = Model, Provider = "anthropic", Standard = new TokenRates(0.000001m, 0.000001m, 0.000001m, 0.000001m, 0.000001m), EffectiveFrom = new DateOnly(2026, 1, 1), Source = "test" }],
            CancellationToken.None);
        await store.WriteUsageAsync(
        [
            Usage("u1", Day(10), 1_000_000, "k-pay", "github.com/acme/pay", "alice@acme.test"),
            Usage("u2", Day(10), 3_000_000, "k-pay", "github.com/acme/site", null),
            Usage("u3", Day(11), 2_000_000, "k-site", "github.com/acme/site", null),
            Usage("u4", Day(12), 500_000, null, null, null),
            Usage("u5", Day(20), 9_000_000, "k-pay", "github.com/acme/pay", null),
        ],
        [],
        CancellationToken.None);
        BillingLine Line(string id, DateTimeOffset day, string key, decimal amount) => new()
        {
            Id = id, Source = "anthropic", Dataset = "cost_report", Provider = "anthropic", PeriodStart = day, PeriodEnd = day.AddDays(1),
            IdentityKind = BillingIdentityKind.ApiKey, IdentityId = key, Model = Model, Amount = amount, Basis = CostBasis.Billed,
        };
        await store.WriteBillingAsync(
            new BillingWrite
            {
                Scopes = [new BillingScope("anthropic", "cost_report")],
                // k-pay's day: $4.13 over 1M and 3M tokens; k-map: nobody observed it, its alias maps to payments; k-ghost maps nowhere.
                Lines = new[] { Line("b1", Day(10), "k-pay", 4.13m), Line("b2", Day(12), "k-map", 0.40m), Line("b3", Day(13), "k-ghost", 0.70m) }.ToAsyncEnumerable(),
                Identities = [new BillingIdentity { Source = "anthropic", Kind = BillingIdentityKind.ApiKey, Id = "k-map", Name = "pay-prod" }],
            },
            CancellationToken.None);
    }

    private static DateTimeOffset Day(int day) => new(2026, 11, day, 10, 0, 0, TimeSpan.Zero);

    private static UsageRecord Usage(string id, DateTimeOffset at, long input, string? key, string? repo, string? person) => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = at,
        Provider = "anthropic",
        Model = Model,
        Tokens = new TokenCounts(input, 0, 0, 0, 0),
        ApiKeyId = key,
        Repo = repo,
        Person = person,
        SessionId = "s-" + id,
    };

    public void Dispose() => _fixture.Dispose();
}
