using Receipts.Cli.Demo;

namespace Receipts.Cli.Tests.Report;

/// <summary>The demo company generated and imported once for a test class (it takes a while: real git repos).</summary>
public sealed class DemoStore : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly string _root = Directory.CreateTempSubdirectory("receipts-weekly").FullName;

    public string Store => Path.Combine(_root, "receipts.duckdb");

    public string Config { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var demo = await DemoRunner.RunAsync(Path.Combine(_root, "company"), Store, Now, seed: 11, progress: null, CancellationToken.None);
        Config = demo.Manifest.ConfigPath;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    public Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) =>
        CliRun.RunAsync(new Dictionary<string, string?> { ["RECEIPTS_CONFIG"] = Config }, [.. args, "--db", Store]);
}
