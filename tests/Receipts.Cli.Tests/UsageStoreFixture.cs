using Microsoft.Extensions.Time.Testing;
using Receipts.Domain.Usage;
using Receipts.Storage.DuckDb;

namespace Receipts.Cli.Tests;

/// <summary>A temp store file holding chosen usage records, for running the CLI against.</summary>
internal sealed class UsageStoreFixture : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-cli-tests", Guid.NewGuid().ToString("n"));

    public UsageStoreFixture()
    {
        Directory.CreateDirectory(_directory);
        DbPath = Path.Combine(_directory, "r.duckdb");
    }

    public string DbPath { get; }

    public string Folder => _directory;

    public Dictionary<string, string?> Variables => new() { ["RECEIPTS_DB"] = DbPath };

    public static UsageRecord Record(string id, DateTimeOffset at, string model, TokenCounts tokens) => new()
    {
        Id = id,
        SourceKind = "claude-code",
        At = at,
        Provider = model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : "openai",
        Model = model,
        Tokens = tokens,
        SessionId = "s-" + id,
        Repo = "github.com/acme/api",
        Branch = "main",
    };

    public async Task WriteAsync(params UsageRecord[] records)
    {
        await using var store = await DuckDbStore.OpenAsync(DbPath, new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        await store.WriteUsageAsync(records, [], CancellationToken.None);
    }

    public Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) => CliRun.RunAsync(Variables, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
