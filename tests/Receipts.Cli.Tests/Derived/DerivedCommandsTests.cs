using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Outcomes;
using Receipts.Domain.Storage;
using Receipts.Domain.Usage;
using Receipts.Sources.Configuration;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli.Tests.Derived;

/// <summary><c>attribute run</c>, <c>report cost-per</c> and <c>init</c> against a real store holding chosen facts.</summary>
public sealed class DerivedCommandsTests : IDisposable
{
    // The CLI's clock is 2026-11-23 12:00 UTC (Monday of 2026-W48): the default 4 weeks are W45..W48.
    private static readonly DateTimeOffset W47 = new(2026, 11, 17, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset W46 = new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LongAgo = new(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly UsageStoreFixture _fixture = new();

    private const string Config = """
        timezone: UTC
        teams:
          pay: {}
          web: {}
        projects:
          payments: { team: pay, repos: [github.com/acme/pay], ticket_prefixes: [PAY] }
          site: { team: web, repos: [github.com/acme/site], trackers: [WEB] }
          lab: { team: web, repos: [github.com/acme/lab], cordon: true }
        """;

    private string ConfigPath => Path.Combine(_fixture.Folder, "receipts.yaml");

    private Dictionary<string, string?> Variables => new() { ["RECEIPTS_DB"] = _fixture.DbPath, ["RECEIPTS_CONFIG"] = ConfigPath };

    private static UsageRecord Usage(string id, DateTimeOffset at, string repo, decimal cost, string? key = null, string? user = null, string[]? tickets = null) => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = at,
        Provider = "anthropic",
        Model = "claude-sonnet-4-5",
        Tokens = new TokenCounts(1000, 100, 0, 0, 0),
        Cost = cost,
        CostBasis = CostBasis.Billed,
        Repo = repo,
        Branch = "feature/" + id,
        ApiKeyAlias = key,
        MachineUser = user,
        TicketIds = tickets ?? [],
    };

    private static Change Merged(string repo, string id, DateTimeOffset at, params string[] tickets) => new()
    {
        Repo = repo,
        Id = id,
        Sha = "sha" + id,
        MergedAt = at,
        Title = "change " + id,
        Source = "git",
        HeadBranch = "feature/" + id,
        Tickets = tickets,
    };

    private static TicketEvent Done(string ticket, DateTimeOffset at, string? trackerProject = null) => new()
    {
        Id = "ev-" + ticket + at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        Tracker = "jira",
        TicketId = ticket,
        Kind = TicketEventKind.Completed,
        At = at,
        Project = trackerProject,
    };

    private async Task SeedAsync(bool writeConfig = true)
    {
        if (writeConfig)
        {
            await File.WriteAllTextAsync(ConfigPath, Config);
        }

        await using var store = await DuckDbStore.OpenAsync(_fixture.DbPath, new FakeTimeProvider(W47), CancellationToken.None);
        await store.WriteUsageAsync(
            [
                Usage("u1", W46, "github.com/acme/pay", 10m, key: "pay-prod", user: "ana", tickets: ["PAY-1"]),
                Usage("u2", W47, "github.com/acme/pay", 20m, user: "ana", tickets: ["PAY-2"]),
                Usage("u3", W47, "github.com/acme/site", 6m, user: "bo"),
                Usage("u4", W47, "github.com/acme/lab", 100m, user: "bo"),
                Usage("u5", LongAgo, "github.com/acme/pay", 1000m),
            ],
            [],
            CancellationToken.None);
        await store.WriteChangesAsync(
            [
                Merged("github.com/acme/pay", "1", W46, "PAY-1"),
                Merged("github.com/acme/pay", "2", W47, "PAY-2"),
                Merged("github.com/acme/pay", "3", W47),
                Merged("github.com/acme/site", "4", W47),
                Merged("github.com/acme/lab", "5", W47),
                Merged("github.com/acme/pay", "6", LongAgo),
            ],
            [],
            CancellationToken.None);
        await store.WriteTicketEventsAsync(
            [Done("PAY-1", W46), Done("PAY-2", W47), Done("PAY-2", W47.AddHours(1)), Done("X-9", W47, "WEB"), Done("PAY-7", LongAgo)],
            [],
            CancellationToken.None);
    }

    [Fact]
    public async Task CostPer_Pr_ByTeam_DividesThePeriodsSpendByItsMergedChanges_LeavingCordonOut()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "report", "cost-per", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("team").GetString()!);
        rows["pay"].GetProperty("spend").GetDecimal().ShouldBe(30m);
        rows["pay"].GetProperty("merged_changes").GetInt32().ShouldBe(3);
        rows["pay"].GetProperty("cost_per_change").GetDecimal().ShouldBe(10m);
        rows["web"].GetProperty("spend").GetDecimal().ShouldBe(6m, "the cordoned lab's $100 is left out");
        rows["web"].GetProperty("merged_changes").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task CostPer_Task_ByProject_CountsEachTicketCompletedOnce_PlacedByPrefixOrTracker()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "report", "cost-per", "--unit", "task", "--by", "project", "--csv");

        code.ShouldBe(0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("project,spend,tasks_completed,cost_per_task");
        lines.ShouldContain(l => l.StartsWith("payments,30", StringComparison.Ordinal) && l.EndsWith(",2,15", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("site,6", StringComparison.Ordinal) && l.EndsWith(",1,6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CostPer_Table_ShowsEachGroupAndTheTotal()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "report", "cost-per");

        code.ShouldBe(0, error);
        output.ShouldContain("Cost per merged change by team");
        output.ShouldContain("Merged changes");
        output.ShouldContain("$36.00", customMessage: "total spend of pay and web, cordon left out");
        output.ShouldContain("$9.00", customMessage: "total cost per change: $36 / 4");
    }

    [Fact]
    public async Task CostPer_SinceUntil_SelectsThePeriod()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "report", "cost-per", "--since", "2026-08-01", "--until", "2026-09-30", "--json");

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var pay = json.RootElement.GetProperty("rows").EnumerateArray().Single();
        pay.GetProperty("spend").GetDecimal().ShouldBe(1000m);
        pay.GetProperty("merged_changes").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task AttributeRun_WritesTheViews_WhoseCpvoMatchesReportCpvo()
    {
        await SeedAsync();

        var (code, output, error) = await CliRun.RunAsync(Variables, "attribute", "run", "--weeks", "4");
        code.ShouldBe(0, error);
        output.ShouldContain("receipts_cpvo_weekly");
        var (cpvoCode, cpvoJson, cpvoError) = await CliRun.RunAsync(Variables, "report", "cpvo", "--weeks", "4", "--csv");
        cpvoCode.ShouldBe(0, cpvoError);

        await using var store = await DuckDbStore.OpenAsync(_fixture.DbPath, new FakeTimeProvider(W47), CancellationToken.None);
        var view = await store.ReadViewAsync(DerivedViews.CpvoWeekly, CancellationToken.None);
        var fromView = view.Rows
            .Select(r => $"{r[0]},{r[2]},{Convert.ToDecimal(r[3], CultureInfo.InvariantCulture):0.######},{r[4]},{r[5]},{r[6]},{r[7]}")
            .Order(StringComparer.Ordinal).ToList();
        var fromReport = cpvoJson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => $"{f[0]},{f[1]},{decimal.Parse(f[3], CultureInfo.InvariantCulture):0.######},{f[8]},{f[9]},{f[10]},{f[11]}")
            .Order(StringComparer.Ordinal).ToList();
        fromReport.ShouldNotBeEmpty();
        fromView.ShouldBe(fromReport);
        (await store.ReadViewAsync(DerivedViews.Changes, CancellationToken.None)).Rows.Count.ShouldBe(5, "the September change is before the 4 weeks derived");
        (await store.ReadDerivedMetaAsync(CancellationToken.None))!.Zone.ShouldBe("UTC");
    }

    [Fact]
    public async Task Init_WritesAFileTheLoaderAccepts_ProposingProjectsPrefixesKeysAndPeopleSeen()
    {
        await SeedAsync(writeConfig: false);
        await _fixture.WriteAsync(Usage("scratch", W47, "/home/ana/scratch/notes", 1m, user: "ana"));
        var path = Path.Combine(_fixture.Folder, "proposed", "receipts.yaml");

        var (code, output, error) = await CliRun.RunAsync(Variables, "init", "--output", path);

        code.ShouldBe(0, error);
        output.ShouldContain("3 projects");
        var config = await DirectoryLoader.LoadAsync(path, CancellationToken.None);
        config.Projects.Keys.Order(StringComparer.Ordinal).ShouldBe(["lab", "pay", "site"]);
        config.Projects["pay"].TicketPrefixes.ShouldBe(["PAY"]);
        config.Projects["pay"].KeyAliases.ShouldBe(["pay-prod"]);
        config.ProjectForRepo("github.com/acme/site")!.Name.ShouldBe("site");
        config.People["ana"].Team.ShouldBe("pay");
        config.People["bo"].MachineUsers.ShouldBe(["bo"]);
        (await File.ReadAllTextAsync(path)).ShouldContain("#   /home/ana/scratch/notes  (1 records)", customMessage: "a working directory is proposed for paths:, not as a project");
    }

    [Fact]
    public async Task Init_RefusesToOverwrite_UnlessForced()
    {
        await SeedAsync(writeConfig: false);
        var path = Path.Combine(_fixture.Folder, "receipts.yaml");
        await File.WriteAllTextAsync(path, "# mine\n");

        var (code, _, error) = await CliRun.RunAsync(Variables, "init", "--output", path);
        code.ShouldBe(1);
        error.ShouldContain("already exists");
        (await File.ReadAllTextAsync(path)).ShouldBe("# mine\n");

        var (forced, _, forcedError) = await CliRun.RunAsync(Variables, "init", "--output", path, "--force");
        forced.ShouldBe(0, forcedError);
        (await DirectoryLoader.LoadAsync(path, CancellationToken.None)).Projects.Count.ShouldBe(3);
    }

    public void Dispose() => _fixture.Dispose();
}
