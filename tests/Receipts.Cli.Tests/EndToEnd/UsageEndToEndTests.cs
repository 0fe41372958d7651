using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Receipts.Bench.CorpusGen;

namespace Receipts.Cli.Tests.EndToEnd;

/// <summary>
/// Drives the built CLI as a child process on a generated Claude Code corpus: import, daily report in UTC,
/// re-import. The expected totals are the generator's own truth (each response once, with its final usage,
/// a sidechain replay never over its parent), computed while it wrote the transcripts, not by the importer.
/// </summary>
public sealed class UsageEndToEndTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "receipts-e2e-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Import_then_daily_report_equals_the_generators_totals_and_a_reimport_changes_nothing()
    {
        var corpus = Path.Combine(_root, "claude");
        var db = Path.Combine(_root, "receipts.duckdb");
        var truth = CorpusGenerator.Generate(
            new GeneratorOptions(corpus, TargetBytes: 6 << 20, Seed: 7, FirstDay: new DateOnly(2025, 11, 1), Days: 12),
            CancellationToken.None);
        truth.Expected.Requests.ShouldBeGreaterThan(500);
        truth.MalformedLines.ShouldBeGreaterThan(0);
        (truth.SidechainReplays + truth.PartialResponses + truth.ResumedSessions).ShouldBeGreaterThan(0);

        var import = await RunCliAsync("import", "claude-code", "--path", corpus, "--db", db);
        import.Out.ShouldContain(string.Create(CultureInfo.InvariantCulture, $"Imported {truth.Expected.Requests:N0} records"), Case.Sensitive, import.Error);

        var first = await RunCliAsync("report", "usage", "--by", "day", "--json", "--tz", "UTC", "--db", db);
        using (var report = JsonDocument.Parse(first.Out))
        {
            var days = report.RootElement.GetProperty("daily").EnumerateArray()
                .ToDictionary(d => d.GetProperty("date").GetString()!, d => d);
            days.Keys.Order(StringComparer.Ordinal).ShouldBe(truth.ExpectedByDay.Keys);
            foreach (var (day, expected) in truth.ExpectedByDay)
            {
                ShouldEqual(days[day], expected, day);
            }

            ShouldEqual(report.RootElement.GetProperty("totals"), truth.Expected, "totals");
        }

        var again = await RunCliAsync("import", "claude-code", "--path", corpus, "--db", db);
        // Files that end in a cut-off line are looked at again (their tail may still be being written); nothing else is.
        var nothingNew = again.Out.StartsWith("Nothing new", StringComparison.Ordinal)
            || again.Out.StartsWith("Imported 0 records from", StringComparison.Ordinal) && again.Out.Contains("(0 new, 0 replaced", StringComparison.Ordinal);
        nothingNew.ShouldBeTrue(again.Out);
        again.Out.ShouldContain("unchanged since the last import");

        var second = await RunCliAsync("report", "usage", "--by", "day", "--json", "--tz", "UTC", "--db", db);
        second.Out.ShouldBe(first.Out);
    }

    private static void ShouldEqual(JsonElement row, TokenTotals expected, string what)
    {
        var context = $"{what}: {row}";
        row.GetProperty("requests").GetInt64().ShouldBe(expected.Requests, context);
        row.GetProperty("inputTokens").GetInt64().ShouldBe(expected.Input, context);
        row.GetProperty("outputTokens").GetInt64().ShouldBe(expected.Output, context);
        row.GetProperty("cacheReadTokens").GetInt64().ShouldBe(expected.CacheRead, context);
        row.GetProperty("cacheWrite5mTokens").GetInt64().ShouldBe(expected.CacheCreation5m, context);
        row.GetProperty("cacheWrite1hTokens").GetInt64().ShouldBe(expected.CacheCreation1h, context);
        row.GetProperty("cacheCreationTokens").GetInt64().ShouldBe(expected.CacheCreation, context);
        row.GetProperty("totalTokens").GetInt64().ShouldBe(expected.Total, context);
    }

    /// <summary>Runs <c>dotnet receipts.dll ARGS</c> from the CLI project's build output; fails on a non-zero exit.</summary>
    private async Task<(string Out, string Error)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        start.ArgumentList.Add(CliAssembly());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No terminal, no CI guessing, no machine config: only the arguments decide.
        start.Environment["HOME"] = _root;
        start.Environment.Remove("CLAUDE_CONFIG_DIR");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var (stdout, stderr) = (await output, await error);
        process.ExitCode.ShouldBe(0, $"receipts {string.Join(' ', args)}\n{stdout}\n{stderr}");
        return (stdout, stderr);
    }

    // The test and the CLI are built in the same configuration: tests/Receipts.Cli.Tests/bin/<config>/<tfm>/
    // next to src/Receipts.Cli/bin/<config>/<tfm>/receipts.dll (run by its own deps.json, native DuckDB included).
    private static string CliAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = output.Name;
        var configuration = output.Parent!.Name;
        var repo = output;
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Receipts.slnx")))
        {
            repo = repo.Parent;
        }

        repo.ShouldNotBeNull("the test runs from inside the repository");
        var dll = Path.Combine(repo.FullName, "src", "Receipts.Cli", "bin", configuration, tfm, "receipts.dll");
        File.Exists(dll).ShouldBeTrue($"{dll} is built with the tests (project reference)");
        return dll;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
