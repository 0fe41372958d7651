using System.Globalization;
using System.Text.Json;
using Receipts.Cli.Demo;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Pricing;
using Receipts.Domain.Storage;
using Receipts.Sources.Configuration;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli.Tests.Demo;

/// <summary>
/// The demo company end to end: generated, imported as a user would, then `report cpvo --json` checked against
/// numbers this test computes on its own from what the generator wrote (transcript lines priced with list rates
/// written here, the outcomes it planted, the seats of its directory file).
/// </summary>
public sealed class DemoEndToEndTests : IAsyncLifetime
{
    // The clock CliRun gives the CLI.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    // List prices per million tokens (input, output, 5m cache write, cache read), as Anthropic publishes them.
    private static readonly Dictionary<string, (decimal In, decimal Out, decimal Write, decimal Read)> Rates = new()
    {
        ["claude-sonnet-4-5-20250929"] = (3m, 15m, 3.75m, 0.30m),
        ["claude-opus-4-5-20251101"] = (5m, 25m, 6.25m, 0.50m),
        ["claude-haiku-4-5-20251001"] = (1m, 5m, 1.25m, 0.10m),
    };

    private static readonly Dictionary<string, int> WindowOfTeam = new() { ["payments"] = 14, ["platform"] = 14, ["mobile"] = 21, ["data"] = 7, ["research"] = 14 };

    private readonly string _root = Directory.CreateTempSubdirectory("receipts-demo-e2e").FullName;
    private DemoRunner.Summary _demo = null!;

    private string Store => Path.Combine(_root, "receipts.duckdb");

    public async Task InitializeAsync()
    {
        _demo = await DemoRunner.RunAsync(Path.Combine(_root, "company"), Store, Now, seed: 11, progress: null, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ReportCpvo_OnTheDemo_MatchesOutcomesAndSpendComputedFromWhatWasGenerated()
    {
        var (code, output, error) = await CliRun.RunAsync(
            new Dictionary<string, string?>(),
            "report", "cpvo", "--json", "--weeks", "8", "--db", Store, "--config", _demo.Manifest.ConfigPath);
        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("week").GetString()!, r.GetProperty("team").GetString()!));
        var weeks = json.RootElement.GetProperty("weeks").EnumerateArray().Select(w => w.GetString()!).ToHashSet();

        // Outcomes, from the planted fates.
        var expected = ExpectedOutcomes().Where(e => weeks.Contains(e.Key.Week) && e.Key.Team != "research").ToList();
        expected.Count.ShouldBeGreaterThan(20);
        foreach (var ((week, team), (verified, disqualified, pending)) in expected)
        {
            rows.ShouldContainKey((week, team));
            var row = rows[(week, team)];
            (row.GetProperty("verified").GetInt32(), row.GetProperty("disqualified").GetInt32(), row.GetProperty("pending").GetInt32())
                .ShouldBe((verified, disqualified, pending), $"{team} {week}");
            row.GetProperty("attempted").GetInt32().ShouldBe(verified + disqualified);
            if (verified > 0)
            {
                row.GetProperty("cpvo").GetDecimal().ShouldBe(decimal.Round(row.GetProperty("spend").GetDecimal() / verified, 4), 0.0001m);
            }
        }

        // Spend: the transcripts priced here, plus the seats of the directory file spread by day.
        var since = IsoWeek.Parse(weeks.Min()!).StartIn(TimeZoneInfo.Utc);
        var tokens = await ExpectedTokenSpendAsync(since);
        var seats = ExpectedSeatSpend(since);
        var reported = rows.Values.Sum(r => r.GetProperty("spend").GetDecimal()) + json.RootElement.GetProperty("cordon").GetProperty("spend").GetDecimal();
        reported.ShouldBe(tokens.Values.Sum() + seats.Values.Sum(), 0.05m);
        foreach (var ((week, team), amount) in tokens.Where(t => t.Key.Team != "research"))
        {
            var seat = seats.GetValueOrDefault((week, team));
            rows[(week, team)].GetProperty("spend").GetDecimal().ShouldBe(amount + seat, 0.10m, $"{team} {week}");
        }

        json.RootElement.GetProperty("cordon").GetProperty("share").GetDecimal().ShouldBeGreaterThan(0m);
        json.RootElement.GetProperty("coverage").GetDecimal().ShouldBeGreaterThan(0.95m);
    }

