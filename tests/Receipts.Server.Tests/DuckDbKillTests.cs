namespace Receipts.Server.Tests;

public sealed class DuckDbKillTests : KillContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));

    protected override Task<string> PrepareStoreAsync() => Task.FromResult("duckdb:" + Path.Combine(_directory, "r.duckdb"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
