namespace Receipts.Cli.Tests;

public sealed class StoreLocationTests
{
    private static CliEnvironment Env(Dictionary<string, string?> variables) => new()
    {
        Out = TextWriter.Null,
        Error = TextWriter.Null,
        GetVariable = n => variables.TryGetValue(n, out var v) ? v : null,
        Time = TimeProvider.System,
        WorkingDirectory = "/work",
    };

    [Fact]
    public void Resolve_OptionWinsOverEnvironment()
    {
        StoreLocation.Resolve("x.duckdb", Env(new() { ["RECEIPTS_DB"] = "/env.duckdb" })).ShouldBe("/work/x.duckdb");
    }

    [Fact]
    public void Resolve_EnvironmentVariable_WhenNoOption()
    {
        StoreLocation.Resolve(null, Env(new() { ["RECEIPTS_DB"] = "/env.duckdb" })).ShouldBe("/env.duckdb");
    }

    [Fact]
    public void Resolve_XdgDataHome_ThenHome()
    {
        StoreLocation.Resolve(null, Env(new() { ["XDG_DATA_HOME"] = "/data" })).ShouldBe("/data/receipts/receipts.duckdb");
        StoreLocation.Resolve(null, Env(new() { ["HOME"] = "/home/a" })).ShouldBe("/home/a/.local/share/receipts/receipts.duckdb");
    }
}
