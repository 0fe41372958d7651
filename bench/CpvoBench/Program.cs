using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Receipts.Bench;
using Receipts.Domain.Metrics;
using Receipts.Domain.Pipeline;
using Receipts.Domain.Storage;
using Receipts.Sources.Configuration;
using Receipts.Storage.DuckDb;

// receipts-bench-cpvo [records] [changes] [db path] [sessions|spread] [--no-phases]
// Fills an embedded store with generated usage records and changes (DuckDB SQL over range(), no C# objects),
// then times CpvoService (price, attribute, reconcile, verify, fold) end to end, and the same work by phase.
// Layouts: "sessions" (default) puts 100 consecutive records in one agent session on one branch, a minute apart,
// as Claude Code and Codex write them; "spread" (the first layout) scatters every record of a session over the
// whole 12 weeks, so almost no two records share a session, branch and day.
var records = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var changes = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var layout = args.Length > 3 ? args[3] : "sessions";
var path = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"receipts-cpvo-bench-{records}-{layout}.duckdb");
var phases = !args.Contains("--no-phases");
const int Repos = BenchStore.Repos;
const int Weeks = BenchStore.Weeks;
var asOf = new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero);
var time = TimeProvider.System;
var ct = CancellationToken.None;

if (!File.Exists(path))
{
    await BenchStore.FillAsync(path, records, changes, layout, asOf, time, ct);
}

var yaml = "timezone: UTC\nteams:\n" + string.Concat(Enumerable.Range(0, Repos / 2).Select(t => $"  team{t}: {{}}\n"))
    + "projects:\n" + string.Concat(Enumerable.Range(0, Repos).Select(r => $"  repo{r}: {{ team: team{r / 2}, repos: [github.com/acme/repo{r}]{(r == Repos - 1 ? ", cordon: true" : string.Empty)} }}\n"));
var directory = new DirectoryView(DirectoryLoader.Parse(yaml, "bench.yaml"));

await using var store = await DuckDbStore.OpenAsync(path, time, ct);
var stored = await store.CountUsageAsync(ct);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store {path}: {stored:N0} usage records ({layout})"));
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var run = Stopwatch.StartNew();
var result = await CpvoService.RunAsync(store, directory, new CpvoService.Request(CpvoGrouping.Team, Weeks, asOf, TimeZoneInfo.Utc, Trend: false), ct);
run.Stop();
var process = Process.GetCurrentProcess();
process.Refresh();
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"CpvoService: {result.Ledger.Items.Count:N0} spend items, {result.Outcomes.Count:N0} outcomes, {result.Report.Rows.Count} rows in {run.Elapsed.TotalSeconds:F1} s ({(process.TotalProcessorTime - cpu).TotalSeconds:F1} CPU-s); peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB; GC heap {GC.GetTotalMemory(false) / 1048576.0:N0} MiB; load {File.ReadAllText("/proc/loadavg").Trim()}"));
Console.WriteLine(Digest(result.Report));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total spend {result.Report.Rows.Sum(r => r.Spend):N2}, verified {result.Report.Rows.Sum(r => r.Verified):N0}, linked share {result.Report.Rows.Sum(r => r.Spend * (r.LinkedShare ?? 0m)) / result.Report.Rows.Sum(r => r.Spend):P2}, cordon {result.Report.CordonSpend:N2}"));
result = null!;
GC.Collect();
if (!phases)
{
    return;
}

// The same work by phase, to see what dominates.
var since = IsoWeek.Of(asOf, TimeZoneInfo.Utc).AddWeeks(-(Weeks - 1)).StartIn(TimeZoneInfo.Utc);
var phase = Stopwatch.StartNew();
cpu = Process.GetCurrentProcess().TotalProcessorTime;
long groups = 0;
await foreach (var _ in store.ReadUsageGroupsAsync(new UsageGroupFilter { Since = since, Until = asOf, Zone = TimeZoneInfo.Utc }, ct))
{
    groups++;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phase: store read of {groups:N0} usage groups (by UTC date, no splits) {phase.Elapsed.TotalSeconds:F1} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} CPU-s)"));
phase.Restart();
cpu = Process.GetCurrentProcess().TotalProcessorTime;
var prices = await Receipts.Domain.Pricing.PriceBookLoader.LoadAsync(store, ct);
var corrections = await store.ReadCorrectionsAsync(ct);
var ledger = await SpendPipeline.RunAsync(store, store, directory, prices, corrections, since, asOf, ct);
var spendSeconds = phase.Elapsed.TotalSeconds;
var spendCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
cpu = Process.GetCurrentProcess().TotalProcessorTime;
phase.Restart();
var outcomes = await OutcomePipeline.RunAsync(store, directory, asOf, null, ct);
var outcomeSeconds = phase.Elapsed.TotalSeconds;
var outcomeCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
cpu = Process.GetCurrentProcess().TotalProcessorTime;
phase.Restart();
var report = CpvoCalculator.Calculate(ledger.Items, outcomes, new CpvoOptions { LastWeek = IsoWeek.Of(asOf, TimeZoneInfo.Utc), Weeks = Weeks, Cordoned = directory.Cordoned, TeamOfProject = directory.TeamOfProject });
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"phases: spend pipeline (read + price + attribute + reconcile) {spendSeconds:F1} s ({spendCpu:F1} CPU-s), outcome pipeline (read + verify) {outcomeSeconds:F1} s ({outcomeCpu:F1} CPU-s), calculator (link + fold) {phase.Elapsed.TotalSeconds:F1} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} CPU-s); {report.Rows.Count} rows"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total spend {report.Rows.Sum(r => r.Spend):N2}, verified {report.Rows.Sum(r => r.Verified):N0}"));

// Every number of the report, rounded as the table shows them (6 places), hashed: equal digests, equal reports.
static string Digest(CpvoReport report)
{
    static string D(decimal? d) => d is { } v ? decimal.Round(v, 6).ToString("0.000000", CultureInfo.InvariantCulture) : "-";
    var text = string.Join("\n", report.Rows.Select(r => string.Join(
        "|", r.Week, r.Group, D(r.Spend), r.Tokens.Total, r.Attempted, r.Verified, r.Pending, r.Disqualified, D(r.LinkedShare), D(r.EstimatedShare),
        D(r.CostPerChange.Median), D(r.CostPerChange.P90), D(r.CostPerChange.Max), r.CostPerChange.Count, r.UnpricedRecords)));
    if (Environment.GetEnvironmentVariable("RECEIPTS_BENCH_DIGEST_FILE") is { Length: > 0 } file)
    {
        File.WriteAllText(file, text);
    }

    var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    return string.Create(CultureInfo.InvariantCulture, $"report digest {hash} ({report.Rows.Count} rows, spend {report.Rows.Sum(r => r.Spend):F6}, cordon {report.CordonSpend:F6})");
}