    [Fact]
    public async Task Attribution_OnTheDemo_PlacesAtLeast95PercentOfDollarsInTheRightProject_AndListsEveryDisagreement()
    {
        await using var store = await DuckDbStore.OpenAsync(Store, TimeProvider.System, CancellationToken.None);
        var directory = new DirectoryView(await DirectoryLoader.LoadAsync(_demo.Manifest.ConfigPath, CancellationToken.None));
        var messageOf = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var r in store.ReadUsageAsync(UsageFilter.All, CancellationToken.None))
        {
            messageOf[r.Id] = r.MessageId!;
        }

        var ledger = await SpendPipeline.RunAsync(store, store, directory, await PriceBookLoader.LoadAsync(store, CancellationToken.None), [], Now.AddDays(-90), Now, CancellationToken.None);

        decimal right = 0, all = 0;
        foreach (var item in ledger.Items.Where(i => messageOf.ContainsKey(i.RecordId)))
        {
            all += item.Amount!.Value;
            if (_demo.Manifest.Truth[messageOf[item.RecordId]] == item.Project)
            {
                right += item.Amount.Value;
            }
        }

        (right / all).ShouldBeGreaterThanOrEqualTo(0.95m);
        ledger.Disagreements.Count(d => d.Branch?.Contains("-77-shared-work", StringComparison.Ordinal) == true).ShouldBe(3);
        ledger.Disagreements.ShouldAllBe(d => d.Conflicts.Count > 0 && d.Project != null);
    }

    [Fact]
    public async Task AttributeFix_MovesTheSessionsDollarsToTheNamedProject()
    {
        var before = await LedgerAsync();
        var disagreement = before.Disagreements.First(d => d.SessionId is not null);
        var target = disagreement.Conflicts[0].Project;
        var sessionDollars = before.Items.Where(i => i.SessionId == disagreement.SessionId).Sum(i => i.Amount ?? 0m);

        var (code, _, error) = await CliRun.RunAsync(
            new Dictionary<string, string?>(),
            "attribute", "fix", "--session", disagreement.SessionId!, "--project", target, "--reason", "ticket names the real work", "--db", Store, "--config", _demo.Manifest.ConfigPath);
        code.ShouldBe(0, error);
        var after = await LedgerAsync();

        after.Items.Where(i => i.SessionId == disagreement.SessionId).ShouldAllBe(i => i.Project == target);
        var moved = TokenDollars(after, target) - TokenDollars(before, target);
        moved.ShouldBe(sessionDollars);
        after.Disagreements.ShouldNotContain(d => d.SessionId == disagreement.SessionId);
    }

    [Fact]
    public async Task AttributeFix_UnknownProject_IsAnErrorAndRecordsNothing()
    {
        var (code, _, error) = await CliRun.RunAsync(
            new Dictionary<string, string?>(),
            "attribute", "fix", "--branch", "main", "--project", "nope", "--reason", "x", "--db", Store, "--config", _demo.Manifest.ConfigPath);

        code.ShouldBe(1);
        error.ShouldContain("Unknown project 'nope'");
        await using var store = await DuckDbStore.OpenAsync(Store, TimeProvider.System, CancellationToken.None);
        (await store.ReadCorrectionsAsync(CancellationToken.None)).ShouldBeEmpty();
    }

    private static decimal TokenDollars(SpendLedger ledger, string project) =>
        ledger.Items.Where(i => i.Project == project && i.Model != "(seat)").Sum(i => i.Amount ?? 0m);

    private async Task<SpendLedger> LedgerAsync()
    {
        await using var store = await DuckDbStore.OpenAsync(Store, TimeProvider.System, CancellationToken.None);
        var directory = new DirectoryView(await DirectoryLoader.LoadAsync(_demo.Manifest.ConfigPath, CancellationToken.None));
        return await SpendPipeline.RunAsync(store, store, directory, await PriceBookLoader.LoadAsync(store, CancellationToken.None), await store.ReadCorrectionsAsync(CancellationToken.None), Now.AddDays(-90), Now, CancellationToken.None);
    }

    private Dictionary<(string Week, string Team), (int Verified, int Disqualified, int Pending)> ExpectedOutcomes()
    {
        var result = new Dictionary<(string, string), (int, int, int)>();
        void Add(DateTimeOffset merged, string team, string status)
        {
            var key = (IsoWeek.Of(merged, TimeZoneInfo.Utc).ToString(), team);
            var (v, d, p) = result.GetValueOrDefault(key);
            result[key] = status switch
            {
                "verified" => (v + 1, d, p),
                "disqualified" => (v, d + 1, p),
                _ => (v, d, p + 1),
            };
        }

        foreach (var c in _demo.Manifest.Changes)
        {
            var windowEnd = c.MergedAt.AddDays(WindowOfTeam[c.Team]);
            var fates = new[] { c.RevertedAt, c.HotfixedAt, c.ReopenedAt }.Where(t => t is { } at && at <= Now && at <= windowEnd);
            Add(c.MergedAt, c.Team, fates.Any() ? "disqualified" : windowEnd <= Now ? "verified" : "pending");

            // The revert and the hotfix are first-parent commits on main too: changes of their own.
            foreach (var follow in new[] { c.RevertedAt, c.HotfixedAt }.OfType<DateTimeOffset>().Where(t => t <= Now))
            {
                Add(follow, c.Team, follow.AddDays(WindowOfTeam[c.Team]) <= Now ? "verified" : "pending");
            }
        }

        return result;
    }

    private async Task<Dictionary<(string Week, string Team), decimal>> ExpectedTokenSpendAsync(DateTimeOffset since)
    {
        var teamOf = (await File.ReadAllLinesAsync(_demo.Manifest.ConfigPath)) is var lines ? TeamsOfProjects(lines) : [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var spend = new Dictionary<(string, string), decimal>();
        foreach (var file in Directory.EnumerateFiles(_demo.Manifest.ClaudeRoot, "*.jsonl", SearchOption.AllDirectories))
        {
            foreach (var line in await File.ReadAllLinesAsync(file))
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.GetProperty("type").GetString() != "assistant")
                {
                    continue;
                }

                var message = root.GetProperty("message");
                var id = message.GetProperty("id").GetString()!;
                var at = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
                if (!seen.Add(id) || at < since || at > Now)
                {
                    continue;
                }

                var usage = message.GetProperty("usage");
                var rate = Rates[message.GetProperty("model").GetString()!];
                var cost = ((usage.GetProperty("input_tokens").GetInt64() * rate.In)
                    + (usage.GetProperty("output_tokens").GetInt64() * rate.Out)
                    + (usage.GetProperty("cache_creation_input_tokens").GetInt64() * rate.Write)
                    + (usage.GetProperty("cache_read_input_tokens").GetInt64() * rate.Read)) / 1_000_000m;
                var project = _demo.Manifest.Truth[id];
                var team = project is null ? "mobile" : teamOf[project]; // tom's stray work falls to his team's default
                var key = (IsoWeek.Of(at, TimeZoneInfo.Utc).ToString(), team);
                spend[key] = spend.GetValueOrDefault(key) + cost;
            }
        }

        return spend;
    }

    private static Dictionary<(string Week, string Team), decimal> ExpectedSeatSpend(DateTimeOffset since)
    {
        // The demo's seats (see receipts.yaml): person, team, monthly cost, all from 2026-01-01.
        (string Team, decimal Monthly)[] seats = [("payments", 200m), ("payments", 200m), ("research", 200m), ("payments", 19m), ("mobile", 19m)];
        var result = new Dictionary<(string, string), decimal>();
        for (var day = DateOnly.FromDateTime(since.UtcDateTime); day <= DateOnly.FromDateTime(Now.UtcDateTime); day = day.AddDays(1))
        {
            var week = IsoWeek.Of(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), TimeZoneInfo.Utc).ToString();
            foreach (var (team, monthly) in seats)
            {
                result[(week, team)] = result.GetValueOrDefault((week, team)) + (monthly / DateTime.DaysInMonth(day.Year, day.Month));
            }
        }

        return result;
    }

    private static Dictionary<string, string> TeamsOfProjects(string[] yaml)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var inProjects = false;
        string? project = null;
        foreach (var line in yaml)
        {
            if (!line.StartsWith(' '))
            {
                inProjects = line.StartsWith("projects:", StringComparison.Ordinal);
                continue;
            }

            if (inProjects && line.StartsWith("  ", StringComparison.Ordinal) && !line.StartsWith("   ", StringComparison.Ordinal))
            {
                project = line.Trim().TrimEnd(':');
            }
            else if (inProjects && project is not null && line.Trim().StartsWith("team:", StringComparison.Ordinal))
            {
                result[project] = line.Trim()["team:".Length..].Trim();
            }
        }

        return result;
    }
}
