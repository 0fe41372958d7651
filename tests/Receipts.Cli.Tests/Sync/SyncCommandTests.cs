using System.Text.Json;

namespace Receipts.Cli.Tests.Sync;

public sealed class SyncCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "receipts-sync-" + Guid.NewGuid().ToString("n"));

    public SyncCommandTests() => Directory.CreateDirectory(_folder);

    private string Db => Path.Combine(_folder, "r.duckdb");

    [Fact]
    public async Task Sync_FailingSources_ReportsEachAndExitsOne()
    {
        var config = Path.Combine(_folder, "receipts.yaml");
        await File.WriteAllTextAsync(config,
            """
            sources:
              - { kind: openrouter, key_env: RECEIPTS_TEST_UNSET_KEY }
              - { kind: seats, path: missing-seats.csv }
            """);

        var (code, output, _) = await CliRun.RunAsync(new Dictionary<string, string?>(), "sync", "--config", config, "--db", Db, "--json");

        code.ShouldBe(1);
        using var json = JsonDocument.Parse(output);
        var results = json.RootElement.EnumerateArray().ToList();
        results.Select(r => r.GetProperty("status").GetString()).ShouldBe(["failed", "failed"]);
        results[0].GetProperty("error").GetString()!.ShouldContain("RECEIPTS_TEST_UNSET_KEY is not set");
        results[1].GetProperty("kind").GetString().ShouldBe("seats");
    }

    [Fact]
    public async Task Sync_NoSources_SaysHowToAddThem()
    {
        var config = Path.Combine(_folder, "receipts.yaml");
        await File.WriteAllTextAsync(config, "teams:\n  payments:\n");

        var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string?>(), "sync", "--config", config, "--db", Db);

        code.ShouldBe(1);
        error.ShouldContain("lists no sources");
        error.ShouldContain("sources:");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
