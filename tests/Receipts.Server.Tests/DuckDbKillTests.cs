namespace Receipts.Server.Tests;

public sealed class DuckDbKillTests : KillContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));

    protected override Task<string> PrepareStoreAsync() => Task.FromResult("duckdb:" + Path.Combine(_directory, "r.duckdb"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

/// <summary>
/// The same kill with every batch answered from the collector's journal (<c>--journal-ack-ms 0</c>): a 2xx then means
/// "fsynced in the journal", and the restarted server applies what the store had not yet taken.
/// </summary>
public sealed class DuckDbJournalKillTests : KillContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "receipts-tests", Guid.NewGuid().ToString("n"));

    protected override string[] ServerArguments => ["--journal-ack-ms", "0"];

    protected override Task<string> PrepareStoreAsync() => Task.FromResult("duckdb:" + Path.Combine(_directory, "r.duckdb"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
