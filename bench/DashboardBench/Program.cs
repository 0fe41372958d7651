using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Receipts.Bench;
using Receipts.Domain.Tokens;
using Receipts.Server;
using Receipts.Server.Dashboard;
using Receipts.Server.Storage;
using Receipts.Sources.Configuration;
using Receipts.Storage.DuckDb;

// receipts-bench-dashboard [records] [changes] [db path] [loads] [sessions|spread]
// Fills an embedded store with generated usage records and changes (DuckDB SQL over range(), the same shapes as
// bench/CpvoBench: "sessions" (default) puts 100 consecutive records in one agent session on one branch, a minute
// apart, as Claude Code and Codex write them; "spread" scatters every record of a session over the 12 weeks), starts `receipts serve` in this process, waits for the dashboard's first snapshot, then loads
// the home page in Debian's Chromium (Playwright) several times and reports navigation start → all four charts drawn.
var records = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var changes = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var path = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"receipts-dashboard-bench-{records}.duckdb");
var loads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
var layout = args.Length > 4 ? args[4] : "sessions";
const int Repos = BenchStore.Repos;
var time = TimeProvider.System;
var ct = CancellationToken.None;
var now = time.GetUtcNow();

if (!File.Exists(path))
{
    await BenchStore.FillAsync(path, records, changes, layout, now, time, ct);
}

var yaml = "timezone: UTC\nteams:\n" + string.Concat(Enumerable.Range(0, Repos / 2).Select(t => $"  team{t}: {{ cadence: {(t % 2 == 0 ? "weekly" : "daily")} }}\n"))
    + "projects:\n" + string.Concat(Enumerable.Range(0, Repos).Select(r => $"  repo{r}: {{ team: team{r / 2}, repos: [github.com/acme/repo{r}]{(r == Repos - 1 ? ", cordon: true" : string.Empty)} }}\n"));
var directory = DirectoryLoader.Parse(yaml, "bench.yaml");

await using var store = await ServerStore.OpenAsync(new StoreSpec(StoreKind.DuckDb, path), time, ct);
var token = TokenSecret.Generate();
await store.Tokens.CreateTokenAsync(new ApiToken { Name = "bench-" + Guid.NewGuid().ToString("n")[..6], Hash = TokenSecret.Hash(token), Scope = TokenScope.Read, CreatedAt = now }, ct);
var started = Stopwatch.StartNew();
await using var app = ReceiptsServer.Build(new ReceiptsServerOptions { Urls = ["http://127.0.0.1:0"] }, store, builder =>
{
    builder.Logging.ClearProviders();
    builder.Services.AddSingleton(new DashboardOptions { LoadDirectory = _ => Task.FromResult(directory), RefreshInterval = TimeSpan.FromHours(1) });
});
await app.StartAsync(ct);
var address = new Uri(app.Urls.Single());

using (var handler = new HttpClientHandler { CookieContainer = new CookieContainer() })
{
    handler.CookieContainer.Add(address, new System.Net.Cookie("receipts_dashboard", token));
    using var client = new HttpClient(handler) { BaseAddress = address };
    while (true)
    {
        var status = await client.GetFromJsonAsync<JsonElement>("/dashboard/api/status", ct);
        if (status.GetProperty("version").ValueKind == JsonValueKind.Number)
        {
            break;
        }

        if (status.GetProperty("error").ValueKind == JsonValueKind.String)
        {
            throw new InvalidOperationException("snapshot failed: " + status.GetProperty("error").GetString());
        }

        await Task.Delay(250, ct);
    }
}

var process = Process.GetCurrentProcess();
process.Refresh();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first snapshot ready {started.Elapsed.TotalSeconds:F1} s after start; peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MiB; load {File.ReadAllText("/proc/loadavg").Trim()}"));

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
var page = await context.NewPageAsync();
await page.GotoAsync(new Uri(address, "/login").ToString());
await page.FillAsync("#token", token);
await page.ClickAsync("#login");
await page.WaitForSelectorAsync("body[data-charts=drawn]");

var drawn = new List<double>();
for (var i = 0; i < loads; i++)
{
    await page.GotoAsync(address.ToString());
    await page.WaitForSelectorAsync("body[data-charts=drawn]");
    var timing = await page.EvaluateAsync<JsonElement>(
        "() => ({ drawn: performance.getEntriesByName('charts-drawn')[0].startTime, response: performance.getEntriesByType('navigation')[0].responseEnd, bytes: performance.getEntriesByType('navigation')[0].transferSize })");
    drawn.Add(timing.GetProperty("drawn").GetDouble());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load {i + 1}: charts drawn at {timing.GetProperty("drawn").GetDouble():F0} ms (HTML received at {timing.GetProperty("response").GetDouble():F0} ms, {timing.GetProperty("bytes").GetInt64():N0} bytes)"));
}

drawn.Sort();
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"home page, navigation start → four charts drawn, {loads} loads over {records:N0} records: median {drawn[drawn.Count / 2]:F0} ms, max {drawn[^1]:F0} ms, min {drawn[0]:F0} ms; load {File.ReadAllText("/proc/loadavg").Trim()}"));
await app.StopAsync(ct);
